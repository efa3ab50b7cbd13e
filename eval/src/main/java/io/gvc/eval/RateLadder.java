package io.gvc.eval;

import java.util.List;

/**
 * The rate targets a GVC curve (or gvc-m0's) is swept over: target bits per pixel (the rate control
 * holds a rate, as {@code gvc encode --bpp} does; points named {@code bpp=B}) and constant
 * qualities (it holds the keyframe chain's quality and lets the bits follow the content, as {@code
 * gvc encode --quality} and x265's CRF do; points named {@code quality=Q}). Either list may be
 * empty; a curve runs every target of both, each ascending.
 */
public record RateLadder(List<Double> bpps, List<Integer> qualities) {

    public RateLadder {
        check("quality", qualities, "target bpp", bpps);
        bpps = bpps.stream().distinct().sorted().toList();
        qualities = qualities.stream().distinct().sorted().toList();
    }

    /** Refuses a quality outside 1..100 or a rate that is not positive and finite, naming its list. */
    private static void check(String qualityName, List<Integer> qualities, String bppName, List<Double> bpps) {
        for (int q : qualities) {
            if (q < 1 || q > 100) {
                throw new IllegalArgumentException(qualityName + " values must be 1..100, got " + q);
            }
        }
        for (double b : bpps) {
            if (!(b > 0) || Double.isInfinite(b)) {
                throw new IllegalArgumentException(bppName + " values must be positive, got " + b);
            }
        }
    }

    /** A ladder of target bpp values only. */
    public static RateLadder ofBpp(List<Double> bpps) {
        return new RateLadder(bpps, List.of());
    }

    /** A ladder of constant qualities only. */
    public static RateLadder ofQuality(List<Integer> qualities) {
        return new RateLadder(List.of(), qualities);
    }

    public boolean isEmpty() {
        return bpps.isEmpty() && qualities.isEmpty();
    }

    /**
     * A ladder from two command-line options (either list may be null: not given), each value
     * checked and a bad one named by its option.
     */
    public static RateLadder fromOptions(String qualityOption, List<Integer> qualities, String bppOption,
                                         List<Double> bpps) {
        List<Integer> qs = qualities == null ? List.of() : qualities;
        List<Double> bs = bpps == null ? List.of() : bpps;
        check(qualityOption, qs, bppOption, bs);
        return new RateLadder(bs, qs);
    }

    /** "quality ladder [8, 16]", "target bpp ladder [0.004]", or both, for the report's settings. */
    public String describe() {
        List<String> parts = new java.util.ArrayList<>();
        if (!qualities.isEmpty()) {
            parts.add("quality ladder " + qualities);
        }
        if (!bpps.isEmpty()) {
            parts.add("target bpp ladder " + bpps);
        }
        return String.join(" and ", parts);
    }
}
