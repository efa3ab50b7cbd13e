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
        bpps = bpps.stream().distinct().sorted().toList();
        qualities = qualities.stream().distinct().sorted().toList();
        for (double b : bpps) {
            if (!(b > 0) || Double.isInfinite(b)) {
                throw new IllegalArgumentException("target bpp values must be positive and finite, got " + b);
            }
        }
        for (int q : qualities) {
            if (q < 1 || q > 100) {
                throw new IllegalArgumentException("quality values must be 1..100, got " + q);
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
        for (int q : qualities == null ? List.<Integer>of() : qualities) {
            if (q < 1 || q > 100) {
                throw new IllegalArgumentException(qualityOption + " values must be 1..100, got " + q);
            }
        }
        for (double b : bpps == null ? List.<Double>of() : bpps) {
            if (!(b > 0) || Double.isInfinite(b)) {
                throw new IllegalArgumentException(bppOption + " values must be positive, got " + b);
            }
        }
        return new RateLadder(bpps == null ? List.of() : bpps, qualities == null ? List.of() : qualities);
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
