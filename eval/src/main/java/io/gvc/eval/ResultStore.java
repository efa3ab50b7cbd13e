package io.gvc.eval;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.Writer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The sweep's results on disk. Each finished point is appended at once to {@code points.jsonl} (one
 * JSON object per line, forced to disk), so an interrupted run loses at most the point in progress; a
 * rerun reads the file back and skips every point whose settings and encoded file are unchanged.
 * results.csv and results.json are rewritten whole at the end of each run from the points of that run.
 */
public final class ResultStore {

    public static final String POINTS = "points.jsonl";

    static final ObjectMapper JSON = new ObjectMapper();

    private final Path out;

    public ResultStore(Path out) {
        this.out = out;
    }

    public Path pointsFile() {
        return out.resolve(POINTS);
    }

    /**
     * The points written so far, by key; a later line for the same key replaces an earlier one. A last
     * line cut short by an interruption is ignored.
     */
    public Map<String, PointResult> load() throws IOException {
        Map<String, PointResult> byKey = new LinkedHashMap<>();
        Path file = pointsFile();
        if (!Files.exists(file)) {
            return byKey;
        }
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (line.isBlank()) {
                continue;
            }
            try {
                PointResult p = JSON.readValue(line, PointResult.class);
                byKey.put(p.key(), p);
            } catch (JsonProcessingException e) {
                // a torn last line of an interrupted run; the point is simply computed again
            }
        }
        return byKey;
    }

    /**
     * Whether {@code stored} can stand for a point computed now with {@code fingerprint}: same settings,
     * and its encoded file and snapshot still on disk, the file at the recorded size. A GVC point
     * stored before its atom bits were counted is computed again, and so is a point stored before a
     * metric this run measures was added: its curves would otherwise lack the old points.
     *
     * @param lpipsWeights whether this run has the LPIPS weights (what {@link Metric#measured} needs)
     */
    public boolean reusable(PointResult stored, String fingerprint, boolean lpipsWeights) throws IOException {
        if (stored == null || !fingerprint.equals(stored.fingerprint())) {
            return false;
        }
        if ((stored.isGvc() || stored.isM0()) && stored.atomBits() == null) {
            return false;
        }
        if (Metric.measured(lpipsWeights).stream().anyMatch(m -> m.value(stored) == null)) {
            return false;
        }
        Path file = out.resolve(stored.file());
        return Files.isRegularFile(file) && Files.size(file) == stored.bytes()
                && stored.snapshot() != null && Files.isRegularFile(out.resolve(stored.snapshot()));
    }

    /** Appends one point and forces it to disk before returning. */
    public void append(PointResult p) throws IOException {
        Files.createDirectories(out);
        byte[] line = (JSON.writeValueAsString(p) + "\n").getBytes(StandardCharsets.UTF_8);
        try (FileChannel ch = FileChannel.open(pointsFile(), StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND)) {
            ch.write(java.nio.ByteBuffer.wrap(line));
            ch.force(false);
        }
    }

    /** CSV columns, in order: the identifying fields, the rate, the qualities (every {@link Metric}), the times. */
    static final List<String> CSV_COLUMNS = Stream.of(
            List.of("clip", "codec", "setting", "variant", "m", "target_bpp", "crf", "quality", "file", "bytes",
                    "atom_bits", "frames", "width", "height", "fps", "bpp", "bpp_per_colour_sample", "kbps"),
            Metric.keys(),
            List.of("encode_s", "decode_s", "encode_fps", "decode_fps", "decode_matches_encoder"))
            .flatMap(List::stream).toList();

    public void writeCsv(List<PointResult> points) throws IOException {
        try (Writer w = Files.newBufferedWriter(out.resolve("results.csv"), StandardCharsets.UTF_8)) {
            w.write(String.join(",", CSV_COLUMNS) + "\n");
            for (PointResult p : points) {
                Map<String, Object> row = JSON.convertValue(p, Map.class);
                List<String> cells = new ArrayList<>();
                for (String c : CSV_COLUMNS) {
                    cells.add(csvCell(row.get(c)));
                }
                w.write(String.join(",", cells) + "\n");
            }
        }
    }

    private static String csvCell(Object v) {
        if (v == null) {
            return "";
        }
        String s = v instanceof Double d ? String.format(Locale.ROOT, "%.6g", d) : v.toString();
        return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }

    /** results.json: how it was run, every point, the BD-rates and the rate ranges each codec covered. */
    public void writeJson(RunInfo run, List<PointResult> points, List<BdEntry> bd, List<Coverage> coverage)
            throws IOException {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("command", run.commandLine());
        doc.put("versions", run.versions());
        doc.put("settings", run.settings());
        doc.put("points", points);
        doc.put("bd_rate", bd);
        doc.put("coverage", coverage);
        JSON.copy().enable(SerializationFeature.INDENT_OUTPUT).writeValue(out.resolve("results.json").toFile(), doc);
    }
}
