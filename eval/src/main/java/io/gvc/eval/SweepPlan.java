package io.gvc.eval;

import io.gvc.codec.variant.Variant;
import java.util.ArrayList;
import java.util.List;

/**
 * Every point of a sweep, in the order they run: per clip, GVC (each variant; target bpp ascending, then
 * constant qualities ascending, and at each target M ascending where M is fixed), then the baselines in the order given (x264/x265: the
 * CRF ladder; gvc-m0: each variant, target bpp ascending), then the interpolation reference. The order
 * is fixed by the command line, so an interrupted run resumes where it stopped.
 */
public record SweepPlan(List<PointSpec> points) {

    public SweepPlan {
        points = List.copyOf(points);
    }

    /** A plan without gvc-m0 (it has no rate ladder here). */
    public static SweepPlan of(List<String> clips, List<Variant> variants, List<Integer> ms, List<Double> bpps,
                               List<String> baselines, List<Integer> crfs, List<Integer> qualities) {
        return of(clips, variants, ms, bpps, baselines, crfs, qualities, List.of());
    }

    /** A plan whose GVC and gvc-m0 curves are swept over target bpp values alone. */
    public static SweepPlan of(List<String> clips, List<Variant> variants, List<Integer> ms, List<Double> bpps,
                               List<String> baselines, List<Integer> crfs, List<Integer> qualities,
                               List<Double> m0Bpps) {
        return of(clips, variants, ms, RateLadder.ofBpp(bpps), baselines, crfs, qualities, RateLadder.ofBpp(m0Bpps));
    }

    /**
     * @param ms        GVC at fixed M: every M at every target of {@code gvc}; null or empty for GVC as
     *                  {@code gvc encode} codes by default, M chosen per GOP by the rate control
     * @param gvc       GVC's rate targets: one point per variant and target (per M where M is fixed),
     *                  target bpp values first, then constant qualities
     * @param baselines x264, x265, interp and/or gvc-m0
     * @param crfs      the CRF ladder of x264 and x265
     * @param qualities boundary qualities (1..100) of the interpolation reference
     * @param m0        gvc-m0's rate targets (each sets its boundaries as it does GVC's); not empty when
     *                  gvc-m0 is among the baselines
     */
    public static SweepPlan of(List<String> clips, List<Variant> variants, List<Integer> ms, RateLadder gvc,
                               List<String> baselines, List<Integer> crfs, List<Integer> qualities, RateLadder m0) {
        if (!variants.isEmpty() && gvc.isEmpty()) {
            throw new IllegalArgumentException("GVC needs at least one target bpp or quality");
        }
        if (baselines.contains(PointSpec.M0) && m0.isEmpty()) {
            throw new IllegalArgumentException("gvc-m0 needs at least one target bpp or quality");
        }
        List<Integer> sortedM = ms == null ? List.of() : ms.stream().distinct().sorted().toList();
        List<PointSpec> out = new ArrayList<>();
        for (String clip : clips) {
            for (Variant v : variants) {
                for (double bpp : gvc.bpps()) {
                    addGvc(out, sortedM, () -> PointSpec.gvcRateControlled(clip, v, bpp),
                            m -> PointSpec.gvc(clip, v, m, bpp));
                }
                for (int q : gvc.qualities()) {
                    addGvc(out, sortedM, () -> PointSpec.gvcAtQuality(clip, v, q),
                            m -> PointSpec.gvcAtQuality(clip, v, m, q));
                }
            }
            for (String b : baselines.stream().distinct().toList()) {
                if (b.equals(PointSpec.INTERP)) {
                    continue;
                }
                if (b.equals(PointSpec.M0)) {
                    for (Variant v : variants) {
                        for (double bpp : m0.bpps()) {
                            out.add(PointSpec.m0(clip, v, bpp));
                        }
                        for (int q : m0.qualities()) {
                            out.add(PointSpec.m0AtQuality(clip, v, q));
                        }
                    }
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

    /** GVC's points at one target: the rate control's M where no M is fixed, else one per fixed M. */
    private static void addGvc(List<PointSpec> out, List<Integer> sortedM,
                               java.util.function.Supplier<PointSpec> rateControlled,
                               java.util.function.IntFunction<PointSpec> fixed) {
        if (sortedM.isEmpty()) {
            out.add(rateControlled.get());
        }
        for (int m : sortedM) {
            out.add(fixed.apply(m));
        }
    }

    public int size() {
        return points.size();
    }
}
