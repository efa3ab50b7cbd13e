package io.gvc.operators.metrics;

import java.util.HashMap;
import java.util.Map;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.Histogram;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.runtime.metrics.DescriptiveStatisticsHistogram;

/**
 * Per-stream metrics of one operator subtask, registered on first use under
 * {@code <operator>.stream.<id>.<name>}, so the Flink dashboard lists them per camera. Gauges show
 * the latest GOP's value; histograms keep the last {@value #WINDOW} GOPs (percentiles on the dashboard).
 */
public final class StreamMetrics {

    static final int WINDOW = 500;

    private final MetricGroup operator;
    private final Map<String, PerStream> streams = new HashMap<>();

    public StreamMetrics(MetricGroup operator) {
        this.operator = operator;
    }

    public void inc(String stream, String counter) {
        inc(stream, counter, 1);
    }

    public void inc(String stream, String counter, long n) {
        PerStream s = of(stream);
        s.counters.computeIfAbsent(counter, s.group::counter).inc(n);
    }

    public void set(String stream, String gauge, double value) {
        PerStream s = of(stream);
        double[] cell = s.gauges.computeIfAbsent(gauge, g -> {
            double[] c = {Double.NaN};
            s.group.gauge(g, (Gauge<Double>) () -> c[0]);
            return c;
        });
        cell[0] = value;
    }

    public void record(String stream, String histogram, long value) {
        PerStream s = of(stream);
        s.histograms.computeIfAbsent(histogram,
                h -> s.group.histogram(h, new DescriptiveStatisticsHistogram(WINDOW))).update(value);
    }

    private PerStream of(String stream) {
        return streams.computeIfAbsent(stream.isEmpty() ? "unknown" : stream,
                s -> new PerStream(operator.addGroup("stream", s)));
    }

    private static final class PerStream {
        final MetricGroup group;
        final Map<String, Counter> counters = new HashMap<>();
        final Map<String, double[]> gauges = new HashMap<>();
        final Map<String, Histogram> histograms = new HashMap<>();

        PerStream(MetricGroup group) {
            this.group = group;
        }
    }
}
