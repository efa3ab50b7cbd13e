package io.gvc.codec;

import io.gvc.codec.anchor.Keyframes;
import io.gvc.codec.bitstream.BoundaryPicture;
import io.gvc.codec.frame.Frame;
import io.gvc.codec.frame.Gop;
import io.gvc.codec.frame.VideoFormat;
import io.gvc.codec.intra.IntraCodec;
import io.gvc.codec.intra.IntraCodecs;
import io.gvc.codec.intra.PredictiveCodec;
import io.gvc.codec.prior.FlowPrior;
import io.gvc.codec.rate.AnchorDecision;
import io.gvc.codec.rate.KeyframePlans;
import io.gvc.codec.rate.QualityFloor;
import io.gvc.codec.rate.SceneCuts;
import io.gvc.codec.variant.GopLayout;
import io.gvc.codec.variant.Variant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.IntConsumer;

/**
 * The sequential half of the encoder: codes a GOP's keyframes (the first frame where the GOP does
 * not share it, the codec-v3 mid-GOP keyframes and the last frame), for every keyframe plan worth
 * trying, and decides the plan and the anchor mode ({@link AnchorDecision}). It needs the previous
 * GOP's shared frame, so one stream's GOPs pass through it in order (one period's, where periods are
 * independent: {@link #periodStart}); it was meant as the cheap half, and with every plan coded
 * at several qualities it is now most of an encode's time (docs/performance.md). Its result, a
 * {@link KeyframedGop}, is all the other half ({@link GopAtomCoder}) needs from the past.
 *
 * <p>For FLF2V the next GOP's shared frame is this GOP's decoded last keyframe
 * ({@link KeyframedGop#nextSharedFirst()}), so a stream's chain runs ahead of the atom search. The
 * next GOP also takes this one's chain quality ({@link KeyframedGop#chainQuality()}), below which
 * it codes its own by no more than {@link QualityFloor#LEVELS}.
 */
public final class KeyframeChainCoder {

    private final CodecParams params;
    private final CodingSetup setup;
    private final BoundaryCoder boundaryCoder;
    private final IntraCodec intra;
    private final RandomAccess randomAccess;
    /** The rule for the intra picture a period ends on, where periods are independent; else null. */
    private final RandomAccessPicture ruled;

    /** A chain coder of its own: builds the same coding setup as the atom coder, so it refuses the same formats. */
    public KeyframeChainCoder(CodecParams params, VideoFormat format, FlowPrior prior) {
        this(params, format, prior, null);
    }

    /**
     * As {@link #KeyframeChainCoder(CodecParams, VideoFormat, FlowPrior)}, coding a GOP's keyframe
     * plans on {@code pool}'s threads where it is not null (the caller owns it and shuts it down); the
     * output does not depend on it.
     */
    public KeyframeChainCoder(CodecParams params, VideoFormat format, FlowPrior prior,
            ExecutorService pool) {
        this(params, CodingSetup.forEncoder(params, format, prior, pool));
    }

    KeyframeChainCoder(CodecParams params, CodingSetup setup) {
        this.params = params;
        this.setup = setup;
        this.intra = IntraCodecs.byId(params.intraCodec());
        this.randomAccess = params.randomAccess();
        if (randomAccess.independentPeriods() && !(intra instanceof PredictiveCodec)) {
            throw new IllegalArgumentException("independent periods need a boundary codec that predicts (x265 or gvc-dct): "
                    + intra.id() + " codes every keyframe intra at its chain's quality");
        }
        this.ruled = randomAccess.independentPeriods() ? new RandomAccessPicture(intra, params) : null;
        this.boundaryCoder = new BoundaryCoder(intra, params.keyframeQuality(), randomAccess, ruled);
    }

    /** The frame a period's first GOP starts from and the quality its floor starts from. */
    public record PeriodStart(Frame sharedFirst, int previousQuality) {
    }

    /**
     * Where periods are independent and GOP {@code gop} is a period's first (not the stream's), what
     * the GOP before hands it, coded here from the GOP's own first frame as that GOP codes it ({@link
     * RandomAccessPicture}): the decoded intra picture it shares and that picture's quality, the GOP
     * before's {@link KeyframedGop#chainQuality()}. So the period is coded without waiting for the
     * period before, to the same bytes. Empty for any other GOP.
     */
    public Optional<PeriodStart> periodStart(Gop gop) {
        if (!randomAccess.startsFromItsOwnCoding(gop.seq()) || !params.variant().sharesBoundary()) {
            return Optional.empty();
        }
        BoundaryPicture p = ruled.code(gop, 0, gop.seq() - 1, new IntraMemo());
        return Optional.of(new PeriodStart(ruled.decode(p, gop), p.quality()));
    }

    /**
     * Codes GOP {@code gop}'s keyframes. {@code sharedFirst} is the previous GOP's reconstructed
     * last frame for GOP k &gt; 0 of FLF2V and I2V (null otherwise), {@code previousQuality} the
     * previous GOP's {@link KeyframedGop#chainQuality()} ({@link QualityFloor#NONE} where there is
     * none; unused where the GOP does not continue a chain).
     */
    public KeyframedGop code(Gop gop, Frame sharedFirst, int previousQuality) {
        Variant variant = params.variant();
        int n = gop.size();
        boolean chained = variant.sharesBoundary() && sharedFirst != null;
        GopLayout layout = setup.layout(n, params.tailLatentFrames());
        boolean codeFirst = variant.hasFirstKeyframe() && !chained;
        Frame shared = chained ? sharedFirst : null;
        IntraMemo memo = new IntraMemo();
        // plans are compared at equal bits, which only the rate-controlled quality gives: with a fixed
        // keyframe quality more keyframes would always measure closer, so the GOP stays whole
        int maxSegments = params.keyframeQuality() == null ? params.maxSegments() : 1;
        List<KeyframePlans.Plan> candidates = KeyframePlans.candidates(variant, n, maxSegments,
                boundaryCoder.codesBetween(), codeFirst, maxSegments > 1 ? SceneCuts.in(gop) : new int[0]);
        boolean budgeted = !params.holdsQuality() && params.keyframeQuality() == null;

        // 1. keyframes: the chain's pictures, for every plan of mid-GOP keyframes worth trying
        long boundaryBudget = (long) (budget(params, gop, chained) * params.boundaryShare());
        CodedKeyframes uncut = codeUncut(gop, shared, codeFirst, candidates.get(0).chain(), chained, budgeted,
                previousQuality, boundaryBudget, memo);
        List<CodedKeyframes> plans = codeWithinUncut(gop, shared, codeFirst, candidates, uncut,
                planBits(gop, codeFirst, candidates.get(0).chain(), budgeted, uncut, boundaryBudget, memo), memo);

        // 2. anchors: the plan and the anchor mode (cross-fade or bridge) that measure closest; the
        // atom coder builds the chosen anchors' latents itself, as the decoder does
        List<Keyframes> decoded = new ArrayList<>(plans.size());
        for (CodedKeyframes c : plans) {
            decoded.add(c.keyframes());
        }
        AnchorDecision.Choice choice = AnchorDecision.decide(gop, layout, decoded, chained ? 1 : 0, params.bridgeRule());
        CodedKeyframes chosen = plans.get(choice.plan());
        return new KeyframedGop(gop.seq(), variant, n, chained, choice.mode(), compact(chosen.pictures()), chosen.keyframes(),
                choice.offsets(), budgeted ? chainQuality(gop, uncut) : QualityFloor.NONE);
    }

    /**
     * The first plan, the GOP whole (where it has a scene cut, with keyframes on both sides of it,
     * codec v19), coded to the GOP's budget or at the quality held; under a budget no coarser than
     * {@link QualityFloor} lets it fall from the GOP before. Every other plan is judged against its bits.
     */
    private CodedKeyframes codeUncut(Gop gop, Frame shared, boolean codeFirst, int[] chain, boolean chained,
            boolean budgeted, int previousQuality, long boundaryBudget, IntraMemo memo) {
        CodedKeyframes uncut = params.holdsQuality()
                ? boundaryCoder.codeAtQuality(gop, shared, codeFirst, chain, params.targetQuality(), memo)
                : boundaryCoder.code(gop, shared, codeFirst, chain, boundaryBudget, memo);
        int floor = budgeted && chained ? QualityFloor.floor(intra, previousQuality) : QualityFloor.NONE;
        if (QualityFloor.below(intra, chainQuality(gop, uncut), floor)) {
            uncut = boundaryCoder.codeAtQuality(gop, shared, codeFirst, chain, floor, memo);
        }
        return uncut;
    }

    /**
     * The uncut plan and every other candidate that fits within the bits it actually spent (its
     * quality steps leave some of its budget unused), so the comparison is at equal or fewer bits; a
     * plan that cannot fit even at the lowest quality is not a candidate. The plans are independent of
     * each other, so they are coded at once on the encoder's threads: first the chains alone, then
     * those with between pictures whose chain alone fitted (with between pictures on top the others
     * cannot). In the candidates' order, the uncut plan first.
     */
    private List<CodedKeyframes> codeWithinUncut(Gop gop, Frame shared, boolean codeFirst,
            List<KeyframePlans.Plan> candidates, CodedKeyframes uncut, long planBits, IntraMemo memo) {
        CodedKeyframes[] coded = new CodedKeyframes[candidates.size()];
        coded[0] = uncut;
        Set<List<Integer>> chainsThatFit = new HashSet<>();
        chainsThatFit.add(positions(candidates.get(0).chain()));
        for (boolean withBetween : new boolean[] {false, true}) {
            List<Integer> wave = new ArrayList<>();
            for (int i = 1; i < candidates.size(); i++) {
                KeyframePlans.Plan plan = candidates.get(i);
                if ((plan.between().length > 0) == withBetween
                        && (!withBetween || chainsThatFit.contains(positions(plan.chain())))) {
                    wave.add(i);
                }
            }
            inParallel(wave, i -> coded[i] = boundaryCoder.codeWithin(gop, shared, codeFirst, candidates.get(i).chain(),
                    candidates.get(i).between(), planBits, memo, uncut.intraBoost(), intra.coarsestCutQuality()));
            for (int i : wave) {
                if (coded[i].fitsBudget()) {
                    chainsThatFit.add(positions(candidates.get(i).chain()));
                }
            }
        }
        List<CodedKeyframes> plans = new ArrayList<>();
        for (int i = 0; i < coded.length; i++) {
            if (i == 0 || (coded[i] != null && coded[i].fitsBudget())) {
                plans.add(coded[i]);
            }
        }
        return plans;
    }

    /**
     * The bits the other plans are coded within: what the uncut plan spent, or, for a budgeted GOP
     * that ends a period on its rule's intra picture (independent periods), its budget, which the
     * uncut plan cannot spend (its one picture is fixed) and a cut plan can.
     */
    private long planBits(Gop gop, boolean codeFirst, int[] chain, boolean budgeted, CodedKeyframes uncut,
            long boundaryBudget, IntraMemo memo) {
        if (ruled == null || !budgeted || !boundaryCoder.randomAccess(gop.seq()) || params.holdsQuality()) {
            return uncut.bits();
        }
        return Math.max(uncut.bits(),
                boundaryCoder.budget(gop, codeFirst, chain, boundaryBudget, uncut.intraBoost(), memo));
    }

    /** A chain's keyframe positions as a value (arrays compare by identity). */
    private static List<Integer> positions(int[] chain) {
        return Arrays.stream(chain).boxed().toList();
    }

    /** The chosen pictures as the packet carries them ({@link IntraCodec#compact}). */
    private List<BoundaryPicture> compact(List<BoundaryPicture> pictures) {
        List<BoundaryPicture> out = new ArrayList<>(pictures.size());
        for (BoundaryPicture b : pictures) {
            out.add(new BoundaryPicture(b.position(), b.codecId(), b.quality(), b.predicted(), b.between(),
                    intra.compact(b.data(), b.predicted(), b.between())));
        }
        return out;
    }

    /**
     * The quality of a GOP's uncut chain, for the next GOP's {@link QualityFloor}: its last picture's
     * (FLF2V: the GOP's last frame, predicted from the first), the levels of an {@link
     * io.gvc.codec.rate.IntraBoost} taken off where that picture is intra by rule; {@link
     * QualityFloor#NONE} where the GOP codes no later keyframe.
     */
    private int chainQuality(Gop gop, CodedKeyframes uncut) {
        List<BoundaryPicture> pictures = uncut.pictures();
        if (pictures.isEmpty() || pictures.get(pictures.size() - 1).position() == 0) {
            return QualityFloor.NONE;
        }
        BoundaryPicture last = pictures.get(pictures.size() - 1);
        // a period's last picture under independent periods is its rule's, never boosted (the next period's
        // encoder takes this quality from the picture alone, RandomAccessPicture)
        boolean boosted = !last.predicted() && boundaryCoder.randomAccess(gop.seq()) && uncut.intraBoost() > 0
                && ruled == null;
        return boosted ? intra.coarser(last.quality(), uncut.intraBoost()) : last.quality();
    }

    /** Runs {@code task} for every index, on the setup's threads where it has them; each index writes its own slot. */
    private void inParallel(List<Integer> indices, IntConsumer task) {
        if (setup.pool == null || indices.size() < 2) {
            indices.forEach(task::accept);
            return;
        }
        List<Callable<Void>> calls = new ArrayList<>();
        for (int i : indices) {
            calls.add(() -> {
                task.accept(i);
                return null;
            });
        }
        try {
            for (Future<Void> f : setup.pool.invokeAll(calls)) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while coding keyframe plans", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
    }

    /** The GOP's bit budget: the target rate over the frames it outputs (not the shared first one). */
    static long budget(CodecParams params, Gop gop, boolean chained) {
        long outFrames = chained ? gop.size() - 1 : gop.size();
        return Math.round(params.targetBpp() * gop.frame(0).width() * gop.frame(0).height() * outFrames);
    }
}
