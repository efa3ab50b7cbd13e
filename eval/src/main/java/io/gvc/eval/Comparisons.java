package io.gvc.eval;

import io.gvc.codec.frame.Frame;
import io.gvc.codec.frame.Y4mReader;
import io.gvc.codec.metrics.Psnr;
import io.gvc.media.SideBySide;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The side-by-side pictures of the report: for each GVC point, the chosen frame of the source, of GVC,
 * of the conventional codec whose rate is nearest (x265, else x264) and of the variant's gvc-m0 point
 * whose rate is nearest (when swept), read back from the snapshots the points saved. Each label gives
 * the point's rate over the clip and the PSNR-Y of the frame shown.
 */
final class Comparisons {

    /** One picture: its file relative to the output folder and what it shows. */
    record Picture(String png, String caption) {
    }

    private Comparisons() {
    }

    static List<Picture> write(Path out, EvalClip clip, List<PointResult> points) throws IOException {
        Frame source = frame(out, PointRunner.sourceSnapshotPath(clip));
        List<PointResult> conventional = conventional(points);
        List<Picture> out2 = new ArrayList<>();
        for (PointResult g : points) {
            if (!g.isGvc()) {
                continue;
            }
            Frame gf = frame(out, g.snapshot());
            List<Frame> panels = new ArrayList<>(List.of(source, gf));
            List<String> labels = new ArrayList<>(List.of("source, frame " + clip.snapshot(), describe(g, source, gf)));
            String m0 = PointSpec.m0For(g.codec());
            for (List<PointResult> others : List.of(conventional,
                    points.stream().filter(p -> p.codec().equals(m0)).toList())) {
                PointResult near = nearest(others, g.bpp());
                if (near != null) {
                    Frame nf = frame(out, near.snapshot());
                    panels.add(nf);
                    labels.add(describe(near, source, nf));
                }
            }
            String rel = clip.name() + "/side_" + g.codec() + "_" + PointSpec.fileStem(g.setting()) + ".png";
            SideBySide.write(out.resolve(rel), panels, labels);
            out2.add(new Picture(rel, String.join(" | ", labels)));
        }
        return out2;
    }

    /** The conventional codec's points GVC is shown beside: x265's, else x264's (none when neither ran). */
    static List<PointResult> conventional(List<PointResult> points) {
        List<PointResult> x265 = points.stream().filter(p -> p.codec().equals(PointSpec.X265)).toList();
        return !x265.isEmpty() ? x265 : points.stream().filter(p -> p.codec().equals(PointSpec.X264)).toList();
    }

    /** The point of {@code candidates} nearest in log rate, null when there is none. */
    static PointResult nearest(List<PointResult> candidates, double bpp) {
        PointResult best = null;
        double bestD = Double.POSITIVE_INFINITY;
        for (PointResult c : candidates) {
            double d = Math.abs(Math.log(c.bpp() / bpp));
            if (d < bestD) {
                bestD = d;
                best = c;
            }
        }
        return best;
    }

    /** Label of a panel: the point, its rate, and this frame's own PSNR-Y. */
    private static String describe(PointResult p, Frame source, Frame shown) {
        return String.format(Locale.ROOT, "%s %s, %.3f bpp, %.1f dB", p.codec(), p.setting(), p.bpp(),
                Psnr.psnrY(source, shown));
    }

    private static Frame frame(Path out, String rel) throws IOException {
        return Y4mReader.read(out.resolve(rel), 1).frames().get(0);
    }
}
