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
    private double[] lpipsPerFrame;

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
        return of(source, decoded, lpips).qualities();
    }

    /** A measurement whose values are computed when asked for, each once. */
    static Measurement of(Video source, Video decoded, FrameDistance lpips) {
        return new Measurement(source, decoded, lpips);
    }

    /** Every metric the run can measure ({@link Metric#measured}), in Metric order. */
    Qualities qualities() throws IOException {
        Map<Metric, Double> values = new EnumMap<>(Metric.class);
        for (Metric metric : Metric.measured(lpips != null)) {
            values.put(metric, metric.measure(this));
        }
        return new Qualities(values);
    }

    /** Per frame: PSNR-Y of the decoded frame against its source. */
    double[] psnrYPerFrame() {
        double[] out = new double[source.frameCount()];
        for (int i = 0; i < out.length; i++) {
            out[i] = Psnr.psnrY(source.frames().get(i), decoded.frames().get(i));
        }
        return out;
    }

    /** Per frame: the LPIPS distance, computed once for the metric and the per-frame table; null without the model. */
    double[] lpipsPerFrame() throws IOException {
        if (lpips == null) {
            return null;
        }
        if (lpipsPerFrame == null) {
            double[] d = new double[source.frameCount()];
            for (int i = 0; i < d.length; i++) {
                d[i] = lpips.distance(source.frames().get(i), decoded.frames().get(i));
            }
            lpipsPerFrame = d;
        }
        return lpipsPerFrame.clone();
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

    /** The mean of the per-frame LPIPS distances. */
    double meanLpips() throws IOException {
        double[] perFrame = lpipsPerFrame();
        if (perFrame == null) {
            throw new IllegalStateException("LPIPS asked for without the LPIPS weights");
        }
        double sum = 0;
        for (double d : perFrame) {
            sum += d;
        }
        return sum / source.frameCount();
    }
}
