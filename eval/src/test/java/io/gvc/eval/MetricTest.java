package io.gvc.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.gvc.codec.frame.Frame;
import io.gvc.codec.frame.Video;
import io.gvc.codec.frame.VideoFormat;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Everything eval knows about a metric sits in its {@link Metric} constant: these checks show that
 * each constant is measured, stored under its key and read back with nothing else to write, and that
 * the measured list, the BD-rate table and the report take their columns and formats from the constants.
 */
class MetricTest {

    /** Every quality a different value, so a reader that reads the wrong field is caught. */
    private static PointResult point(String codec, double bpp, double psnrY, Double lpips) {
        return new PointResult(codec, "clip", "s" + bpp, null, null, null, null, "f", 1, 1, 1, 1, 25, bpp, bpp / 3,
                0, TestQualities.of(psnrY, psnrY + 1, psnrY + 2, psnrY + 3, 0.9 + bpp, lpips), 1, 1, 1, 1, null, "snap",
                "fp", null, null);
    }

    /**
     * A metric is its constant and nothing else: every constant is measured (the LPIPS model stood in
     * for by a fixed distance), stored under its key in its place among the JSON fields, and read back
     * from a point loaded from that JSON. A constant that one of these steps missed fails here.
     */
    @Test
    void everyMetricIsMeasuredStoredUnderItsKeyInEnumOrderAndReadBack() throws Exception {
        VideoFormat f = new VideoFormat(64, 64, 25, 1);
        Video source = new Video(f, List.of(flat(100, 128, 128), flat(60, 100, 150)));
        Video decoded = new Video(f, List.of(flat(103, 127, 130), flat(60, 104, 150)));
        Qualities measured = Measurement.measure(source, decoded, (a, b) -> 0.25);
        PointResult p = new PointResult("x265", "clip", "crf=30", null, null, 30, null, "f", 1, 2, 64, 64, 25, 0.05,
                0.05 / 3, 1, measured, 1, 1, 2, 2, null, "snap", "fp", null, null);

        String line = ResultStore.JSON.writeValueAsString(p);
        JsonNode json = ResultStore.JSON.readTree(line);
        PointResult back = ResultStore.JSON.readValue(line, PointResult.class);
        assertEquals(p, back);
        for (Metric m : Metric.values()) {
            Double value = measured.get(m);
            assertNotNull(value, m + " is measured");
            assertFalse(value.isNaN(), m + " is a number");
            assertEquals(value, json.get(m.key).asDouble(), 0.0, m + " is stored under " + m.key);
            assertEquals(value, m.value(back), 0.0, m + " is read back");
        }
        List<String> stored = new ArrayList<>();
        for (Iterator<String> it = json.fieldNames(); it.hasNext(); ) {
            String field = it.next();
            if (Metric.keys().contains(field)) {
                stored.add(field);
            }
        }
        assertEquals(Metric.keys(), stored);
        assertEquals(List.of("psnr_y", "psnr_u", "psnr_v", "psnr_yuv", "ms_ssim", "lpips"), Metric.keys());
    }

    @Test
    void aRunMeasuresExactlyTheMetricsWhoseNeedsItHas() throws Exception {
        VideoFormat f = new VideoFormat(64, 64, 25, 1);
        Video source = new Video(f, List.of(flat(100, 128, 128)));
        Video decoded = new Video(f, List.of(flat(101, 128, 128)));
        Qualities without = Measurement.measure(source, decoded, null);
        for (Metric m : Metric.values()) {
            assertEquals(m.available(false), without.get(m) != null, m.key);
        }
        PointResult p = point("x265", 0.05, 30.5, null);
        assertTrue(ResultStore.JSON.valueToTree(p).get(Metric.LPIPS.key).isNull(), "not measured is stored as null");
    }

    @Test
    void csvHasEveryMetricAsAColumnInStoredOrder() {
        int first = ResultStore.CSV_COLUMNS.indexOf(Metric.values()[0].key);
        assertEquals(Metric.keys(),
                ResultStore.CSV_COLUMNS.subList(first, first + Metric.values().length));
        assertEquals("kbps", ResultStore.CSV_COLUMNS.get(first - 1));
        assertEquals("encode_s", ResultStore.CSV_COLUMNS.get(first + Metric.values().length));
    }

    @Test
    void unitsPrintValuesRangesAndDifferences() {
        assertEquals("25.83..27.69 dB", Metric.PSNR_Y.unit.range(25.831, 27.689));
        assertEquals("0.9299..0.9597", Metric.MS_SSIM.unit.range(0.92991, 0.95969));
        assertEquals("+1.25 dB", Metric.PSNR_YUV.unit.difference(1.2549));
        assertEquals("-0.0123", Metric.LPIPS.unit.difference(-0.01231));
        assertEquals("30.50", Metric.PSNR_Y.unit.value(30.5));
        assertEquals("0.2500", Metric.LPIPS.unit.value(0.25));
        assertEquals("n/a", Metric.LPIPS.unit.value(null));
    }

    @Test
    void theMeasuredListFollowsWhatTheRunHas() {
        assertEquals(List.of(Metric.PSNR_Y, Metric.PSNR_YUV, Metric.MS_SSIM, Metric.LPIPS), Metric.compared(true));
        assertEquals(List.of(Metric.PSNR_Y, Metric.PSNR_YUV, Metric.MS_SSIM), Metric.compared(false));
        assertFalse(Metric.compared().contains(Metric.PSNR_U));
        assertTrue(Metric.LPIPS.available(true));
        assertFalse(Metric.LPIPS.available(false));
    }

    @Test
    void bdRateAndTheReportHaveAColumnPerMetricFormattedByItsUnit() {
        List<PointResult> pts = List.of(point("gvc-flf2v", 0.01, 30, 0.3), point("gvc-flf2v", 0.1, 40, 0.1),
                point("x265", 0.02, 35, 0.35), point("x265", 0.2, 45, 0.05));
        List<Metric> metrics = Metric.compared(true);
        List<BdEntry> bd = BdRateTable.compute(pts, metrics);
        assertEquals(metrics.stream().map(m -> m.key).toList(), bd.stream().map(BdEntry::metric).toList());

        StringBuilder rate = new StringBuilder();
        HtmlReport.bdTable(rate, bd, metrics, true);
        for (Metric m : metrics) {
            assertTrue(rate.indexOf("<th>" + HtmlReport.esc(m.label) + "</th>") >= 0, m.label);
        }
        BdEntry psnr = bd.get(0);
        assertNotNull(psnr.percent());
        assertTrue(rate.indexOf("(over " + Metric.PSNR_Y.unit.range(psnr.overlapLow(), psnr.overlapHigh()) + ")") >= 0,
                rate.toString());

        StringBuilder quality = new StringBuilder();
        HtmlReport.bdTable(quality, bd, metrics, false);
        assertEquals(metrics.size() + 1, count(quality, "<th"));
        for (int i = 0; i < metrics.size(); i++) {
            BdEntry e = bd.get(i);
            String cell = e.bdQuality() == null ? "n/a: " + HtmlReport.esc(e.qualityReason())
                    : "<td>" + metrics.get(i).unit.difference(e.bdQuality()) + "</td>";
            assertTrue(quality.indexOf(cell) >= 0, cell + " in " + quality);
        }
    }

    @Test
    void thePointsTableHasACellPerComparedMetric() {
        String headings = HtmlReport.metricHeadings();
        assertEquals("<th>PSNR-Y</th><th>PSNR-YUV</th><th>MS-SSIM</th><th>LPIPS</th>", headings);
        assertEquals("<td>30.50</td><td>33.50</td><td>0.9500</td><td>n/a</td>",
                HtmlReport.metricCells(point("x265", 0.05, 30.5, null)));
    }

    private static Frame flat(int y, int u, int v) {
        return EvalInterpTest.flat(64, 64, y, u, v);
    }

    private static int count(CharSequence s, String what) {
        int n = 0;
        for (int i = s.toString().indexOf(what); i >= 0; i = s.toString().indexOf(what, i + 1)) {
            n++;
        }
        return n;
    }
}
