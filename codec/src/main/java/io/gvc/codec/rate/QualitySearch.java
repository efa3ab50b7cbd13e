package io.gvc.codec.rate;

import java.util.function.IntUnaryOperator;

/**
 * The highest keyframe quality whose bits fit a budget, found with few trial codings. Each trial
 * codes every keyframe of a plan (an x265 session per picture), so trials are what the keyframe
 * chain costs; a bisection of the whole quality scale takes about seven per plan.
 *
 * <p>The search runs over the codec's levels ({@link io.gvc.codec.intra.IntraCodec#level}: x265
 * has one per QP, 50 on the 100-step scale since bitstream version 16), trying only the highest
 * quality of each, since the others code alike. From the one coding it is given it predicts the
 * answer with a rate model
 * (bits double every {@link #LEVELS_PER_DOUBLING} levels); after that each trial goes where log
 * bits, interpolated in the level between the measured points nearest the budget, meet it (the
 * secant through the last two while one side is unmeasured), and to the bracket's middle after
 * two interpolations in a row that did not halve the bracket. Where size grows with quality (the codecs'
 * contract) the answer is the one a bisection of the whole scale gives; the model and the
 * interpolation only decide how many trials that takes. A trial stops once it passes twice the
 * budget: beyond that its bits say little the bracket does not.
 */
public final class QualitySearch {

    /** The quality scale of {@link io.gvc.codec.intra.IntraCodec}. */
    public static final int LOWEST = 1, HIGHEST = 100;

    /** The rate model's first guess: x265 doubles its bits about every 6 QP, one level each. */
    static final double LEVELS_PER_DOUBLING = 6;

    /** A trial coding at a quality. */
    public interface Trial {
        /** The bits of the coding at {@code quality}, or any value above {@code limitBits} once it is known to pass them. */
        long bits(int quality, long limitBits);
    }

    /** The highest quality of each level, levels ascending. */
    private final int[] tops;
    /** The level index of each quality (index 0 unused). */
    private final int[] indexOf = new int[HIGHEST + 1];

    /** A search over the levels {@code level} gives the qualities (never lower for a higher quality). */
    public QualitySearch(IntUnaryOperator level) {
        int[] tops = new int[HIGHEST];
        int n = 0;
        for (int q = LOWEST; q <= HIGHEST; q++) {
            if (n > 0 && level.applyAsInt(q) == level.applyAsInt(tops[n - 1])) {
                tops[n - 1] = q;
            } else if (n > 0 && level.applyAsInt(q) < level.applyAsInt(tops[n - 1])) {
                throw new IllegalArgumentException("level falls from quality " + (q - 1) + " to " + q);
            } else {
                tops[n++] = q;
            }
            indexOf[q] = n - 1;
        }
        this.tops = java.util.Arrays.copyOf(tops, n);
    }

    /**
     * The highest quality whose coding fits {@code budgetBits}, or {@code LOWEST - 1} when none does.
     * {@code knownQuality} was coded already, to {@code knownBits}; {@code trial} is asked only about
     * qualities strictly between the highest known to fit and the lowest known not to.
     */
    public int highestFitting(Trial trial, int knownQuality, long knownBits, long budgetBits) {
        return highestFitting(trial, knownQuality, knownBits, budgetBits, LOWEST);
    }

    /**
     * As {@link #highestFitting(Trial, int, long, long)}, with no quality below {@code lowestQuality}
     * tried: where none from it up fits, a quality below it is answered (the level under it, or
     * {@code LOWEST - 1}), without trials under it. A search whose caller takes nothing coarser than
     * that (a plan that cuts a GOP, codec v21) is spared the trials a bisection down to the scale's
     * end would cost; the answer is the same wherever one fits.
     */
    public int highestFitting(Trial trial, int knownQuality, long knownBits, long budgetBits, int lowestQuality) {
        Bracket b = new Bracket(budgetBits, trial);
        b.fit = indexOf[lowestQuality] - 1; // unmeasured: the levels under it count as not tried
        int known = indexOf[knownQuality];
        b.record(known, knownBits);
        int guess = known + (int) Math.round(LEVELS_PER_DOUBLING * log2((double) budgetBits / Math.max(1, knownBits)));
        if (b.open()) {
            b.test(b.clampInside(guess));
        }
        int slowSteps = 0;
        while (b.open()) {
            // interpolate, but bisect after two interpolations in a row that did not halve the
            // bracket, so a curve the model reads badly still closes in about 2 log2(levels) trials
            int width = b.misfit - b.fit;
            Integer next = slowSteps < 2 ? b.interpolation() : null;
            b.test(next != null ? next : b.middle());
            slowSteps = next != null && 2 * (b.misfit - b.fit) > width ? slowSteps + 1 : 0;
        }
        return b.fit < 0 ? LOWEST - 1 : tops[b.fit];
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }

    /**
     * Level indices: the highest known to fit and the lowest known not to (sentinels outside), and
     * the two measured points nearest the budget on either side, for interpolation.
     */
    private final class Bracket {
        final long budget;
        final Trial trial;
        int fit = -1;
        int misfit = tops.length;
        /** Bits at {@code fit} and {@code misfit}; 0 where not measured. */
        long fitBits, misfitBits;
        /** The last two measurements, for a secant while only one side is measured. */
        int lastIndex = -1, previousIndex = -1;
        long lastBits, previousBits;

        Bracket(long budget, Trial trial) {
            this.budget = budget;
            this.trial = trial;
        }

        /** Records a measured coding ({@code bits} above the limit where it stopped early). */
        void record(int index, long bits) {
            if (inside(index)) {
                if (bits <= budget) {
                    fit = index;
                    fitBits = bits;
                } else {
                    misfit = index;
                    misfitBits = bits;
                }
            }
            previousIndex = lastIndex;
            previousBits = lastBits;
            lastIndex = index;
            lastBits = bits;
        }

        /** Codes the level's highest quality, stopping where it passes twice the budget (enough to interpolate). */
        void test(int index) {
            record(index, trial.bits(tops[index], budget > Long.MAX_VALUE / 2 ? Long.MAX_VALUE : 2 * budget));
        }

        /**
         * The level where log bits, interpolated linearly in the level between the measured points
         * either side (or extrapolated through the last two), meet the budget; null without two
         * distinct points.
         */
        Integer interpolation() {
            int i0, i1;
            long b0, b1;
            if (fit >= 0 && misfit < tops.length && fitBits > 0 && misfitBits > 0) {
                i0 = fit;
                b0 = fitBits;
                i1 = misfit;
                b1 = misfitBits;
            } else {
                i0 = previousIndex;
                b0 = previousBits;
                i1 = lastIndex;
                b1 = lastBits;
            }
            if (i0 < 0 || i0 == i1 || b0 <= 0 || b1 <= 0 || b0 == b1) {
                return null;
            }
            double at = i0 + (i1 - i0) * log2((double) budget / b0) / log2((double) b1 / b0);
            if (Double.isNaN(at)) {
                return null;
            }
            return clampInside((int) Math.max(-1, Math.min(tops.length, Math.floor(at))));
        }

        int clampInside(int index) {
            return Math.max(fit + 1, Math.min(misfit - 1, index));
        }

        boolean inside(int index) {
            return index > fit && index < misfit;
        }

        boolean open() {
            return misfit - fit > 1;
        }

        int middle() {
            return (fit + misfit) >>> 1;
        }
    }
}
