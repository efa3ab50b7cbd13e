package io.gvc.cli.demo;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** When the demo takes a dashboard snapshot as complete: every stream's GOPs encoded and released, latency there. */
class LiveDemoMetricsTest {

    static Map<String, String> snapshot(String encoded, String released, boolean latency) {
        Map<String, String> m = new HashMap<>();
        if (encoded != null) {
            m.put("PacketReorderer.stream.cam1.gopsEncoded", encoded);
        }
        if (released != null) {
            m.put("Reorderer.stream.cam1.gopsReleased", released);
        }
        if (latency) {
            m.put("Reorderer.stream.cam1.latencyMs_p99", "812.0");
        }
        return m;
    }

    @Test
    void aSnapshotIsCompleteOnlyWhenItShowsEveryGopOfEveryStream() {
        Map<String, Long> gops = Map.of("cam1", 2L);
        assertTrue(LiveDemo.metricsComplete(snapshot("2.0", "2.0", true), gops));
        assertFalse(LiveDemo.metricsComplete(Map.of(), gops), "empty");
        assertFalse(LiveDemo.metricsComplete(snapshot("1.0", "2.0", true), gops), "encoder count behind");
        assertFalse(LiveDemo.metricsComplete(snapshot("2.0", "1.0", true), gops), "reorderer count behind");
        assertFalse(LiveDemo.metricsComplete(snapshot("2.0", null, true), gops), "reorderer missing");
        assertFalse(LiveDemo.metricsComplete(snapshot("2.0", "2.0", false), gops), "latency histogram missing");
        Map<String, String> two = snapshot("2.0", "2.0", true);
        assertFalse(LiveDemo.metricsComplete(two, Map.of("cam1", 2L, "cam2", 2L)), "cam2 missing");
    }
}
