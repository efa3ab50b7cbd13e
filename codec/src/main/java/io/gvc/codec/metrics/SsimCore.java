package io.gvc.codec.metrics;

/**
 * The windowed SSIM statistics shared by {@link Ssim} and {@link MsSsim}: Gaussian-weighted local means,
 * variances and covariance over every window position lying wholly inside the plane ("valid" region), and
 * the mean over those positions of the SSIM map and of the contrast-structure map.
 *
 * <p>Separable filtering, streamed row by row through a ring of {@code window} horizontally filtered rows, so
 * memory is O(window · width) beyond the input.
 */
final class SsimCore {

    /** Nominal window side: a Gaussian with sigma 1.5 truncated at 3.5 sigma, as skimage builds it. */
    static final int WINDOW = 11;
    static final double SIGMA = 1.5;
    static final double K1 = 0.01;
    static final double K2 = 0.03;
    static final double L = 255.0;
    static final double C1 = (K1 * L) * (K1 * L);
    static final double C2 = (K2 * L) * (K2 * L);

    private SsimCore() {
    }

    /**
     * Window side used for a plane of this size: 11, or when a side is smaller than 11, the largest odd
     * number not above the smaller side (the same square window along both axes).
     */
    static int windowFor(int width, int height) {
        int m = Math.min(WINDOW, Math.min(width, height));
        return (m & 1) == 0 ? m - 1 : m;
    }

    /**
     * Normalised 1-D Gaussian weights of odd length {@code size}, sigma {@link #SIGMA}, centred:
     * {@code exp(-x²/(2σ²)) / Σ}, the construction of scipy.ndimage's gaussian_filter1d.
     */
    static double[] gaussian(int size) {
        int r = size / 2;
        double[] g = new double[size];
        double sum = 0;
        for (int i = 0; i < size; i++) {
            int x = i - r;
            g[i] = Math.exp(-0.5 / (SIGMA * SIGMA) * x * x);
            sum += g[i];
        }
        for (int i = 0; i < size; i++) {
            g[i] /= sum;
        }
        return g;
    }

    /** Unsigned 8-bit samples as doubles. */
    static double[] toDouble(byte[] plane) {
        double[] out = new double[plane.length];
        for (int i = 0; i < plane.length; i++) {
            out[i] = plane[i] & 0xFF;
        }
        return out;
    }

    /**
     * 2x2 average pooling to ceil(w/2) x ceil(h/2). An odd last column or row is paired with itself (the
     * symmetric extension of MATLAB's msssim.m and of tf.image.ssim_multiscale), so it keeps its values.
     */
    static double[] downsample(double[] x, int w, int h) {
        int ow = (w + 1) / 2, oh = (h + 1) / 2;
        double[] out = new double[ow * oh];
        for (int i = 0; i < oh; i++) {
            int r0 = 2 * i * w;
            int r1 = Math.min(2 * i + 1, h - 1) * w;
            int o = i * ow;
            for (int j = 0; j < ow; j++) {
                int c0 = 2 * j;
                int c1 = Math.min(c0 + 1, w - 1);
                out[o + j] = (x[r0 + c0] + x[r0 + c1] + x[r1 + c0] + x[r1 + c1]) * 0.25;
            }
        }
        return out;
    }

    /**
     * Mean SSIM and mean contrast-structure term over the valid window positions of two planes of
     * {@code w x h} samples: {@code {meanSsim, meanCs}}. Population (not sample) covariances, as
     * skimage with {@code use_sample_covariance=False} and the MS-SSIM reference implementations.
     */
    static double[] stats(double[] x, double[] y, int w, int h) {
        if (w <= 0 || h <= 0 || x.length != w * h || y.length != w * h) {
            throw new IllegalArgumentException("planes do not match " + w + "x" + h);
        }
        final int win = windowFor(w, h);
        final double[] g = gaussian(win);
        final int wv = w - win + 1, hv = h - win + 1;
        // Horizontally filtered rows, ring of `win` rows per statistic.
        final double[] hx = new double[win * wv], hy = new double[win * wv];
        final double[] hxx = new double[win * wv], hyy = new double[win * wv], hxy = new double[win * wv];
        final int[] slot = new int[win];
        double sumS = 0, sumCs = 0;
        for (int row = 0; row < h; row++) {
            int dst = (row % win) * wv;
            int src = row * w;
            for (int c = 0; c < wv; c++) {
                double sx = 0, sy = 0, sxx = 0, syy = 0, sxy = 0;
                int s = src + c;
                for (int k = 0; k < win; k++) {
                    double gk = g[k];
                    double a = x[s + k], b = y[s + k];
                    sx += gk * a;
                    sy += gk * b;
                    sxx += gk * (a * a);
                    syy += gk * (b * b);
                    sxy += gk * (a * b);
                }
                hx[dst + c] = sx;
                hy[dst + c] = sy;
                hxx[dst + c] = sxx;
                hyy[dst + c] = syy;
                hxy[dst + c] = sxy;
            }
            if (row < win - 1) {
                continue;
            }
            int top = row - win + 1;
            for (int k = 0; k < win; k++) {
                slot[k] = ((top + k) % win) * wv;
            }
            double rowS = 0, rowCs = 0;
            for (int c = 0; c < wv; c++) {
                double mx = 0, my = 0, mxx = 0, myy = 0, mxy = 0;
                for (int k = 0; k < win; k++) {
                    double gk = g[k];
                    int s = slot[k] + c;
                    mx += gk * hx[s];
                    my += gk * hy[s];
                    mxx += gk * hxx[s];
                    myy += gk * hyy[s];
                    mxy += gk * hxy[s];
                }
                double vx = mxx - mx * mx;
                double vy = myy - my * my;
                double vxy = mxy - mx * my;
                double a1 = 2 * mx * my + C1;
                double a2 = 2 * vxy + C2;
                double b1 = mx * mx + my * my + C1;
                double b2 = vx + vy + C2;
                rowS += (a1 * a2) / (b1 * b2);
                rowCs += a2 / b2;
            }
            sumS += rowS;
            sumCs += rowCs;
        }
        double n = (double) wv * hv;
        return new double[] {sumS / n, sumCs / n};
    }
}
