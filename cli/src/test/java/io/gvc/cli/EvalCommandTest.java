package io.gvc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gvc.eval.ResultStore;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `gvc eval` end to end on 9 frames of a real clip: one GVC variant at two M, x264/x265 at two CRFs,
 * one interpolation point. Checks the promised results.json fields, that every reported byte count is
 * the encoded file's size on disk, the report's files, and the resume path: a second run encodes
 * nothing, and a point torn out of points.jsonl is the only one computed again.
 */
class EvalCommandTest {

    @Test
    void sweepsMeasuresReportsAndResumes(@TempDir Path out) throws Exception {
        Path clip = Path.of(System.getProperty("gvc.shared", "../../shared"), "data/video/carphone_pristine.mp4");
        assumeTrue(Files.exists(clip), "shared clip " + clip + " is absent: skipping the eval end-to-end test");
        boolean lpips = Files.exists(Path.of(System.getProperty("gvc.shared", "../../shared"),
                "models/lpips/lpips_alex_full_torchlayout.npz"));
        String[] args = {"eval", "-i", clip.toString(), "--frames", "9", "--variants", "flf2v", "--m", "8,32", "--bpp", "0.03",
            "--crf", "45,30", "--interp-quality", "30", "--out", out.toString(), "--threads", "2"};

        String first = runCapturingStderr(args);
        JsonNode doc = new ObjectMapper().readTree(out.resolve("results.json").toFile());
        assertTrue(doc.get("command").asText().startsWith("gvc eval -i "), doc.get("command").asText());
        assertTrue(doc.get("versions").has("ffmpeg"));
        JsonNode points = doc.get("points");
        assertEquals(7, points.size(), first);
        Map<String, FileTime> mtimes = new HashMap<>();
        for (JsonNode p : points) {
            for (String f : List.of("codec", "clip", "setting", "bytes", "bpp", "psnr_y", "ms_ssim", "lpips",
                    "encode_s", "decode_s")) {
                assertTrue(p.has(f), f + " missing in " + p);
            }
            Path file = out.resolve(p.get("file").asText());
            assertEquals(Files.size(file), p.get("bytes").asLong(), "bytes of " + file);
            assertEquals(8.0 * Files.size(file) / (9 * 176 * 144), p.get("bpp").asDouble(), 1e-12);
            assertEquals(9, p.get("frames").asInt());
            assertEquals(lpips, !p.get("lpips").isNull(), "lpips of " + p.get("file"));
            assertTrue(p.get("psnr_y").asDouble() > 15 && p.get("psnr_y").asDouble() < 60);
            assertTrue(p.get("encode_s").asDouble() > 0 && p.get("decode_s").asDouble() > 0);
            if (p.get("codec").asText().startsWith("gvc-")) {
                assertTrue(p.get("decode_matches_encoder").asBoolean(), "GVC decoder differs from the encoder");
            }
            mtimes.put(p.get("file").asText(), Files.getLastModifiedTime(file));
        }
        List<String> codecs = points.findValuesAsText("codec");
        assertEquals(List.of("gvc-flf2v", "gvc-flf2v", "x264", "x264", "x265", "x265", "interp"), codecs);
        JsonNode bd = doc.get("bd_rate");
        assertEquals(3 * (lpips ? 4 : 3), bd.size()); // x264, x265, interp x metrics
        for (JsonNode e : bd) {
            assertTrue(e.has("baseline") && e.has("metric") && e.has("clip") && e.has("percent"));
            assertTrue(e.get("percent").isNumber() || e.get("reason").isTextual(), e.toString());
        }
        assertEquals(8, Files.readAllLines(out.resolve("results.csv")).size());
        String html = Files.readString(out.resolve("report.html"));
        assertTrue(html.contains("gvc eval -i ") && html.contains("rd_psnr_y.png") && html.contains("side_gvc-flf2v_m8_bpp0.03.png"));
        assertTrue(Files.size(out.resolve("carphone_pristine/rd_psnr_y.png")) > 1000);
        assertTrue(Files.size(out.resolve("carphone_pristine/side_gvc-flf2v_m32_bpp0.03.png")) > 1000);

        // rerun: every point comes from points.jsonl, no file is written again
        String second = runCapturingStderr(args);
        assertTrue(second.contains("7 of 7 points reused"), second);
        assertFalse(second.contains("eval [1/7]"), second);
        for (var e : mtimes.entrySet()) {
            assertEquals(e.getValue(), Files.getLastModifiedTime(out.resolve(e.getKey())), e.getKey() + " rewritten");
        }
        assertEquals(points, new ObjectMapper().readTree(out.resolve("results.json").toFile()).get("points"));

        // an interruption mid-write: the torn last point (interp) is computed again, nothing else
        Path jsonl = out.resolve(ResultStore.POINTS);
        List<String> lines = Files.readAllLines(jsonl, StandardCharsets.UTF_8);
        String last = lines.get(lines.size() - 1);
        lines.set(lines.size() - 1, last.substring(0, last.length() / 2));
        Files.write(jsonl, lines, StandardCharsets.UTF_8);
        String third = runCapturingStderr(args);
        assertTrue(third.contains("6 of 7 points reused") && third.contains("eval [7/7]"), third);
        JsonNode again = new ObjectMapper().readTree(out.resolve("results.json").toFile()).get("points");
        assertEquals(points.get(6).get("bytes"), again.get(6).get("bytes"), "interp file is deterministic");
        assertEquals(points.get(6).get("psnr_y"), again.get(6).get("psnr_y"));
    }

    @Test
    void badOptionsAndInputsFailBeforeAnyWork(@TempDir Path out) throws Exception {
        String o = out.resolve("x").toString();
        assertEquals(ExitCodes.USAGE, GvcCli.run("eval", "-i", "a.y4m", "--baselines", "vp9", "--out", o));
        assertEquals(ExitCodes.USAGE, GvcCli.run("eval", "-i", "a.y4m", "--m", "2000", "--out", o));
        assertEquals(ExitCodes.USAGE, GvcCli.run("eval", "-i", "a.y4m", "--crf", "52", "--out", o));
        assertEquals(ExitCodes.USAGE, GvcCli.run("eval", "-i", "a.y4m", "--variants", "v2v", "--out", o));
        assertEquals(ExitCodes.BAD_INPUT, GvcCli.run("eval", "-i", out.resolve("missing.y4m").toString(),
                "--no-lpips", "--out", o));
        assertFalse(Files.exists(out.resolve("x/points.jsonl")));
    }

    /** Runs the CLI with stderr captured, asserts exit 0 (showing stderr otherwise) and returns stderr. */
    static String runCapturingStderr(String... args) {
        PrintStream old = System.err;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setErr(new PrintStream(buf, true, StandardCharsets.UTF_8));
        int code;
        try {
            code = GvcCli.run(args);
        } finally {
            System.setErr(old);
        }
        String err = buf.toString(StandardCharsets.UTF_8);
        assertEquals(0, code, err);
        return err;
    }
}
