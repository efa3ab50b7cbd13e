package io.gvc.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.InputStream;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** points.jsonl as the resume path reads it, and the JSON field names results.json promises. */
class EvalResultStoreTest {

    static PointResult point(String setting, String file, long bytes, Double lpips) {
        return new PointResult("x265", "clip", setting, null, null, 30, null, file, bytes, 9, 176, 144, 29.97, 0.05,
                0.05 / 3, 12.3, TestQualities.of(30.5, 40.1, 41.2, 32.4, 0.95, lpips), 0.5, 0.1, 18, 90, null,
                "clip/frames/s.y4m", "fp1", null, null);
    }

    @Test
    void appendedPointsComeBackAndATornLastLineIsIgnored(@TempDir Path out) throws Exception {
        ResultStore store = new ResultStore(out);
        assertTrue(store.load().isEmpty());
        store.append(point("crf=30", "clip/a.hevc", 10, 0.25));
        store.append(point("crf=40", "clip/b.hevc", 20, null));
        store.append(point("crf=30", "clip/a.hevc", 11, 0.2)); // a later line for the same point wins
        Files.writeString(store.pointsFile(), "{\"codec\":\"x265\",\"cl", StandardOpenOption.APPEND);
        Map<String, PointResult> loaded = store.load();
        assertEquals(2, loaded.size());
        assertEquals(11, loaded.get("clip/x265/crf=30").bytes());
        assertEquals(0.2, loaded.get("clip/x265/crf=30").qualities().get(Metric.LPIPS));
        assertNull(loaded.get("clip/x265/crf=40").qualities().get(Metric.LPIPS));
        assertEquals(point("crf=40", "clip/b.hevc", 20, null), loaded.get("clip/x265/crf=40"));
    }

    @Test
    void reusableOnlyWithTheSameSettingsAndTheFileAtItsSize(@TempDir Path out) throws Exception {
        ResultStore store = new ResultStore(out);
        Files.createDirectories(out.resolve("clip/frames"));
        Files.write(out.resolve("clip/a.hevc"), new byte[10]);
        PointResult p = point("crf=30", "clip/a.hevc", 10, null);
        assertFalse(store.reusable(p, "fp1", false), "snapshot missing");
        Files.write(out.resolve("clip/frames/s.y4m"), new byte[1]);
        assertTrue(store.reusable(p, "fp1", false));
        assertFalse(store.reusable(p, "fp2", false));
        assertFalse(store.reusable(null, "fp1", false));
        // stored without a metric the run measures (LPIPS here; a metric added since, in general)
        assertFalse(store.reusable(p, "fp1", true), "LPIPS not measured");
        assertTrue(store.reusable(point("crf=30", "clip/a.hevc", 10, 0.2), "fp1", true));
        Files.write(out.resolve("clip/a.hevc"), new byte[9]);
        assertFalse(store.reusable(p, "fp1", false), "file changed size");
    }

    @Test
    void jsonAndCsvUseTheDocumentedNames(@TempDir Path out) throws Exception {
        ResultStore store = new ResultStore(out);
        PointResult p = point("crf=30", "clip/a.hevc", 10, null);
        BdEntry bd = new BdEntry("clip", "gvc-flf2v", "x265", "psnr_y", null, "ranges do not overlap", null, null,
                -8.5, null, 4, 9, null);
        store.writeJson(new RunInfo("gvc eval -i x", Map.of("gvc", "0.1"), Map.of("frames", 9)), List.of(p),
                List.of(bd), List.of());
        JsonNode doc = ResultStore.JSON.readTree(out.resolve("results.json").toFile());
        assertEquals("gvc eval -i x", doc.get("command").asText());
        JsonNode pt = doc.get("points").get(0);
        for (String f : List.of("codec", "clip", "setting", "bytes", "bpp", "bpp_per_colour_sample", "psnr_y",
                "psnr_yuv", "ms_ssim", "lpips", "encode_s", "decode_s", "encode_fps", "decode_fps")) {
            assertTrue(pt.has(f), f);
        }
        assertTrue(pt.get("lpips").isNull());
        JsonNode b = doc.get("bd_rate").get(0);
        assertEquals("x265", b.get("baseline").asText());
        assertEquals("psnr_y", b.get("metric").asText());
        assertTrue(b.get("percent").isNull());
        assertEquals("ranges do not overlap", b.get("reason").asText());

        store.writeCsv(List.of(p));
        List<String> csv = Files.readAllLines(out.resolve("results.csv"), StandardCharsets.UTF_8);
        assertEquals(2, csv.size());
        assertEquals(String.join(",", ResultStore.CSV_COLUMNS), csv.get(0));
        assertTrue(csv.get(1).startsWith("clip,x265,crf=30,,,,30,,clip/a.hevc,10,,9,176,144,"), csv.get(1));
    }

    @Test
    void gvcPointsKeepTheirTargetAndANullMWhereTheRateControlChoseIt(@TempDir Path out) throws Exception {
        ResultStore store = new ResultStore(out);
        PointResult rc = gvcPoint("bpp=0.004", null, 0.004);
        PointResult fixed = gvcPoint("m=16,bpp=0.03", 16, 0.03);
        store.append(rc);
        store.append(fixed);
        Map<String, PointResult> loaded = store.load();
        assertEquals(rc, loaded.get("clip/gvc-flf2v/bpp=0.004"));
        assertEquals(fixed, loaded.get("clip/gvc-flf2v/m=16,bpp=0.03"));
        store.writeJson(new RunInfo("gvc eval -i x", Map.of(), Map.of()), List.of(rc, fixed), List.of(), List.of());
        JsonNode pts = ResultStore.JSON.readTree(out.resolve("results.json").toFile()).get("points");
        assertTrue(pts.get(0).get("m").isNull());
        assertEquals(0.004, pts.get(0).get("target_bpp").asDouble());
        assertEquals(16, pts.get(1).get("m").asInt());
        store.writeCsv(List.of(rc, fixed));
        List<String> csv = Files.readAllLines(out.resolve("results.csv"), StandardCharsets.UTF_8);
        assertTrue(csv.get(1).startsWith("clip,gvc-flf2v,bpp=0.004,flf2v,,0.00400000,,,"), csv.get(1));
        // the setting holds a comma: quoted, so the row keeps its columns
        assertTrue(csv.get(2).startsWith("clip,gvc-flf2v,\"m=16,bpp=0.03\",flf2v,16,0.0300000,,,"), csv.get(2));
    }

    @Test
    void aStoredPointHoldsItsRecordFieldsInTheirOrderWithTheQualitiesSpreadInPlace() throws Exception {
        // derived values (isGvc, isM0) once came out as extra keys, in an order that varied between runs
        PointResult p = gvcPoint("bpp=0.004", null, 0.004);
        List<String> written = new ArrayList<>();
        ResultStore.JSON.readTree(ResultStore.JSON.writeValueAsString(p)).fieldNames().forEachRemaining(written::add);
        List<String> expected = new ArrayList<>();
        for (RecordComponent c : PointResult.class.getRecordComponents()) {
            if (c.getType() == Qualities.class) {
                expected.addAll(Metric.keys());
            } else {
                expected.add(c.getAccessor().getAnnotation(JsonProperty.class).value());
            }
        }
        assertEquals(expected, written);
        assertEquals(List.of("kbps", "psnr_y", "psnr_u", "psnr_v", "psnr_yuv", "ms_ssim", "lpips", "encode_s"),
                written.subList(written.indexOf("kbps"), written.indexOf("encode_s") + 1));
    }

    /**
     * Two lines of points.jsonl written by gvc eval before the metrics were held generically (7f0119b,
     * one PointResult component per metric): a GVC point with LPIPS and an x264 point without. They load,
     * with a key this code does not know ignored, and are written back byte for byte.
     */
    @Test
    void linesWrittenBeforeQualitiesLoadAndAreWrittenBackUnchanged(@TempDir Path out) throws Exception {
        List<String> old;
        try (InputStream in = EvalResultStoreTest.class.getResourceAsStream("points-7f0119b.jsonl")) {
            old = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        }
        assertEquals(2, old.size());
        ResultStore store = new ResultStore(out);
        Files.writeString(store.pointsFile(), old.get(0).replaceFirst("\\{", "{\"a_later_field\":[1,2],") + "\n"
                + old.get(1) + "\n");
        List<PointResult> loaded = new ArrayList<>(store.load().values());
        assertEquals(2, loaded.size());
        PointResult gvc = loaded.get(0);
        assertEquals(24.753131724209723, gvc.qualities().get(Metric.PSNR_Y));
        assertEquals(35.31368225449044, gvc.qualities().get(Metric.PSNR_V));
        assertEquals(0.2931659056080712, gvc.qualities().get(Metric.LPIPS));
        assertEquals(0L, gvc.atomBits());
        assertNull(loaded.get(1).qualities().get(Metric.LPIPS));
        assertEquals(0.7742812379634414, loaded.get(1).qualities().get(Metric.MS_SSIM));
        for (int i = 0; i < 2; i++) {
            assertEquals(old.get(i), ResultStore.JSON.writeValueAsString(loaded.get(i)));
        }
    }

    private static PointResult gvcPoint(String setting, Integer m, double targetBpp) {
        return new PointResult("gvc-flf2v", "clip", setting, "flf2v", m, null, null, "clip/g.gvc", 100, 9, 176, 144,
                25, 0.01, 0.01 / 3, 1, TestQualities.of(30, 40, 40, 32, 0.9, null), 1, 1, 9, 9, true,
                "clip/frames/g.y4m", "fp", 400L, targetBpp);
    }
}
