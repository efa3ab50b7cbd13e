package io.gvc.codec.metrics;

import io.gvc.codec.frame.Frame;
import io.gvc.codec.frame.Video;

/**
 * Multi-scale SSIM (Wang, Simoncelli, Bovik 2003), 5 scales, as in tf.image.ssim_multiscale and
 * pytorch_msssim.ms_ssim:
 *
 * <pre>
 *   MS-SSIM = Π_{s=1..4} max(cs_s, 0)^w_s · max(ssim_5, 0)^w_5,   w = (0.0448, 0.2856, 0.3001, 0.2363, 0.1333)
 * </pre>
 *
 * where {@code cs_s} is the mean contrast-structure map and {@code ssim_5} the mean full SSIM map
 * (luminance included) of scale s, each computed as in {@link Ssim} (11x11 Gaussian, sigma 1.5, K1 0.01,
 * K2 0.03, L 255, valid window positions only, population statistics), and scale s+1 is scale s
 * 2x2-average-pooled.
 *
 * <p><b>Documented choices.</b>
 * <ul>
 *   <li>Negative means are clamped to 0 before the power (the ReLU of both reference implementations),
 *       so a strongly anti-correlated scale gives MS-SSIM 0 rather than a NaN or a complex number.</li>
 *   <li>Odd sizes: pooling output is ceil(w/2) x ceil(h/2), the odd last row/column averaged with itself
 *       (symmetric padding, as tf.image.ssim_multiscale and Wang's msssim.m). pytorch_msssim instead
 *       zero-pads both sides for odd sizes; for sizes divisible by 16 all three agree.</li>
 *   <li>Small pictures: pytorch_msssim requires the shorter side to exceed 160 and tf requires each scale
 *       to be at least 11 samples; neither gives a value for e.g. 176x144 (scale 5 is 11x9). Here, at any
 *       scale with a side below 11 the window shrinks, as in {@link Ssim}, to the largest odd size not above
 *       the shorter side (9x9 for 11x9, still sigma 1.5). Pictures large enough for the 11x11 window at
 *       all 5 scales are unaffected, so values are comparable with the reference tools there.</li>
 * </ul>
 * Sequence values are the unweighted mean of per-frame values.
 */
public final class MsSsim {

    /** Scale weights of Wang et al. 2003, finest scale first. */
    static final double[] WEIGHTS = {0.0448, 0.2856, 0.3001, 0.2363, 0.1333};
    public static final int SCALES = 5;

    private MsSsim() {
    }

    /** MS-SSIM of two 8-bit planes of {@code width x height} samples, row-major. */
    public static double msSsim(byte[] a, byte[] b, int width, int height) {
        Ssim.check(a, b, width, height);
        double[] x = SsimCore.toDouble(a);
        double[] y = SsimCore.toDouble(b);
        int w = width, h = height;
        double product = 1.0;
        for (int s = 0; s < SCALES; s++) {
            double[] st = SsimCore.stats(x, y, w, h);
            if (s < SCALES - 1) {
                product *= Math.pow(Math.max(st[1], 0.0), WEIGHTS[s]);
                x = SsimCore.downsample(x, w, h);
                y = SsimCore.downsample(y, w, h);
                w = (w + 1) / 2;
                h = (h + 1) / 2;
            } else {
                product *= Math.pow(Math.max(st[0], 0.0), WEIGHTS[s]);
            }
        }
        return product;
    }

    /** Luma MS-SSIM of two frames. */
    public static double msSsim(Frame a, Frame b) {
        return msSsim(a, b, 0);
    }

    /** MS-SSIM of plane {@code plane} (0 = Y, 1 = U, 2 = V) of two frames of the same size. */
    public static double msSsim(Frame a, Frame b, int plane) {
        if (a.width() != b.width() || a.height() != b.height()) {
            throw new IllegalArgumentException("frames differ in size: " + a.width() + "x" + a.height()
                    + " vs " + b.width() + "x" + b.height());
        }
        return msSsim(a.plane(plane), b.plane(plane), a.planeWidth(plane), a.planeHeight(plane));
    }

    /**
     * Luma MS-SSIM of each frame pair, in order. Frames are independent, so they are computed on all
     * cores; each lands in its own slot, so the result does not depend on scheduling.
     */
    public static double[] perFrame(Video a, Video b) {
        Ssim.requireSameLength(a, b);
        double[] out = new double[a.frameCount()];
        java.util.stream.IntStream.range(0, out.length).parallel()
                .forEach(i -> out[i] = msSsim(a.frames().get(i), b.frames().get(i)));
        return out;
    }

    /** Mean luma MS-SSIM over the frames of two sequences of the same length. */
    public static double sequenceMean(Video a, Video b) {
        return Ssim.mean(perFrame(a, b));
    }
}
