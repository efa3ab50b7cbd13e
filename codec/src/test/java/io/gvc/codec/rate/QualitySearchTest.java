package io.gvc.codec.rate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import java.util.function.IntToLongFunction;
import java.util.function.IntUnaryOperator;
import org.junit.jupiter.api.Test;

class QualitySearchTest {

    /** x265's levels as FfmpegIntraCodec maps them: one per QP, qualities 1..7 one level each, then QP = round(51 - 0.46 q). */
    private static final IntUnaryOperator X265_LEVELS = q -> q <= 7 ? q - 1 : 54 - (int) Math.round(51 - q * 0.46);
    private static final IntUnaryOperator EVERY_QUALITY = q -> q;

    /** Bits of a plan of {@code pictures} keyframes: per-picture overhead plus bits doubling every {@code perDoubling} levels. */
    private static IntToLongFunction curve(IntUnaryOperator levels, int pictures, double bitsAtLevel0, double perDoubling) {
        return q -> 8 * Math.round((pictures * (14 + bitsAtLevel0 * Math.pow(2, levels.applyAsInt(q) / perDoubling))) / 8);
    }

    /** The search this class replaced: a bisection of the whole scale; 0 when nothing fits. */
    private static int bisection(IntToLongFunction bits, long budget, int[] trials) {
        int best = 0, lo = 1, hi = 100;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            trials[0]++;
            if (bits.applyAsLong(mid) <= budget) {
                best = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return best;
    }

    /** Runs the search from the decision quality 50, as BoundaryCoder does, checking what it asks. */
    private static int search(IntUnaryOperator levels, IntToLongFunction bits, long budget, int[] trials) {
        QualitySearch search = new QualitySearch(levels);
        Set<Integer> asked = new HashSet<>();
        int answer = search.highestFitting((q, limit) -> {
            assertTrue(asked.add(levels.applyAsInt(q)), "level of quality " + q + " asked twice");
            assertTrue(q == 100 || levels.applyAsInt(q + 1) > levels.applyAsInt(q), q + " is not its level's highest quality");
            assertTrue(limit >= budget, "limit " + limit + " below the budget " + budget);
            trials[0]++;
            long b = bits.applyAsLong(q);
            return b > limit ? limit + 1 : b; // a trial that passes the limit stops early: its bits are unknown
        }, 50, bits.applyAsLong(50), budget);
        return answer;
    }

    @Test
    void findsWhatABisectionOfTheWholeScaleFindsInFewerTrials() {
        for (IntUnaryOperator levels : new IntUnaryOperator[] {X265_LEVELS, EVERY_QUALITY}) {
            for (int pictures : new int[] {1, 2, 4, 8}) {
                for (double perDoubling : new double[] {4, 6, 9, 13}) {
                    IntToLongFunction bits = curve(levels, pictures, 60, perDoubling);
                    int[] searchTrials = {0}, bisectionTrials = {0};
                    Set<Integer> answers = new HashSet<>();
                    for (long budget = 10; budget <= 2 * bits.applyAsLong(100); budget = budget * 9 / 8 + 1) {
                        int want = bisection(bits, budget, bisectionTrials);
                        assertEquals(want, search(levels, bits, budget, searchTrials),
                                "budget " + budget + ", " + pictures + " pictures, doubling every " + perDoubling);
                        answers.add(want);
                    }
                    // the sweep covers the whole scale: budgets where nothing fits, where all does, and between
                    assertTrue(answers.contains(0) && answers.contains(100) && answers.size() > 20, answers.toString());
                    // measured: 24 to 54 % of the bisection's trials on these curves
                    assertTrue(3 * searchTrials[0] < 2 * bisectionTrials[0], "trials " + searchTrials[0] + " against "
                            + bisectionTrials[0] + " for a bisection, " + pictures + " pictures, doubling every " + perDoubling);
                }
            }
        }
    }

    @Test
    void nothingFitsGivesZeroAndEverythingFitsGivesTheTop() {
        IntToLongFunction bits = curve(X265_LEVELS, 1, 60, 6);
        assertEquals(0, search(X265_LEVELS, bits, bits.applyAsLong(1) - 1, new int[1]));
        assertEquals(100, search(X265_LEVELS, bits, bits.applyAsLong(100), new int[1]));
        assertEquals(1, search(X265_LEVELS, bits, bits.applyAsLong(1), new int[1]));
        // a budget near the top of long: twice it would overflow into a negative limit for the trial
        assertEquals(100, search(X265_LEVELS, bits, Long.MAX_VALUE - 1, new int[1]));
    }

    @Test
    void onACurveThatIsNotMonotoneTheAnswerFitsAndTheLevelAboveItDoesNot() {
        // a blip: level 20 codes larger than level 21 (x265 can do this on tiny pictures)
        IntToLongFunction smooth = curve(X265_LEVELS, 2, 60, 6);
        IntToLongFunction blip = q -> X265_LEVELS.applyAsInt(q) == 20 ? smooth.applyAsLong(q) * 3 : smooth.applyAsLong(q);
        for (long budget = 200; budget < 100_000; budget = budget * 5 / 4) {
            int answer = search(X265_LEVELS, blip, budget, new int[1]);
            if (answer > 0) {
                assertTrue(blip.applyAsLong(answer) <= budget, "answer " + answer + " does not fit " + budget);
            }
            if (answer < 100) {
                int above = answer + 1;
                while (above < 100 && X265_LEVELS.applyAsInt(above + 1) == X265_LEVELS.applyAsInt(above)) {
                    above++;
                }
                assertTrue(blip.applyAsLong(above) > budget, "quality " + above + " fits " + budget + " above answer " + answer);
            }
        }
    }

    @Test
    void aLowestQualityGivesTheSameAnswerWhereOneFitsAndNeverTriesBelowIt() {
        int lowest = 4; // x265's coarsest quality for a plan that cuts a GOP
        for (int pictures : new int[] {1, 4}) {
            IntToLongFunction bits = curve(X265_LEVELS, pictures, 60, 6);
            for (long budget = 10; budget <= 2 * bits.applyAsLong(100); budget = budget * 9 / 8 + 1) {
                int whole = search(X265_LEVELS, bits, budget, new int[1]);
                long limit = budget;
                int bounded = new QualitySearch(X265_LEVELS).highestFitting((q, lim) -> {
                    assertTrue(q >= lowest, "quality " + q + " tried below " + lowest);
                    long b = bits.applyAsLong(q);
                    return b > lim ? lim + 1 : b;
                }, 50, bits.applyAsLong(50), limit, lowest);
                if (whole >= lowest) {
                    assertEquals(whole, bounded, "budget " + budget);
                } else {
                    assertTrue(bounded < lowest, "budget " + budget + ": nothing from " + lowest + " up fits, answered " + bounded);
                }
            }
        }
    }

    @Test
    void levelsThatFallAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new QualitySearch(q -> q == 60 ? 0 : q));
    }
}
