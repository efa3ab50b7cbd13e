package io.gvc.eval.bdrate;



/**
 * Monotone piecewise cubic Hermite interpolation (Fritsch and Carlson 1980), with the derivative rules of
 * scipy.interpolate.PchipInterpolator: weighted harmonic mean of the neighbouring secants at interior knots
 * (0 where they differ in sign or one is 0), the shape-preserving three-point formula at the ends, and a
 * straight line for two knots. Evaluation and integration are restricted to the knot range: this class
 * never extrapolates.
 */
public final class Pchip {

    private final double[] x;
    private final double[] y;
    private final double[] d;

    /**
     * @param x strictly increasing knots, at least 2
     * @param y values at the knots
     */
    public Pchip(double[] x, double[] y) {
        int n = x.length;
        if (n < 2 || y.length != n) {
            throw new IllegalArgumentException("need at least 2 knots with one value each, got "
                    + x.length + " and " + y.length);
        }
        for (int i = 0; i < n; i++) {
            if (!Double.isFinite(x[i]) || !Double.isFinite(y[i])) {
                throw new IllegalArgumentException("knot " + i + " is not finite");
            }
            if (i > 0 && !(x[i] > x[i - 1])) {
                throw new IllegalArgumentException("knots must be strictly increasing at " + i);
            }
        }
        this.x = x.clone();
        this.y = y.clone();
        this.d = derivatives(this.x, this.y);
    }

    private static double[] derivatives(double[] x, double[] y) {
        int n = x.length;
        double[] h = new double[n - 1];
        double[] m = new double[n - 1];
        for (int k = 0; k < n - 1; k++) {
            h[k] = x[k + 1] - x[k];
            m[k] = (y[k + 1] - y[k]) / h[k];
        }
        double[] d = new double[n];
        if (n == 2) {
            d[0] = m[0];
            d[1] = m[0];
            return d;
        }
        for (int k = 1; k < n - 1; k++) {
            double m0 = m[k - 1], m1 = m[k];
            if (Math.signum(m0) != Math.signum(m1) || m0 == 0 || m1 == 0) {
                d[k] = 0;
            } else {
                double w1 = 2 * h[k] + h[k - 1];
                double w2 = h[k] + 2 * h[k - 1];
                d[k] = (w1 + w2) / (w1 / m0 + w2 / m1);
            }
        }
        d[0] = edge(h[0], h[1], m[0], m[1]);
        d[n - 1] = edge(h[n - 2], h[n - 3], m[n - 2], m[n - 3]);
        return d;
    }

    /** scipy's PchipInterpolator._edge_case: three-point estimate, kept shape-preserving. */
    private static double edge(double h0, double h1, double m0, double m1) {
        double dd = ((2 * h0 + h1) * m0 - h0 * m1) / (h0 + h1);
        if (Math.signum(dd) != Math.signum(m0)) {
            return 0;
        }
        if (Math.signum(m0) != Math.signum(m1) && Math.abs(dd) > 3 * Math.abs(m0)) {
            return 3 * m0;
        }
        return dd;
    }

    public double minX() {
        return x[0];
    }

    public double maxX() {
        return x[x.length - 1];
    }

    /** Value at {@code t} within [minX, maxX]. */
    public double value(double t) {
        int k = interval(t);
        double[] c = coefficients(k);
        double u = t - x[k];
        return c[0] + u * (c[1] + u * (c[2] + u * c[3]));
    }

    /** Exact integral of the interpolant over [a, b], both within [minX, maxX]; negative when b < a. */
    public double integrate(double a, double b) {
        if (b < a) {
            return -integrate(b, a);
        }
        interval(a);
        interval(b);
        double total = 0;
        for (int k = 0; k < x.length - 1; k++) {
            double lo = Math.max(a, x[k]);
            double hi = Math.min(b, x[k + 1]);
            if (hi <= lo) {
                continue;
            }
            double[] c = coefficients(k);
            total += antiderivative(c, hi - x[k]) - antiderivative(c, lo - x[k]);
        }
        return total;
    }

    private static double antiderivative(double[] c, double u) {
        return u * (c[0] + u * (c[1] / 2 + u * (c[2] / 3 + u * (c[3] / 4))));
    }

    /** Power-basis coefficients of the cubic on [x_k, x_{k+1}] in u = t - x_k. */
    private double[] coefficients(int k) {
        double hk = x[k + 1] - x[k];
        double delta = (y[k + 1] - y[k]) / hk;
        double c2 = (3 * delta - 2 * d[k] - d[k + 1]) / hk;
        double c3 = (d[k] + d[k + 1] - 2 * delta) / (hk * hk);
        return new double[] {y[k], d[k], c2, c3};
    }

    private int interval(double t) {
        if (!(t >= x[0] && t <= x[x.length - 1])) {
            throw new IllegalArgumentException("t = " + t + " outside [" + x[0] + ", " + x[x.length - 1]
                    + "]; PCHIP here does not extrapolate");
        }
        int lo = 0, hi = x.length - 2;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (x[mid] <= t) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo;
    }
}
