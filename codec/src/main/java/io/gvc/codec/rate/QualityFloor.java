package io.gvc.codec.rate;

import io.gvc.codec.intra.IntraCodec;

/**
 * How much coarser than the GOP before it a GOP's keyframes may be coded under a bit budget. Each
 * GOP's budget is a function of the GOP alone ({@link RateController}), and the first GOP of a
 * chain also pays for its intra picture, at {@link RateController#INTRA_COST_RATIO} predicted
 * pictures' worth. Where prediction costs nearly what intra does (a camera that moves), that
 * allowance buys the whole first GOP a fine chain and leaves the next one far coarser: cockatoo at
 * 0.004 bpp `0:I9 ... 16:P9` then `2:P1 ... 16:P1`, man-skiing's second GOP above x265's LPIPS on
 * every frame where its first was below it (docs/results.md, "Frame by frame"). A viewer sees that
 * drop at the GOP boundary, and every GOP after it is predicted from the coarser pictures.
 *
 * <p>So the uncut chain of a GOP that continues a chain is coded at least at the quality
 * {@link #LEVELS} levels (x265: QP) coarser than its predecessor's chain, even where that spends more
 * than its budget; the cut plans then compete within what it spent, as always. A GOP that is
 * richer than its predecessor's quality allows is left as it is, so the floor only slows a fall:
 * after the first GOP it falls {@link #LEVELS} a GOP until the budget holds it (constant quality,
 * which holds it for ever, lost the first GOP's richness that archery needed: docs/results.md,
 * "Constant-quality rate control"). The quality carried is the chain's, not a finer intra
 * picture's ({@link IntraBoost}). Measured: docs/results.md, "Codec v13".
 */
public final class QualityFloor {

    /** The most levels (x265: QP) a GOP's chain may fall below the one before it. The one value tried. */
    public static final int LEVELS = 3;

    /** No quality carried (a chain's first GOP, constant or fixed quality, no keyframe after the first): no floor. */
    public static final int NONE = 0;

    private QualityFloor() {
    }

    /** The lowest quality a GOP after one whose chain was coded at {@code previous} codes its chain at; {@link #NONE} for none. */
    public static int floor(IntraCodec codec, int previous) {
        return previous == NONE ? NONE : codec.coarser(previous, LEVELS);
    }

    /** Whether a chain coded at {@code quality} falls below {@code floor} (never below {@link #NONE}). */
    public static boolean below(IntraCodec codec, int quality, int floor) {
        return floor != NONE && codec.level(quality) < codec.level(floor);
    }
}
