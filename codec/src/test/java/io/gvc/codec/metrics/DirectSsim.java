package io.gvc.codec.metrics;

/**
 * SSIM straight from its definition, for checking the fast implementations: for every window position
 * wholly inside the plane, weighted means, variances and covariance with the 2-D weights g(i) g(j)
 * (Gaussian, sigma 1.5, 11 taps or the plane's odd size if smaller), nothing shared between positions.
 */
final class DirectSsim {

    private DirectSsim() {
    }

    /** {mean SSIM, mean contrast-structure term} over the window positions. */
    static double[] means(double[] a, double[] b, int w, int h) {
        int win = Math.min(11, Math.min(w, h));
        if (win % 2 == 0) {
            win--;
        }
        int r = win / 2;
        double[] g = new double[win];
        double gs = 0;
        for (int i = 0; i < win; i++) {
            g[i] = Math.exp(-((i - r) * (i - r)) / (2 * 1.5 * 1.5));
            gs += g[i];
        }
        double c1 = Math.pow(0.01 * 255, 2), c2 = Math.pow(0.03 * 255, 2);
        double sumS = 0, sumCs = 0;
        int n = 0;
        for (int y0 = 0; y0 + win <= h; y0++) {
            for (int x0 = 0; x0 + win <= w; x0++) {
                double mx = 0, my = 0;
                for (int i = 0; i < win; i++) {
                    for (int j = 0; j < win; j++) {
                        double wt = g[i] * g[j] / (gs * gs);
                        mx += wt * a[(y0 + i) * w + x0 + j];
                        my += wt * b[(y0 + i) * w + x0 + j];
                    }
                }
                double vx = 0, vy = 0, cxy = 0;
                for (int i = 0; i < win; i++) {
                    for (int j = 0; j < win; j++) {
                        double wt = g[i] * g[j] / (gs * gs);
                        double dx = a[(y0 + i) * w + x0 + j] - mx, dy = b[(y0 + i) * w + x0 + j] - my;
                        vx += wt * dx * dx;
                        vy += wt * dy * dy;
                        cxy += wt * dx * dy;
                    }
                }
                double cs = (2 * cxy + c2) / (vx + vy + c2);
                sumCs += cs;
                sumS += (2 * mx * my + c1) / (mx * mx + my * my + c1) * cs;
                n++;
            }
        }
        return new double[] {sumS / n, sumCs / n};
    }

    static double[] toDouble(byte[] p) {
        double[] d = new double[p.length];
        for (int i = 0; i < p.length; i++) {
            d[i] = p[i] & 0xFF;
        }
        return d;
    }
}
