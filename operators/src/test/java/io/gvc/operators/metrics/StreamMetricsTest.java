package io.gvc.operators.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.Histogram;
import org.apache.flink.metrics.Metric;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.SimpleCounter;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;
import org.junit.jupiter.api.Test;

class StreamMetricsTest {

    /** A metric group that keeps what is registered under its dotted path, as the dashboard lists it. */
    private static final class Registry extends UnregisteredMetricsGroup {
        private final String path;
        private final Map<String, Metric> metrics;

        Registry(String path, Map<String, Metric> metrics) {
            this.path = path;
            this.metrics = metrics;
        }

        @Override
        public MetricGroup addGroup(String key, String value) {
            return new Registry(path + key + "." + value + ".", metrics);
        }

        @Override
        public Counter counter(String name) {
            Counter c = new SimpleCounter();
            metrics.put(path + name, c);
            return c;
        }

        @Override
        public <T, G extends Gauge<T>> G gauge(String name, G gauge) {
            metrics.put(path + name, gauge);
            return gauge;
        }

        @Override
        public <H extends Histogram> H histogram(String name, H histogram) {
            metrics.put(path + name, histogram);
            return histogram;
        }
    }

    private final Map<String, Metric> registered = new TreeMap<>();
    private final MetricGroup operator = new Registry("GopEncoder.", registered);

    @Test
    void metricsRegisterOncePerStreamUnderItsId() {
        StreamMetrics m = new StreamMetrics(operator);
        m.inc("cam1", "gopsEncoded");
        m.inc("cam1", "gopsEncoded", 2);
        m.inc("", "recordsRefused");
        m.set("cam1", "bpp", 0.03);
        m.set("cam1", "bpp", 0.05);
        m.record("cam2", "latencyMs", 40);
        m.record("cam2", "latencyMs", 60);
        assertEquals(3, m.count("cam1", "gopsEncoded"));
        assertEquals(1, m.count("", "recordsRefused"), "records without a stream count as 'unknown'");
        assertEquals(0, m.count("cam9", "gopsEncoded"));
        assertEquals(java.util.List.of("GopEncoder.stream.cam1.bpp", "GopEncoder.stream.cam1.gopsEncoded",
                "GopEncoder.stream.cam2.latencyMs", "GopEncoder.stream.unknown.recordsRefused"),
                java.util.List.copyOf(registered.keySet()));
        assertEquals(0.05, ((Gauge<?>) registered.get("GopEncoder.stream.cam1.bpp")).getValue(), "the latest value");
        Histogram h = (Histogram) registered.get("GopEncoder.stream.cam2.latencyMs");
        assertEquals(2, h.getCount());
        assertEquals(50.0, h.getStatistics().getMean(), 1e-9);
    }

    @Test
    void countersWithKeptTotalsGoOnFromTheCheckpointedTotalAfterARestore() {
        // the totals a keyed operator checkpointed, here for the one stream being processed
        Map<String, Long> checkpointed = new HashMap<>(Map.of("gopsEncoded", 41L));
        StreamMetrics.CounterTotals totals = (counter, n) -> checkpointed.merge(counter, n, Long::sum);
        StreamMetrics restored = new StreamMetrics(operator, totals);
        restored.inc("cam1", "gopsEncoded");
        assertEquals(42, restored.count("cam1", "gopsEncoded"), "caught up on first use");
        restored.inc("cam1", "gopsEncoded", 3);
        assertEquals(45, restored.count("cam1", "gopsEncoded"));
        assertEquals(45L, checkpointed.get("gopsEncoded"));
        assertTrue(registered.containsKey("GopEncoder.stream.cam1.gopsEncoded"));
    }
}
