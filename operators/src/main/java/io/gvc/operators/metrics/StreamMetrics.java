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
 * Counters of operators keyed by stream keep their totals in keyed state ({@link KeyedCounterTotals}),
 * so they survive a failover; those of the other operators count from zero in each task attempt.
 */
public final class StreamMetrics {

    static final int WINDOW = 500;

    /** Where counters' totals are kept across task attempts. */
    public interface CounterTotals {
        /** Adds {@code n} to the current stream's {@code counter} and returns the new total. */
        long add(String counter, long n);
    }

    private final MetricGroup operator;
    private final CounterTotals totals;
    private final Map<String, PerStream> streams = new HashMap<>();

    /** Counters that start from zero in each task attempt. */
    public StreamMetrics(MetricGroup operator) {
        this(operator, null);
    }

    /** Counters that show {@code totals} (keyed state: the counter of the stream being processed). */
    public StreamMetrics(MetricGroup operator, CounterTotals totals) {
        this.operator = operator;
        this.totals = totals;
    }

    public void inc(String stream, String counter) {
        inc(stream, counter, 1);
    }

    public void inc(String stream, String counter, long n) {
        PerStream s = of(stream);
        Counter c = s.counters.computeIfAbsent(counter, s.group::counter);
        if (totals == null) {
            c.inc(n);
        } else {
            long total = totals.add(counter, n);
            c.inc(total - c.getCount()); // the first use after a restore catches up with the checkpointed total
        }
    }

    /** What {@code counter} of {@code stream} shows now (0 before its first use). */
    public long count(String stream, String counter) {
        PerStream s = streams.get(stream.isEmpty() ? "unknown" : stream);
        Counter c = s == null ? null : s.counters.get(counter);
        return c == null ? 0 : c.getCount();
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
