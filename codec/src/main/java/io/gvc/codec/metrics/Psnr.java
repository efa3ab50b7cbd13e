package io.gvc.codec.metrics;

import io.gvc.codec.frame.Frame;
import io.gvc.codec.frame.Video;

/**
 * Peak signal-to-noise ratio for 8-bit pictures (peak 255).
 *
 * <p>Everything starts from the sum of squared errors (SSE) per plane, kept as an exact {@code long}, so
 * that PSNR over a group of frames or a whole sequence is computed from the total SSE and total sample
 * count ({@link PsnrAccumulator}) rather than by averaging per-frame decibels. Combining stored per-GOP
 * SSE values is therefore exact and independent of how the sequence was split.
 *
 * <p><b>Identical pictures.</b> The true PSNR of SSE 0 is infinite. Every PSNR here is capped at
 * {@link #MAX_DB} = 100 dB: SSE 0 reports exactly 100, and a finite value above 100 (possible for very
 * large pictures with a handful of off-by-one samples) is also reported as 100, so the reported value
 * never decreases when the error shrinks.
 *
 * <p>The weighted YUV PSNR is {@code (6·PSNR_Y + PSNR_U + PSNR_V) / 8}, the 6:1:1 weighting used in video
 * coding reports (JVET/MPEG common test conditions); it weights the per-plane decibel values, each computed
 * from its own plane's SSE and sample count.
 */
public final class Psnr {

    /** Peak sample value of 8-bit video. */
    public static final double PEAK = 255.0;
    /** Reported PSNR for identical pictures, and the ceiling of every reported value. */
    public static final double MAX_DB = 100.0;

    private static final double PEAK_SQUARED = PEAK * PEAK;

    private Psnr() {
    }

    /** Sum of squared differences of two sample arrays of the same length, treating bytes as unsigned. */
    public static long sse(byte[] a, byte[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("planes differ in size: " + a.length + " vs " + b.length);
        }
        // One row of 8-bit differences squared is at most 65025 per sample; an int partial per block of
        // 32768 samples cannot overflow (32768 * 65025 < 2^31), and keeps the inner loop in int arithmetic.
        long total = 0;
        int n = a.length;
        for (int start = 0; start < n; start += 32768) {
            int end = Math.min(n, start + 32768);
            int partial = 0;
            for (int i = start; i < end; i++) {
                int d = (a[i] & 0xFF) - (b[i] & 0xFF);
                partial += d * d;
            }
            total += partial;
        }
        return total;
    }

    /** SSE of one plane (0 = Y, 1 = U, 2 = V) of two frames of the same size. */
    public static long sse(Frame a, Frame b, int plane) {
        requireSameSize(a, b);
        return sse(a.plane(plane), b.plane(plane));
    }

    /** SSE of all three planes of two frames of the same size, with their sample counts. */
    public static YuvSse frameSse(Frame a, Frame b) {
        requireSameSize(a, b);
        return new YuvSse(sse(a.y(), b.y()), sse(a.u(), b.u()), sse(a.v(), b.v()),
                a.y().length, a.u().length);
    }

    /** Total SSE of two sequences of the same length and size, frame by frame. */
    public static YuvSse sequenceSse(Video a, Video b) {
        if (a.frameCount() != b.frameCount()) {
            throw new IllegalArgumentException("sequences differ in length: " + a.frameCount()
                    + " vs " + b.frameCount());
        }
        PsnrAccumulator acc = new PsnrAccumulator();
        for (int i = 0; i < a.frameCount(); i++) {
            acc.add(a.frames().get(i), b.frames().get(i));
        }
        return acc.total();
    }

    /**
     * PSNR in dB of {@code samples} 8-bit samples with total squared error {@code sse}:
     * {@code 10·log10(255² · samples / sse)}, capped at {@link #MAX_DB} (SSE 0 gives exactly 100).
     */
    public static double psnr(long sse, long samples) {
        if (sse < 0 || samples <= 0) {
            throw new IllegalArgumentException("need sse >= 0 and samples > 0, got " + sse + ", " + samples);
        }
        if (sse == 0) {
            return MAX_DB;
        }
        double db = 10.0 * Math.log10(PEAK_SQUARED * (double) samples / (double) sse);
        return Math.min(MAX_DB, db);
    }

    /** PSNR of the luma planes of two frames. */
    public static double psnrY(Frame a, Frame b) {
        requireSameSize(a, b);
        return psnr(sse(a.y(), b.y()), a.y().length);
    }

    /** 6:1:1 weighted YUV PSNR of two frames, see {@link #weightedYuv}. */
    public static double psnrYuv(Frame a, Frame b) {
        return frameSse(a, b).psnrYuv();
    }

    /** The 6:1:1 weighting of per-plane PSNR values: {@code (6·y + u + v) / 8}. */
    public static double weightedYuv(double psnrY, double psnrU, double psnrV) {
        return (6.0 * psnrY + psnrU + psnrV) / 8.0;
    }

    private static void requireSameSize(Frame a, Frame b) {
        if (a.width() != b.width() || a.height() != b.height()) {
            throw new IllegalArgumentException("frames differ in size: " + a.width() + "x" + a.height()
                    + " vs " + b.width() + "x" + b.height());
        }
    }
}
