package io.gvc.codec;

import io.gvc.codec.anchor.Keyframes;
import io.gvc.codec.bitstream.BoundaryPicture;
import io.gvc.codec.frame.Frame;
import io.gvc.codec.frame.Gop;
import io.gvc.codec.intra.BidirectionalCodec;
import io.gvc.codec.intra.IntraCodec;
import io.gvc.codec.intra.PredictiveCodec;
import io.gvc.codec.rate.IntraBoost;
import io.gvc.codec.rate.QualitySearch;
import io.gvc.codec.rate.RateController;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The keyframe chain, encoder side: codes a GOP's keyframes and returns them decoded, as every
 * decoder will see them. The first frame (only where the GOP does not share it) is intra. Each later
 * keyframe (FLF2V: any mid-GOP keyframes, then the last frame) is predicted from the keyframe before
 * it when the codec can predict, unless it is the last frame of a random-access GOP
 * ({@link RandomAccess#endsOnIntra}; with independent periods coded by its own rule,
 * {@link RandomAccessPicture}) or intra measures smaller at the quality it is coded at (a
 * scene cut: prediction from an unrelated picture costs more than none). A plan may also put between
 * pictures into its segments ({@link BetweenCoder}): they are coded after the chain, from the chain
 * keyframes either side, and counted in the same budget.
 *
 * <p>Quality is the explicit keyframe quality, else the highest whose bits fit the budget
 * (size grows with quality: {@link QualitySearch}), one quality for all of the GOP's keyframes, then the last
 * one raised with what that left of the budget ({@link LastKeyframeRaise}). A picture that is intra by
 * rule is the exception: it is coded finer than the rest by as much as the picture after it reuses
 * it ({@link IntraBoost}, measured once per GOP). The budget is
 * so many bits per predicted picture and {@link RateController#INTRA_COST_RATIO} times as many per
 * intra-by-rule one (times what its boost measured to cost), counted for the GOP's boundary pictures alone. Mid-GOP keyframes get no budget of
 * their own: a cut plan is coded within the bits the uncut one spent ({@link #codeWithin}), so the
 * choice between them is a matter of picture quality alone ({@link io.gvc.codec.rate.AnchorDecision}). The budget depends on the GOP alone
 * (its number and pictures), never on earlier GOPs: a live encoder restarted after a failover, or
 * one that skipped a refused record, codes every GOP as the file encoder does.
 */
final class BoundaryCoder {

    /**
     * Quality at which intra and prediction are first compared, and the boost measured (the middle of
     * the scale); under a budget the comparison is made again at the quality the search finds.
     */
    private static final int DECISION_QUALITY = 50;

    private final IntraCodec codec;
    private final Integer fixedQuality;
    private final RandomAccess randomAccess;
    /** The rule for the intra picture a period ends on, where periods are independent; else null. */
    private final RandomAccessPicture ruled;
    private final QualitySearch search;
    private final BetweenCoder betweens;

    BoundaryCoder(IntraCodec codec, Integer fixedQuality, RandomAccess randomAccess) {
        this(codec, fixedQuality, randomAccess, null);
    }

    /** As above, the intra picture a period ends on coded by {@code ruled} where it is not null (independent periods). */
    BoundaryCoder(IntraCodec codec, Integer fixedQuality, RandomAccess randomAccess, RandomAccessPicture ruled) {
        this.ruled = ruled;
        this.codec = codec;
        this.search = new QualitySearch(codec::level);
        this.fixedQuality = fixedQuality;
        this.randomAccess = randomAccess;
        this.betweens = codec instanceof BidirectionalCodec b ? new BetweenCoder(b) : null;
    }

    /** Whether plans with between pictures can be coded (the codec codes them, and the quality is searched). */
    boolean codesBetween() {
        return betweens != null && fixedQuality == null;
    }

    /** Whether GOP {@code seq} ends on an intra picture by rule, where a decoder can join the stream. */
    boolean randomAccess(long seq) {
        return randomAccess.endsOnIntra(seq);
    }

    /**
     * @param sharedFirst the previous GOP's last frame when the GOP shares it, else null
     * @param codeFirst   whether position 0 is coded here (never together with sharedFirst)
     * @param later       the positions after 0 coded here, increasing (FLF2V: mid-GOP keyframes and
     *                    the last frame; empty for the other variants)
     */
    CodedKeyframes code(Gop gop, Frame sharedFirst, boolean codeFirst, int[] later, long perPictureBits, IntraMemo memo) {
        if (!codeFirst && later.length == 0) {
            return sharedOnly(sharedFirst);
        }
        if (fixedQuality != null) {
            return decisionPass(gop, sharedFirst, codeFirst, later, memo, 0, fixedQuality).coded();
        }
        int boost = intraBoost(gop, sharedFirst, codeFirst, later, memo);
        return codeWithin(gop, sharedFirst, codeFirst, later, new int[0],
                budget(gop, codeFirst, later, perPictureBits, boost, memo), memo, boost, QualitySearch.LOWEST);
    }

    /**
     * The boundary budget of a GOP coded with {@link #code}: a picture is "normally" predicted; the
     * chain's start and random-access points are intra by rule and get an intra picture's budget;
     * where intra won on cost it is the normal picture. A GOP that ends on a period's intra picture
     * coded by its rule ({@link RandomAccessPicture}, independent periods) gets that picture's bits
     * and, beside it, a predicted picture's budget of its own, so its keyframe plans can still cut it.
     */
    long budget(Gop gop, boolean codeFirst, int[] later, long perPictureBits, int boost, IntraMemo memo) {
        boolean predictive = codec instanceof PredictiveCodec;
        boolean codeLast = later.length > 0 && later[later.length - 1] == gop.size() - 1;
        int forcedIntra = forcedIntraPictures(gop, codeFirst, later);
        int normal = (codeFirst ? 1 : 0) + (codeLast ? 1 : 0) - forcedIntra;
        long perPicture = !predictive ? perPictureBits : ruled != null
                ? RateController.predictedPictureBitsIndependent(perPictureBits, randomAccess.intraPeriod(), gop.seq())
                : RateController.predictedPictureBits(perPictureBits, randomAccess.intraPeriod(), gop.seq());
        double boostCost = boost == 0 ? 1 : boostCost(gop, codeFirst ? 0 : gop.size() - 1, boost, memo);
        BoundaryPicture rule = ruledPicture(gop, later, memo);
        if (rule != null) {
            return RateController.boundaryBudget(perPicture, forcedIntra - 1, normal + 1, boostCost)
                    + 8L * rule.data().length;
        }
        return RateController.boundaryBudget(perPicture, forcedIntra, normal, boostCost);
    }

    /**
     * Constant-quality rate control ({@link io.gvc.codec.CodecParams#targetQuality}): the keyframes at
     * {@code quality}, each later one predicted where the decision pass finds that smaller, a picture
     * intra by rule {@link IntraBoost} finer, as {@link #code} codes them at the quality it finds. No
     * budget, so nothing is raised: the chain costs what the content costs at that quality, as with
     * x265's CRF, and a cut plan is coded within what it spent ({@link #codeWithin}).
     */
    CodedKeyframes codeAtQuality(Gop gop, Frame sharedFirst, boolean codeFirst, int[] later, int quality,
            IntraMemo memo) {
        if (!codeFirst && later.length == 0) {
            return sharedOnly(sharedFirst);
        }
        int boost = intraBoost(gop, sharedFirst, codeFirst, later, memo);
        boolean[] predict = decisionPass(gop, sharedFirst, codeFirst, later, memo, boost, quality).predict();
        return codeAt(gop, sharedFirst, codeFirst, later, predict, quality, Long.MAX_VALUE, memo, boost).fitting(boost);
    }

    /** The quality of the first decision pass: the explicit keyframe quality, else the middle of the scale. */
    private int decisionQuality() {
        return fixedQuality != null ? fixedQuality : DECISION_QUALITY;
    }

    /** Nothing coded here (no first frame, no later keyframe): the GOP's keyframes are the shared one, if any. */
    private static CodedKeyframes sharedOnly(Frame sharedFirst) {
        return new CodedKeyframes(List.of(), sharedFirst == null ? Keyframes.none() : Keyframes.firstOnly(sharedFirst),
                true, 0);
    }

    /** How many of the pictures coded here are intra by rule (the chain's start, a random-access last frame). */
    private int forcedIntraPictures(Gop gop, boolean codeFirst, int[] later) {
        if (!(codec instanceof PredictiveCodec)) {
            return 0; // an intra-only codec's pictures are all alike
        }
        boolean codeLast = later.length > 0 && later[later.length - 1] == gop.size() - 1;
        return (codeFirst ? 1 : 0) + (codeLast && randomAccessPicture(gop, gop.size() - 1) ? 1 : 0);
    }

    /**
     * The GOP's {@link IntraBoost}: how far its last frame predicts from the picture before it (the
     * first frame coded intra, or the shared one), in bytes against the same frame coded intra, at
     * the decision quality; 0 where no picture coded here is intra by rule or nothing follows it.
     */
    private int intraBoost(Gop gop, Frame sharedFirst, boolean codeFirst, int[] later, IntraMemo memo) {
        if (forcedIntraPictures(gop, codeFirst, later) == 0 || later.length == 0 || (ruled != null && !codeFirst)) {
            return 0; // a period's last picture under independent periods is its rule's, never boosted
        }
        int last = later[later.length - 1];
        Frame reference = sharedFirst;
        if (codeFirst) {
            reference = LastKeyframeRaise.decode(codec, memo.encode(codec, gop, 0, DECISION_QUALITY), false, DECISION_QUALITY,
                    null, gop);
        }
        if (reference == null) {
            return 0; // nothing before the picture to measure reuse against
        }
        byte[] predicted = ((PredictiveCodec) codec).encodePredicted(reference, gop.frame(last), DECISION_QUALITY);
        return IntraBoost.levels(predicted.length, memo.encode(codec, gop, last, DECISION_QUALITY).length);
    }

    /** What coding the intra picture at {@code position} {@code boost} levels finer costs, as a ratio of bytes. */
    private double boostCost(Gop gop, int position, int boost, IntraMemo memo) {
        byte[] plain = memo.encode(codec, gop, position, DECISION_QUALITY);
        byte[] finer = memo.encode(codec, gop, position, codec.finer(DECISION_QUALITY, boost));
        return (double) finer.length / plain.length;
    }

    /**
     * The keyframes at the highest quality whose bits fit {@code budgetBits} (size grows with
     * quality: {@link QualitySearch}, started where the rate model puts the budget from the decision
     * pass's coding); at the lowest quality, marked as not fitting, when none does. {@code between}
     * are the positions of between pictures ({@link BetweenCoder}), counted in the bits; a plan with
     * them keeps its last keyframe at the chain's quality (they predict from it). No quality below
     * {@code lowest} is taken: the GOP's uncut chain may go to the scale's lowest, a plan that cuts
     * it no lower than {@link io.gvc.codec.intra.IntraCodec#coarsestCutQuality}.
     */
    CodedKeyframes codeWithin(Gop gop, Frame sharedFirst, boolean codeFirst, int[] later, int[] between, long budgetBits,
            IntraMemo memo, int boost, int lowest) {
        DecisionPass pass = decisionPass(gop, sharedFirst, codeFirst, later, memo, boost, decisionQuality());
        Searched searched = searchWithin(gop, sharedFirst, codeFirst, later, between, budgetBits, memo, boost, pass,
                lowest);
        // intra against prediction is decided by size at one quality; where the rate search lands far
        // from it the sizes can rank the other way (a picture that predicts poorly at the middle of the
        // scale can still predict far smaller at its coarsest), so the decision is made once more at
        // the quality found, and the search run again where that changes it
        if (fixedQuality == null && codec instanceof PredictiveCodec && searched.quality() != pass.quality()) {
            DecisionPass again = decisionPass(gop, sharedFirst, codeFirst, later, memo, boost,
                    Math.max(searched.quality(), lowest));
            if (!java.util.Arrays.equals(again.predict(), pass.predict())) {
                searched = searchWithin(gop, sharedFirst, codeFirst, later, between, budgetBits, memo, boost, again,
                        lowest);
            }
        }
        return searched.coded();
    }

    /** A rate search's answer: the quality found (below the lowest allowed where none fits) and the coding. */
    private record Searched(int quality, CodedKeyframes coded) {
    }

    /**
     * The highest quality whose coding with {@code pass}'s decision fits {@code budgetBits}, and that
     * coding, as {@link #codeWithin} describes it.
     */
    private Searched searchWithin(Gop gop, Frame sharedFirst, boolean codeFirst, int[] later, int[] between,
            long budgetBits, IntraMemo memo, int boost, DecisionPass pass, int lowest) {
        boolean[] predict = pass.predict();
        CodedKeyframes passCoded = between.length == 0 ? pass.coded()
                : betweens.add(pass.coded(), gop, between, pass.quality(), Long.MAX_VALUE);
        Map<Integer, CodedKeyframes> fitting = new HashMap<>(); // the codings that fit, by quality: the answer is one
        if (passCoded.bits() <= budgetBits) {
            fitting.put(pass.quality(), passCoded);
        }
        int quality = search.highestFitting((q, limit) -> {
            CodedKeyframes trial = codeAt(gop, sharedFirst, codeFirst, later, predict, q, limit, memo, boost);
            if (trial != null && between.length > 0) {
                trial = betweens.add(trial, gop, between, q, limit);
            }
            if (trial == null) {
                return limit + 1;
            }
            if (trial.bits() <= budgetBits) {
                fitting.put(q, trial);
            }
            return trial.bits();
        }, pass.quality(), passCoded.bits(), budgetBits, lowest);
        if (quality < lowest) {
            CodedKeyframes atLowest = codeAt(gop, sharedFirst, codeFirst, later, predict, lowest, Long.MAX_VALUE, memo,
                    boost);
            return new Searched(quality, between.length == 0 ? atLowest
                    : betweens.add(atLowest, gop, between, lowest, Long.MAX_VALUE));
        }
        // the answer can be the top of the decision pass's level, which codes alike but says its own quality
        CodedKeyframes best = fitting.get(quality);
        if (best == null) {
            best = codeAt(gop, sharedFirst, codeFirst, later, predict, quality, Long.MAX_VALUE, memo, boost);
            best = between.length == 0 ? best : betweens.add(best, gop, between, quality, Long.MAX_VALUE);
        }
        return new Searched(quality,
                (between.length == 0 && ruledPicture(gop, later, memo) == null
                        ? LastKeyframeRaise.raise(codec, gop, best, budgetBits, memo) : best).fitting(boost));
    }

    /**
     * Which later keyframes are predicted, and the keyframes coded that way at the quality the
     * decision was made at (first the explicit keyframe quality, else the middle of the scale), which
     * is also the rate search's first measured point.
     */
    private record DecisionPass(boolean[] predict, int quality, CodedKeyframes coded) {
    }

    /**
     * Mode decision by measured cost: each later keyframe is predicted from the keyframe before it
     * where that is smaller than intra at quality {@code q}, and never the last frame of a
     * random-access GOP. The pictures chosen are kept, so the pass is a coding at {@code q}.
     */
    private DecisionPass decisionPass(Gop gop, Frame sharedFirst, boolean codeFirst, int[] later, IntraMemo memo, int boost,
            int q) {
        boolean[] predict = new boolean[later.length];
        if (!(codec instanceof PredictiveCodec pc)) {
            return new DecisionPass(predict, q, codeAt(gop, sharedFirst, codeFirst, later, predict, q, Long.MAX_VALUE, memo, boost));
        }
        ChainInProgress chain = new ChainInProgress(codec, gop, sharedFirst, codeFirst, later.length, q, memo, boost,
                ruledPicture(gop, later, memo));
        for (int i = 0; i < later.length; i++) {
            if (randomAccessPicture(gop, later[i])) {
                chain.addIntraByRule(later[i]);
                continue;
            }
            byte[] intra = memo.encode(codec, gop, later[i], q);
            byte[] predicted = memo.encodePredicted(pc, gop, chain.previous, later[i], q);
            predict[i] = predicted.length < intra.length;
            chain.add(later[i], predict[i], predict[i] ? predicted : intra);
        }
        return new DecisionPass(predict, q, chain.coded());
    }

    /**
     * The keyframes at quality {@code q}, each later one predicted where {@code predict} says; null
     * as soon as their bits pass {@code limitBits} (a trial that cannot fit stops early).
     */
    private CodedKeyframes codeAt(Gop gop, Frame sharedFirst, boolean codeFirst, int[] later, boolean[] predict, int q,
            long limitBits, IntraMemo memo, int boost) {
        ChainInProgress chain = new ChainInProgress(codec, gop, sharedFirst, codeFirst, later.length, q, memo, boost,
                ruledPicture(gop, later, memo));
        if (chain.bits > limitBits) {
            return null;
        }
        for (int i = 0; i < later.length; i++) {
            if (randomAccessPicture(gop, later[i])) {
                chain.addIntraByRule(later[i]);
            } else {
                byte[] data = predict[i] ? memo.encodePredicted((PredictiveCodec) codec, gop, chain.previous, later[i], q)
                        : memo.encode(codec, gop, later[i], q);
                chain.add(later[i], predict[i], data);
            }
            if (chain.bits > limitBits) {
                return null;
            }
        }
        return chain.coded();
    }

    /**
     * The intra picture this GOP ends on by its rule ({@link RandomAccessPicture}), where periods are
     * independent and the GOP ends a period on a frame it codes; else null.
     */
    private BoundaryPicture ruledPicture(Gop gop, int[] later, IntraMemo memo) {
        int last = gop.size() - 1;
        if (ruled == null || later.length == 0 || later[later.length - 1] != last || !randomAccessPicture(gop, last)) {
            return null;
        }
        return memo.ruled(last, position -> ruled.code(gop, position, gop.seq(), memo));
    }

    /** Whether {@code position} is the last frame of a random-access GOP of a chain that predicts: intra by rule. */
    private boolean randomAccessPicture(Gop gop, int position) {
        return codec instanceof PredictiveCodec && position == gop.size() - 1 && randomAccess(gop.seq());
    }

}
