package io.gvc.codec.rate;

import io.gvc.codec.bitstream.CodingConfig;
import io.gvc.codec.bitstream.AtomPayload;
import io.gvc.codec.bitstream.Limits;
import io.gvc.codec.variant.GopLayout;

/**
 * Chooses M for a GOP so that its packet lands near a bit budget. Atom bits are known exactly
 * before any search (fixed-length rank codes), so no trial encoding is needed: M is the largest
 * value whose atom section fits what the boundary frames and the fixed fields leave.
 */
public final class RateController {

    private RateController() {
    }

    /**
     * What an intra boundary picture costs against a predicted one at the same quality, measured:
     * x265 on carphone, frame 8 from frame 0, quality 40: 1796 bytes intra, 703 predicted (2.55).
     */
    public static final double INTRA_COST_RATIO = 2.5;

    /**
     * Bits for a normally coded (predicted) boundary picture of GOP {@code seq} when every period
     * of {@code intraPeriod} GOPs holds one intra picture by rule: a period then costs what
     * {@code perPicture} bits a GOP would, as the target asks ({@code intraPeriod - 1} predicted
     * pictures and one at {@link #INTRA_COST_RATIO}). The first period also pays for the chain's
     * first picture (intra too), so its pictures get a little less. A function of the GOP number
     * alone: live and file encoders agree.
     */
    public static long predictedPictureBits(long perPicture, int intraPeriod, long seq) {
        return perPredictedPicture(perPicture, intraPeriod, seq, intraPeriod - 1);
    }

    /**
     * {@link #predictedPictureBits} where periods are independent ({@link io.gvc.codec.RandomAccess}):
     * every GOP has a predicted picture's budget, the one that ends a period beside its intra
     * picture too, so a period costs {@code intraPeriod} predicted pictures and one intra picture
     * (two in the first, which also pays for the chain's first picture).
     */
    public static long predictedPictureBitsIndependent(long perPicture, int intraPeriod, long seq) {
        return perPredictedPicture(perPicture, intraPeriod, seq, intraPeriod);
    }

    /**
     * A period's {@code intraPeriod} GOPs' worth of bits shared by its {@code predictedPictures}
     * predicted pictures and its intra pictures (two in the first period: the chain's first picture too).
     */
    private static long perPredictedPicture(long perPicture, int intraPeriod, long seq, int predictedPictures) {
        int intraPictures = seq < intraPeriod ? 2 : 1;
        return Math.round(perPicture * intraPeriod / (predictedPictures + intraPictures * INTRA_COST_RATIO));
    }

    /**
     * The boundary budget of a GOP: {@code perPicture} bits for each picture coded the normal way
     * (predicted, or intra where prediction does not pay) and {@link #INTRA_COST_RATIO} times that
     * for each picture that is intra by rule (the chain's start, random-access points), so those
     * GOPs code at the quality of their neighbours instead of starving (a chain at one quality is
     * what constant-QP coders find efficient). A function of the GOP alone, so live and file
     * encoders agree whatever came before.
     */
    public static long boundaryBudget(long perPicture, int forcedIntraPictures, int normalPictures) {
        return boundaryBudget(perPicture, forcedIntraPictures, normalPictures, 1);
    }

    /**
     * {@link #boundaryBudget(long, int, int)} for intra pictures coded finer than the chain
     * ({@link IntraBoost}): each gets {@code boostCost} times an intra picture's share, the measured
     * ratio of its bytes at the finer quality to its bytes at the chain's.
     */
    public static long boundaryBudget(long perPicture, int forcedIntraPictures, int normalPictures, double boostCost) {
        return Math.round(perPicture * (normalPictures + INTRA_COST_RATIO * boostCost * forcedIntraPictures));
    }

    /** Atom bits of one GOP for M (and M_tail for I2V tail frames). */
    public static long atomBits(GopLayout layout, int stochasticSteps, int k, int m, int mTail) {
        int tailFrames = layout.tailLatentFrames();
        int plainFrames = layout.codedFrames() - tailFrames;
        long perStep = plainFrames * AtomPayload.bitsPerChoice(k, m)
                + (tailFrames == 0 ? 0 : tailFrames * AtomPayload.bitsPerChoice(k, mTail));
        return perStep * stochasticSteps;
    }

    /** M_tail for a given M: twice M by default (the paper's 128 for 64), capped by K. */
    public static int defaultTail(int m, int k) {
        return Math.min(k, Math.min(Limits.MAX_ATOMS, 2 * m));
    }

    /**
     * {@code m} when a GOP of {@code frames} frames coded with it stays within the decode-work bound
     * ({@link Limits#maxAtomWork}), else the largest M below it that does, M_tail following M as in
     * {@link #chooseM}; so a rate-controlled stream never asks a decoder for more work than its
     * pictures allow, whatever the target. Within the bound (the defaults are far within) it changes nothing.
     */
    public static int capToDecodeWork(CodingConfig c, int frames, int tailLatentFrames, int m, Integer fixedTail) {
        int k = c.codebookSize();
        if (Limits.atomWorkRefusal(c, frames, m, fixedTail != null ? fixedTail : defaultTail(m, k), tailLatentFrames)
                == null) {
            return m;
        }
        int lo = 0, hi = m - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            int tail = fixedTail != null ? fixedTail : defaultTail(mid, k);
            if (Limits.atomWorkRefusal(c, frames, mid, tail, tailLatentFrames) == null) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo;
    }

    /**
     * The largest M in [0, min(K, MAX_ATOMS)] with atom bits within {@code budgetBits}; 0 when even
     * one atom does not fit. {@code fixedTail} (nullable) pins M_tail instead of 2M.
     */
    public static int chooseM(GopLayout layout, int stochasticSteps, int k, long budgetBits, Integer fixedTail) {
        // bits grow with M up to K/2; search that monotone part
        int lo = 0, hi = Math.min(k / 2 == 0 ? k : k / 2, Limits.MAX_ATOMS);
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            int tail = fixedTail != null ? fixedTail : defaultTail(mid, k);
            if (atomBits(layout, stochasticSteps, k, mid, tail) <= budgetBits) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo;
    }
}
