package io.gvc.eval.bdrate;

import java.util.Arrays;
import java.util.List;

/**
 * Bjontegaard delta metrics (VCEG-M33) with PCHIP interpolation instead of the original cubic fit, as in
 * the later VCEG/JVET practice: the curves are interpolated with {@link Pchip} (scipy's
 * PchipInterpolator rules) and the interpolants integrated exactly over the interval where both curves
 * exist. Nothing is ever extrapolated.
 *
 * <ul>
 *   <li>{@link #bdRate}: log10(rate) as a function of quality, averaged over the common quality interval;
 *       {@code percent = (10^(mean log-rate difference) - 1) · 100}. Negative means the test codec needs
 *       fewer bits than the anchor for the same quality.</li>
 *   <li>{@link #bdQuality} (BD-PSNR when quality is PSNR): quality as a function of log10(rate), averaged
 *       over the common log-rate interval; positive means the test codec gives higher quality.</li>
 * </ul>
 *
 * <p>Each curve needs at least 2 distinct abscissae (the classic cubic needed 4; PCHIP works from 2, where it
 * is linear). Points are sorted internally; points with the same abscissa (equal quality for BD-rate, equal
 * rate for BD-quality) are merged by averaging their ordinates (log10 rates, or qualities). If the two
 * intervals do not overlap, or touch in a single point, the result has {@code overlaps == false} and a NaN
 * value.
 */
public final class BdRate {

    /** BD-rate: percent rate change of the test against the anchor over [qualityLow, qualityHigh]. */
    public record RateResult(boolean overlaps, double percent, double qualityLow, double qualityHigh) {
    }

    /** BD-quality: mean quality change of the test against the anchor over the common log10-rate interval. */
    public record QualityResult(boolean overlaps, double delta, double log10RateLow, double log10RateHigh) {
    }

    private BdRate() {
    }

    /** Bjontegaard delta rate of {@code test} against {@code anchor}, in percent. */
    public static RateResult bdRate(List<RdPoint> anchor, List<RdPoint> test) {
        MeanGap g = meanGap(anchor, test, true);
        return new RateResult(g.overlaps(), (Math.pow(10.0, g.mean()) - 1.0) * 100.0, g.low(), g.high());
    }

    /** Bjontegaard delta quality (BD-PSNR for PSNR) of {@code test} against {@code anchor}. */
    public static QualityResult bdQuality(List<RdPoint> anchor, List<RdPoint> test) {
        MeanGap g = meanGap(anchor, test, false);
        return new QualityResult(g.overlaps(), g.mean(), g.low(), g.high());
    }

    /** The test curve's mean ordinate minus the anchor's over [low, high]; NaN when they do not overlap. */
    private record MeanGap(boolean overlaps, double mean, double low, double high) {
    }

    /** Both curves ({@link #curve}) integrated over the abscissa interval they share. */
    private static MeanGap meanGap(List<RdPoint> anchor, List<RdPoint> test, boolean rateOverQuality) {
        Pchip a = curve(anchor, rateOverQuality);
        Pchip t = curve(test, rateOverQuality);
        double lo = Math.max(a.minX(), t.minX());
        double hi = Math.min(a.maxX(), t.maxX());
        if (!(lo < hi)) {
            return new MeanGap(false, Double.NaN, lo, hi);
        }
        return new MeanGap(true, (t.integrate(lo, hi) - a.integrate(lo, hi)) / (hi - lo), lo, hi);
    }

    /**
     * The interpolant of one curve: log10(rate) over quality when {@code rateOverQuality}, else quality
     * over log10(rate). Sorted by abscissa, equal abscissae merged by averaging the ordinates.
     */
    private static Pchip curve(List<RdPoint> points, boolean rateOverQuality) {
        int n = points.size();
        double[] xs = new double[n];
        double[] ys = new double[n];
        for (int i = 0; i < n; i++) {
            RdPoint p = points.get(i);
            double lr = Math.log10(p.rate());
            xs[i] = rateOverQuality ? p.quality() : lr;
            ys[i] = rateOverQuality ? lr : p.quality();
        }
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (i, j) -> Double.compare(xs[i], xs[j]));
        double[] ux = new double[n];
        double[] uy = new double[n];
        int m = 0;
        for (int i = 0; i < n;) {
            double xv = xs[order[i]];
            double sum = 0;
            int j = i;
            while (j < n && xs[order[j]] == xv) {
                sum += ys[order[j]];
                j++;
            }
            ux[m] = xv;
            uy[m] = sum / (j - i);
            m++;
            i = j;
        }
        if (m < 2) {
            throw new IllegalArgumentException("a rate-distortion curve needs at least 2 points with distinct "
                    + (rateOverQuality ? "qualities" : "rates") + ", got " + m);
        }
        return new Pchip(Arrays.copyOf(ux, m), Arrays.copyOf(uy, m));
    }
}
