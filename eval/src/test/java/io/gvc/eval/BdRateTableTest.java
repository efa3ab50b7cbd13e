package io.gvc.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The BD-rate table on curves whose answer follows by hand. With two points per curve PCHIP is the
 * straight line through them, so log10(rate) is linear in quality and the averages are exact.
 */
class BdRateTableTest {

    static PointResult point(String codec, double bpp, double psnr, Double lpips) {
        return new PointResult(codec, "clip", "s" + bpp, null, null, null, null, "f", 1, 1, 1, 1, 25, bpp, bpp / 3,
                0, TestQualities.of(psnr, 40, 40, psnr, 0.9, lpips), 1, 1, 1, 1, null, "snap", "fp", null, null);
    }

    /**
     * GVC: (0.01 bpp, 30 dB), (0.1, 40); x265: (0.02, 35), (0.2, 45). Over the common 35..40 dB,
     * log10 rate is -2 + (q - 30)/10 for GVC and log10(0.02) + (q - 35)/10 for x265: GVC's is higher by
     * 0.5 + log10(0.01 / 0.02) = log10(sqrt(10) / 2), so BD-rate = (sqrt(10)/2 - 1) x 100 = +58.11 %.
     * Over the common log rates log10(0.02)..-1, PSNR is 50 + 10 lr for GVC and 35 + 10 (lr - log10 0.02)
     * for x265: the difference is 15 + 10 log10(0.02) = -1.99 dB.
     */
    @Test
    void handComputedPartialOverlap() {
        List<PointResult> pts = List.of(point("gvc-flf2v", 0.01, 30, null), point("gvc-flf2v", 0.1, 40, null),
                point("x265", 0.02, 35, null), point("x265", 0.2, 45, null));
        List<BdEntry> bd = BdRateTable.compute(pts, List.of(Metric.PSNR_Y));
        assertEquals(1, bd.size());
        BdEntry e = bd.get(0);
        assertEquals("gvc-flf2v", e.codec());
        assertEquals("x265", e.baseline());
        assertEquals("psnr_y", e.metric());
        assertEquals((Math.sqrt(10) / 2 - 1) * 100, e.percent(), 1e-9);
        assertEquals(35.0, e.overlapLow(), 1e-12);
        assertEquals(40.0, e.overlapHigh(), 1e-12);
        assertEquals(15 + 10 * Math.log10(0.02), e.bdQuality(), 1e-9);
        assertNull(e.reason());
        assertNull(e.note());
    }

    @Test
    void curvesThatBarelyMeetAreNoted() {
        List<PointResult> pts = List.of(point("gvc-flf2v", 0.01, 30, null), point("gvc-flf2v", 0.1, 40, null),
                point("x265", 0.005, 39, null), point("x265", 0.05, 50, null));
        BdEntry e = BdRateTable.compute(pts, List.of(Metric.PSNR_Y)).get(0);
        assertNotNull(e.percent());
        assertEquals("the curves overlap over 10 % of gvc-flf2v's psnr_y range only", e.note());
    }

    @Test
    void aCurveWhoseQualityFallsWithRateIsNoted() {
        List<PointResult> pts = List.of(point("gvc-flf2v", 0.01, 30, null), point("gvc-flf2v", 0.1, 40, null),
                point("interp", 0.01, 31, null), point("interp", 0.05, 36, null), point("interp", 0.2, 35.9, null));
        BdEntry e = BdRateTable.compute(pts, List.of(Metric.PSNR_Y)).get(0);
        assertNotNull(e.percent());
        assertTrue(e.note().startsWith("interp's psnr_y gets worse as the rate rises (36.00 at 0.0500 bpp, 35.90 at 0.2000 bpp)"),
                e.note());
    }

    /** Half the rate at every quality is -50 %, for a lower-is-better metric too (LPIPS is negated). */
    @Test
    void halfTheRateIsMinusFiftyPercentForPsnrAndLpips() {
        List<PointResult> pts = List.of(point("gvc-i2v", 0.02, 30, 0.5), point("gvc-i2v", 0.2, 40, 0.3),
                point("x264", 0.04, 30, 0.5), point("x264", 0.4, 40, 0.3));
        List<BdEntry> bd = BdRateTable.compute(pts, List.of(Metric.PSNR_Y, Metric.LPIPS));
        assertEquals(2, bd.size());
        assertEquals(-50.0, bd.get(0).percent(), 1e-9);
        assertEquals(-50.0, bd.get(1).percent(), 1e-9);
        assertEquals("lpips", bd.get(1).metric());
        assertEquals(0.3, bd.get(1).overlapLow(), 1e-12);
        assertEquals(0.5, bd.get(1).overlapHigh(), 1e-12);
        // at equal rate GVC's LPIPS is lower (better): the BD-quality difference is negative
        assertTrue(bd.get(1).bdQuality() < 0);
    }

    @Test
    void disjointQualitiesGiveNullAndSaySo() {
        List<PointResult> pts = List.of(point("gvc-flf2v", 0.02, 22, null), point("gvc-flf2v", 0.1, 27, null),
                point("x265", 0.03, 30, null), point("x265", 0.3, 42, null));
        BdEntry e = BdRateTable.compute(pts, List.of(Metric.PSNR_Y)).get(0);
        assertNull(e.percent());
        assertNotNull(e.reason());
        assertTrue(e.reason().contains("do not overlap") && e.reason().contains("22.00..27.00 dB")
                && e.reason().contains("30.00..42.00 dB"), e.reason());
        // the rates do overlap (0.03..0.1 bpp), so the quality gap at equal rate is still measured
        assertNotNull(e.bdQuality());
        assertTrue(e.bdQuality() < -5, "GVC is far below x265 here: " + e.bdQuality());
    }

    @Test
    void singlePointsAndMissingLpipsAreReasonsNotNumbers() {
        List<PointResult> pts = List.of(point("gvc-flf2v", 0.02, 22, null), point("x265", 0.03, 30, null),
                point("x265", 0.3, 42, null), point("interp", 0.05, 25, null), point("interp", 0.5, 35, null));
        List<BdEntry> bd = BdRateTable.compute(pts, List.of(Metric.PSNR_Y, Metric.LPIPS));
        assertEquals(4, bd.size()); // one GVC codec x two baselines x two metrics
        for (BdEntry e : bd) {
            assertNull(e.percent());
            assertNotNull(e.reason());
        }
        assertTrue(bd.get(1).reason().contains("not measured"), bd.get(1).reason());
        assertTrue(bd.get(0).reason().contains("2 points"), bd.get(0).reason());
    }
}
