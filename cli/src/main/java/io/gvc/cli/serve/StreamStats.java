package io.gvc.cli.serve;

import io.gvc.kafka.formats.DecodedGop;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;

/** A stream's chart series: a point per decoded GOP, the last {@link #POINTS} kept. Thread-safe. */
final class StreamStats {

    static final int POINTS = 300;
    static final int LATENCY_WINDOW = 100;

    private final String stream;
    private final Deque<GopPoint> points = new ArrayDeque<>();
    private final Deque<Long> latencies = new ArrayDeque<>();
    private long deadLetters;

    StreamStats(String stream) {
        this.stream = stream;
    }

    synchronized void deadLetter() {
        deadLetters++;
    }

    /**
     * Adds the point of a decoded GOP that became readable at {@code receivedMicros}; {@code packet}
     * may be null, {@code dashboard} is the latest per-stream metrics map of the Flink REST API, or null.
     */
    synchronized GopPoint add(DecodedGop gop, long receivedMicros, PacketInfo packet, Map<String, String> dashboard) {
        long latency = (receivedMicros - gop.captureTimeMicros()) / 1000;
        latencies.addLast(latency);
        if (latencies.size() > LATENCY_WINDOW) {
            latencies.removeFirst();
        }
        List<Long> sorted = new ArrayList<>(latencies);
        sorted.sort(Long::compare);
        long pixels = (long) gop.frameCount() * gop.width() * gop.height();
        Long bits = packet == null ? null : 8L * packet.bytes();
        GopPoint p = new GopPoint(gop.gopSeq(), gop.captureTimeMicros() / 1000, gop.frameCount(), bits,
                bits == null ? null : (double) bits / pixels,
                packet == null ? null : packet.psnrY(), latency,
                percentile(sorted, 50), percentile(sorted, 99), deadLetters,
                metric(dashboard, "Reorderer.stream." + stream + ".latencyMs_median"),
                metric(dashboard, "Reorderer.stream." + stream + ".latencyMs_p99"),
                deadLettersOnDashboard(dashboard));
        points.addLast(p);
        if (points.size() > POINTS) {
            points.removeFirst();
        }
        return p;
    }

    synchronized List<GopPoint> points() {
        return List.copyOf(points);
    }

    synchronized long deadLetters() {
        return deadLetters;
    }

    /** The sum of every operator's {@code deadLetters} counter for this stream. */
    private Double deadLettersOnDashboard(Map<String, String> dashboard) {
        if (dashboard == null) {
            return null;
        }
        double sum = 0;
        boolean any = false;
        for (var e : dashboard.entrySet()) {
            if (e.getKey().endsWith(".stream." + stream + ".deadLetters")) {
                Double v = parse(e.getValue());
                if (v != null) {
                    sum += v;
                    any = true;
                }
            }
        }
        return any ? sum : null;
    }

    private static Double metric(Map<String, String> m, String name) {
        return m == null ? null : parse(m.get(name));
    }

    private static Double parse(String v) {
        try {
            return v == null ? null : Double.valueOf(v);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    static long percentile(List<Long> sorted, int p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(0, rank - 1));
    }
}
