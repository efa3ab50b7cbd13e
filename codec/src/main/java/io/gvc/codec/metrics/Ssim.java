package io.gvc.codec.metrics;

import io.gvc.codec.frame.Frame;
import io.gvc.codec.frame.Video;

/**
 * Structural similarity (Wang, Bovik, Sheikh, Simoncelli 2004), mean SSIM of one plane.
 *
 * <p>Defined to give the same numbers as
 * {@code skimage.metrics.structural_similarity(a, b, gaussian_weights=True, sigma=1.5,
 * use_sample_covariance=False, data_range=255)}: 11x11 Gaussian window with sigma 1.5 (truncated at 3.5
 * sigma and renormalised), K1 = 0.01, K2 = 0.03, L = 255, population statistics, and the mean taken over the
 * window positions lying wholly inside the plane (skimage crops the 5-sample border where its reflected
 * padding would reach). Computed in double precision. Agreement with skimage 0.26.0 is checked in the tests.
 *
 * <p><b>Small planes.</b> skimage refuses planes smaller than the window. Here, a plane with a side below
 * 11 samples uses a smaller square Gaussian window (same sigma, renormalised) whose side is the largest odd
 * number not above the shorter side, down to 1x1. The same rule applies at every scale of {@link MsSsim}.
 *
 * <p>By default luma only ({@link #ssim(Frame, Frame)}); {@link #ssim(Frame, Frame, int)} measures any
 * plane. Sequence values are the unweighted mean of the per-frame values.
 */
public final class Ssim {

    private Ssim() {
    }

    /** Mean SSIM of two 8-bit planes of {@code width x height} samples, row-major. */
    public static double ssim(byte[] a, byte[] b, int width, int height) {
        check(a, b, width, height);
        return SsimCore.stats(SsimCore.toDouble(a), SsimCore.toDouble(b), width, height)[0];
    }

    /** Luma SSIM of two frames. */
    public static double ssim(Frame a, Frame b) {
        return ssim(a, b, 0);
    }

    /** SSIM of plane {@code plane} (0 = Y, 1 = U, 2 = V) of two frames of the same size. */
    public static double ssim(Frame a, Frame b, int plane) {
        if (a.width() != b.width() || a.height() != b.height()) {
            throw new IllegalArgumentException("frames differ in size: " + a.width() + "x" + a.height()
                    + " vs " + b.width() + "x" + b.height());
        }
        return ssim(a.plane(plane), b.plane(plane), a.planeWidth(plane), a.planeHeight(plane));
    }

    /** Luma SSIM of each frame pair, in order. */
    public static double[] perFrame(Video a, Video b) {
        return perFrame(a, b, 0);
    }

    /** SSIM of plane {@code plane} of each frame pair, in order. */
    public static double[] perFrame(Video a, Video b, int plane) {
        requireSameLength(a, b);
        double[] out = new double[a.frameCount()];
        for (int i = 0; i < out.length; i++) {
            out[i] = ssim(a.frames().get(i), b.frames().get(i), plane);
        }
        return out;
    }

    /** Mean luma SSIM over the frames of two sequences of the same length. */
    public static double sequenceMean(Video a, Video b) {
        return mean(perFrame(a, b));
    }

    /** Arithmetic mean of per-frame values; fails on an empty array. */
    static double mean(double[] values) {
        if (values.length == 0) {
            throw new IllegalArgumentException("no frames");
        }
        double s = 0;
        for (double v : values) {
            s += v;
        }
        return s / values.length;
    }

    static void requireSameLength(Video a, Video b) {
        if (a.frameCount() != b.frameCount()) {
            throw new IllegalArgumentException("sequences differ in length: " + a.frameCount()
                    + " vs " + b.frameCount());
        }
    }

    static void check(byte[] a, byte[] b, int width, int height) {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("plane size must be positive, got " + width + "x" + height);
        }
        long n = (long) width * height;
        if (a.length != n || b.length != n) {
            throw new IllegalArgumentException("planes have " + a.length + "/" + b.length + " samples, expected "
                    + n + " for " + width + "x" + height);
        }
    }
}
