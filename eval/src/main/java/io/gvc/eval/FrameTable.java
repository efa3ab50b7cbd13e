package io.gvc.eval;

import io.gvc.codec.bitstream.BoundaryPicture;
import io.gvc.codec.bitstream.GvcPacket;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A point's quality frame by frame, with what each frame of a GVC stream is: where a BD-rate says a
 * curve lost, this says on which pictures (keyframes, between pictures or the frames bridged or
 * generated between them), so a codec change can aim at them. Written next to the point's file as
 * {@code frames/<file>_frames.csv}: {@code frame,kind,bytes,psnr_y,lpips}. {@code kind} is
 * {@code intra}, {@code predicted} or {@code between} for a coded keyframe (then {@code bytes} is its
 * payload's size), {@code bridged} or {@code generated} (the GOP carries atoms or a generated
 * deviation) for a frame the decoder makes from the keyframes, and empty for baselines, whose
 * picture types eval does not see. {@code lpips} is empty where the run has no LPIPS weights.
 */
final class FrameTable {

    /** The kinds of a GVC stream's frames, as the table spells them. */
    static final String INTRA = "intra", PREDICTED = "predicted", BETWEEN = "between", BRIDGED = "bridged",
            GENERATED = "generated";

    /** What each frame is and how many bytes coded it; empty kinds and no bytes for a baseline. */
    record FrameKinds(String[] kind, long[] bytes) {

        /** A stream eval cannot look inside. */
        static FrameKinds unknown(int frames) {
            return new FrameKinds(new String[frames], new long[frames]);
        }

        /**
         * A GVC stream's frames, from its packets: a GOP's first frame is the previous GOP's last
         * where it shares it, and is described by the packet that codes it.
         */
        static FrameKinds of(List<GvcPacket> packets, int frames) {
            String[] kind = new String[frames];
            long[] bytes = new long[frames];
            for (GvcPacket packet : packets) {
                boolean[] keyframe = packet.keyframePositions();
                for (int p = 0; p < packet.frameCount(); p++) {
                    long frame = packet.firstFrame() + p;
                    if (frame < 0 || frame >= frames) {
                        continue;
                    }
                    BoundaryPicture b = packet.boundaryAt(p);
                    if (b != null) {
                        kind[(int) frame] = b.between() ? BETWEEN : b.predicted() ? PREDICTED : INTRA;
                        bytes[(int) frame] = b.data().length;
                    } else if (!keyframe[p]) {
                        kind[(int) frame] = packet.generates() ? GENERATED : BRIDGED;
                    }
                }
            }
            return new FrameKinds(kind, bytes);
        }
    }

    private FrameTable() {
    }

    /** The table's text; {@code lpips} null where the run has no LPIPS weights. */
    static String csv(FrameKinds kinds, double[] psnrY, double[] lpips) {
        StringBuilder out = new StringBuilder("frame,kind,bytes,psnr_y,lpips\n");
        for (int i = 0; i < psnrY.length; i++) {
            String kind = kinds.kind()[i] == null ? "" : kinds.kind()[i];
            out.append(i).append(',').append(kind).append(',')
                    .append(kinds.bytes()[i] > 0 ? Long.toString(kinds.bytes()[i]) : "").append(',')
                    .append(String.format(Locale.ROOT, "%.4f", psnrY[i])).append(',')
                    .append(lpips == null ? "" : String.format(Locale.ROOT, "%.5f", lpips[i])).append('\n');
        }
        return out.toString();
    }

    /** One row of a table read back: {@code lpips} is NaN where it was not measured. */
    record Row(String kind, double psnrY, double lpips) {

        boolean keyframe() {
            return kind.equals(INTRA) || kind.equals(PREDICTED) || kind.equals(BETWEEN);
        }
    }

    /** The table of a point whose file is {@code pointFile}. */
    static Path path(Path pointFile) {
        String name = pointFile.getFileName().toString();
        String base = name.contains(".") ? name.substring(0, name.lastIndexOf('.')) : name;
        return pointFile.resolveSibling("frames").resolve(base + "_frames.csv");
    }

    /** A point's rows, or an empty list where it has no table (a point an older eval measured). */
    static List<Row> read(Path pointFile) throws IOException {
        Path file = path(pointFile);
        if (!Files.exists(file)) {
            return List.of();
        }
        List<Row> rows = new ArrayList<>();
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (String line : lines.subList(1, lines.size())) {
            String[] c = line.split(",", -1);
            rows.add(new Row(c[1], Double.parseDouble(c[3]), c[4].isEmpty() ? Double.NaN : Double.parseDouble(c[4])));
        }
        return rows;
    }

    /** Writes the table of a point whose file is {@code pointFile} into its clip's frames folder. */
    static Path write(Path pointFile, FrameKinds kinds, Measurement m) throws IOException {
        Path file = path(pointFile);
        Files.createDirectories(file.getParent());
        Files.writeString(file, csv(kinds, m.psnrYPerFrame(), m.lpipsPerFrame()), StandardCharsets.UTF_8);
        return file;
    }
}
