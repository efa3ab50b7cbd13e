package io.gvc.eval.bdrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * BD-rate / BD-quality and the PCHIP interpolant. Non-trivial reference values from scipy 1.17.1
 * (numpy 2.4.6, Python 3.11.7), {@code scipy.interpolate.PchipInterpolator}, computed as
 * <pre>
 * def bd(anchor, test, rate_over_quality=True):
 *     def curve(pts):
 *         pts = sorted(pts, key=lambda p: p[1] if rate_over_quality else p[0])
 *         x, y = (([p[1] for p in pts], np.log10([p[0] for p in pts])) if rate_over_quality
 *                 else (np.log10([p[0] for p in pts]), [p[1] for p in pts]))
 *         return PchipInterpolator(x, y), x[0], x[-1]
 *     fa, a0, a1 = curve(anchor); ft, t0, t1 = curve(test)
 *     lo, hi = max(a0, t0), min(a1, t1)
 *     avg = (ft.integrate(lo, hi) - fa.integrate(lo, hi)) / (hi - lo)
 *     return (10**avg - 1) * 100 if rate_over_quality else avg
 * </pre>
 */
class BdRateTest {

    private static final List<RdPoint> ANCHOR = List.of(
            new RdPoint(1000, 32.0), new RdPoint(1800, 34.5), new RdPoint(3100, 36.8), new RdPoint(5600, 38.9));

    private static List<RdPoint> scaledRates(List<RdPoint> pts, double factor) {
        List<RdPoint> out = new ArrayList<>();
        for (RdPoint p : pts) {
            out.add(new RdPoint(p.rate() * factor, p.quality()));
        }
        return out;
    }

    private static List<RdPoint> shiftedQuality(List<RdPoint> pts, double delta) {
        List<RdPoint> out = new ArrayList<>();
        for (RdPoint p : pts) {
            out.add(new RdPoint(p.rate(), p.quality() + delta));
        }
        return out;
    }

    @Test
    void eightyPercentOfTheRateIsMinusTwentyPercent() {
        BdRate.RateResult r = BdRate.bdRate(ANCHOR, scaledRates(ANCHOR, 0.8));
        assertTrue(r.overlaps());
        assertEquals(-20.0, r.percent(), 1e-9);
        assertEquals(32.0, r.qualityLow(), 0.0);
        assertEquals(38.9, r.qualityHigh(), 0.0);
        assertEquals(25.0, BdRate.bdRate(scaledRates(ANCHOR, 0.8), ANCHOR).percent(), 1e-9);
        assertEquals(0.0, BdRate.bdRate(ANCHOR, ANCHOR).percent(), 1e-12);
    }

    @Test
    void oneDecibelUpIsBdPsnrOne() {
        BdRate.QualityResult q = BdRate.bdQuality(ANCHOR, shiftedQuality(ANCHOR, 1.0));
        assertTrue(q.overlaps());
        assertEquals(1.0, q.delta(), 1e-12);
        assertEquals(-1.0, BdRate.bdQuality(shiftedQuality(ANCHOR, 1.0), ANCHOR).delta(), 1e-12);
    }

    @Test
    void matchesScipyPchipOnUnevenCurves() {
        List<RdPoint> test = List.of(new RdPoint(900, 32.4), new RdPoint(1500, 34.6), new RdPoint(2800, 37.2),
                new RdPoint(4700, 39.0), new RdPoint(7000, 40.1));
        assertEquals(-18.572574133743203, BdRate.bdRate(ANCHOR, test).percent(), 1e-9);
        assertEquals(0.8077752328337451, BdRate.bdQuality(ANCHOR, test).delta(), 1e-12);
    }

    @Test
    void orderDoesNotMatterAndEqualQualitiesAreMerged() {
        List<RdPoint> shuffled = List.of(ANCHOR.get(2), ANCHOR.get(0), ANCHOR.get(3), ANCHOR.get(1));
        assertEquals(BdRate.bdRate(ANCHOR, scaledRates(ANCHOR, 0.7)).percent(),
                BdRate.bdRate(shuffled, scaledRates(shuffled, 0.7)).percent(), 1e-12);
        // Two points at quality 34.5 with rates 1600 and 2025: merged to their geometric mean 1800.
        List<RdPoint> dup = List.of(ANCHOR.get(0), new RdPoint(1600, 34.5), new RdPoint(2025, 34.5),
                ANCHOR.get(2), ANCHOR.get(3));
        assertEquals(0.0, BdRate.bdRate(ANCHOR, dup).percent(), 1e-9);
    }

    @Test
    void twoPointsSuffice() {
        List<RdPoint> a = List.of(new RdPoint(100, 30), new RdPoint(1000, 40));
        List<RdPoint> t = List.of(new RdPoint(50, 30), new RdPoint(500, 40));
        assertEquals(-50.0, BdRate.bdRate(a, t).percent(), 1e-9);
        // Linear log-rate: over the common quality range [35, 40] the test is at half the rate too.
        List<RdPoint> t2 = List.of(new RdPoint(Math.sqrt(1000.0) * 10 / 2, 35), new RdPoint(500, 40));
        BdRate.RateResult r = BdRate.bdRate(a, t2);
        assertEquals(35.0, r.qualityLow(), 1e-12);
        assertEquals(-50.0, r.percent(), 1e-9);
    }

    @Test
    void disjointRangesDoNotOverlap() {
        List<RdPoint> high = shiftedQuality(ANCHOR, 10.0); // qualities 42..48.9 vs 32..38.9
        BdRate.RateResult r = BdRate.bdRate(ANCHOR, high);
        assertFalse(r.overlaps());
        assertTrue(Double.isNaN(r.percent()));
        // Touching in a single point is no overlap either.
        List<RdPoint> touching = List.of(new RdPoint(6000, 38.9), new RdPoint(9000, 41));
        assertFalse(BdRate.bdRate(ANCHOR, touching).overlaps());
        BdRate.QualityResult q = BdRate.bdQuality(ANCHOR, scaledRates(ANCHOR, 100.0));
        assertFalse(q.overlaps());
        assertTrue(Double.isNaN(q.delta()));
    }

    @Test
    void rejectsDegenerateCurves() {
        assertThrows(IllegalArgumentException.class, () -> BdRate.bdRate(List.of(new RdPoint(1, 30)), ANCHOR));
        assertThrows(IllegalArgumentException.class,
                () -> BdRate.bdRate(List.of(new RdPoint(1, 30), new RdPoint(2, 30)), ANCHOR));
        assertThrows(IllegalArgumentException.class, () -> new RdPoint(0, 30));
        assertThrows(IllegalArgumentException.class, () -> new RdPoint(10, Double.NaN));
    }

    @Test
    void pchipMatchesScipy() {
        // Interior zero slopes (sign changes, flat run) and the 3·m0 end clamp.
        Pchip p = new Pchip(new double[] {0, 1, 2, 3.5, 4, 6}, new double[] {0, 2, 1, 1, 3, -1});
        assertEquals(0.9465000000000001, p.value(0.3), 1e-13);
        assertEquals(1.5, p.value(1.5), 1e-13);
        assertEquals(1.0, p.value(2.7), 1e-13);
        assertEquals(2.7919999999999994, p.value(3.9), 1e-13);
        assertEquals(2.1359999999999997, p.value(5.2), 1e-13);
        assertEquals(9.291666666666668, p.integrate(0, 6), 1e-12);
        assertEquals(5.503445833333334, p.integrate(0.5, 4.2), 1e-12);
        assertEquals(-5.503445833333334, p.integrate(4.2, 0.5), 1e-12);
        // End estimate of the wrong sign set to 0 (left), harmonic mean inside, plain 3-point end (right).
        Pchip q = new Pchip(new double[] {0, 1, 2}, new double[] {0, 1, 6});
        assertEquals(0.29166666666666663, q.value(0.5), 1e-13);
        assertEquals(1.6875000000000002, q.value(1.25), 1e-13);
        assertEquals(3.416666666666667, q.integrate(0, 2), 1e-12);
        Pchip r = new Pchip(new double[] {0, 1, 3}, new double[] {0, 3, -1});
        assertEquals(1.7280000000000002, r.value(0.4), 1e-13);
        assertEquals(1.1249999999999998, r.value(2.5), 1e-13);
        assertEquals(5.648858333333333, r.integrate(0.2, 2.9), 1e-12);
        Pchip line = new Pchip(new double[] {1, 3}, new double[] {2, -2});
        assertEquals(1.0, line.value(1.5), 1e-15);
        assertEquals(0.0, line.integrate(1, 3), 1e-15);
        assertThrows(IllegalArgumentException.class, () -> line.value(3.5));
        assertThrows(IllegalArgumentException.class, () -> new Pchip(new double[] {0, 0}, new double[] {1, 2}));
    }
}
