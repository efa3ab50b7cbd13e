package io.gvc.eval;

import io.gvc.codec.frame.Frame;
import io.gvc.codec.frame.Video;
import io.gvc.codec.metrics.Psnr;
import io.gvc.codec.metrics.YuvSse;
import java.io.IOException;
import java.util.EnumMap;
import java.util.Map;

/**
 * A decoded sequence against its source, as each {@link Metric} measures it. Work that several metrics
 * share is done once, on first use: the sequence's SSE behind the four PSNRs (pooled over the whole
 * sequence, not a mean of per-frame decibels).
 */
final class Measurement {

    /** A distance between two frames; LPIPS is one. An interface so that tests can measure without the model. */
    @FunctionalInterface
    interface FrameDistance {
        double distance(Frame a, Frame b) throws IOException;
    }

    private final Video source;
    private final Video decoded;
    private final FrameDistance lpips;
    private YuvSse sse;

    private Measurement(Video source, Video decoded, FrameDistance lpips) {
        if (source.frameCount() != decoded.frameCount()) {
            throw new IllegalArgumentException(
                    "source has " + source.frameCount() + " frames, decoded " + decoded.frameCount());
        }
        this.source = source;
        this.decoded = decoded;
        this.lpips = lpips;
    }

    /**
     * Every metric the run can measure ({@link Metric#measured}), in Metric order.
     *
     * @param lpips the LPIPS model's distance, null when the run has no LPIPS weights
     */
    static Qualities measure(Video source, Video decoded, FrameDistance lpips) throws IOException {
        Measurement measurement = new Measurement(source, decoded, lpips);
        Map<Metric, Double> values = new EnumMap<>(Metric.class);
        for (Metric metric : Metric.measured(lpips != null)) {
            values.put(metric, metric.measure(measurement));
        }
        return new Qualities(values);
    }

    Video source() {
        return source;
    }

    Video decoded() {
        return decoded;
    }

    /** The SSE of each plane over the whole sequence, computed once for all the PSNRs. */
    YuvSse sse() {
        if (sse == null) {
            sse = Psnr.sequenceSse(source, decoded);
        }
        return sse;
    }

    /** The LPIPS model; only metrics that need {@link Metric.Needs#LPIPS_WEIGHTS} ask, and only when the run has it. */
    FrameDistance lpips() {
        if (lpips == null) {
            throw new IllegalStateException("LPIPS asked for without the LPIPS weights");
        }
        return lpips;
    }

    /** The mean over the frames of a per-frame distance between source and decoded frame. */
    double meanOverFrames(FrameDistance d) throws IOException {
        double sum = 0;
        for (int i = 0; i < source.frameCount(); i++) {
            sum += d.distance(source.frames().get(i), decoded.frames().get(i));
        }
        return sum / source.frameCount();
    }
}
