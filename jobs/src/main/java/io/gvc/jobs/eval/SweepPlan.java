package io.gvc.jobs.eval;

import io.gvc.codec.variant.Variant;
import java.util.ArrayList;
import java.util.List;

/**
 * Every point of a sweep, in the order they run: per clip, GVC (each variant, M ascending), then the
 * baselines' CRF ladders, then the interpolation reference. The order is fixed by the command line,
 * so an interrupted run resumes where it stopped.
 */
public record SweepPlan(List<PointSpec> points) {

    public SweepPlan {
        points = List.copyOf(points);
    }

    /**
     * @param baselines x264, x265 and/or interp
     * @param crfs      the CRF ladder of x264 and x265
     * @param qualities boundary qualities (1..100) of the interpolation reference
     */
    public static SweepPlan of(List<String> clips, List<Variant> variants, List<Integer> ms, List<String> baselines,
                               List<Integer> crfs, List<Integer> qualities) {
        List<Integer> sortedM = ms.stream().distinct().sorted().toList();
        List<PointSpec> out = new ArrayList<>();
        for (String clip : clips) {
            for (Variant v : variants) {
                for (int m : sortedM) {
                    out.add(PointSpec.gvc(clip, v, m));
                }
            }
            for (String b : baselines) {
                if (b.equals(PointSpec.INTERP)) {
                    continue;
                }
                for (int crf : crfs.stream().distinct().toList()) {
                    out.add(PointSpec.baseline(clip, b, crf));
                }
            }
            if (baselines.contains(PointSpec.INTERP)) {
                for (int q : qualities.stream().distinct().toList()) {
                    out.add(PointSpec.interp(clip, q));
                }
            }
        }
        return new SweepPlan(out);
    }

    public int size() {
        return points.size();
    }
}
