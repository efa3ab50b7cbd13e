package io.gvc.codec;

import io.gvc.codec.anchor.AnchorMode;
import io.gvc.codec.anchor.AnchorShift;
import io.gvc.codec.anchor.GopAnchors;
import io.gvc.codec.anchor.Keyframes;
import io.gvc.codec.atoms.AtomChoice;
import io.gvc.codec.atoms.AtomSearch;
import io.gvc.codec.bitstream.AtomPayload;
import io.gvc.codec.bitstream.BitWriter;
import io.gvc.codec.bitstream.BoundaryPicture;
import io.gvc.codec.bitstream.BitstreamException;
import io.gvc.codec.bitstream.CodingConfig;
import io.gvc.codec.bitstream.GvcPacket;
import io.gvc.codec.bitstream.PacketCodec;
import io.gvc.codec.frame.Frame;
import io.gvc.codec.frame.Gop;
import io.gvc.codec.frame.VideoFormat;
import io.gvc.codec.intra.IntraCodec;
import io.gvc.codec.intra.IntraCodecs;
import io.gvc.codec.latent.DctLatentSpace;
import io.gvc.codec.latent.LatentSpace;
import io.gvc.codec.metrics.Psnr;
import io.gvc.codec.prior.FlowPrior;
import io.gvc.codec.prior.GopCondition;
import io.gvc.codec.prior.VelocityField;
import io.gvc.codec.rate.AnchorDecision;
import io.gvc.codec.rate.KeyframePlans;
import io.gvc.codec.rate.RateController;
import io.gvc.codec.variant.GopLayout;
import io.gvc.codec.bitstream.TailResidual;
import io.gvc.codec.variant.Variant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * GOP to packet. Codes the boundary frame(s), measures the prior's side information, then runs the
 * decoder's own trajectory ({@link GopGenerator}) with an atom search against the true latent at
 * every stochastic step, so the packet's reconstruction is known exactly.
 */
public final class GopEncoder implements AutoCloseable {

    private final CodecParams params;
    private final FlowPrior prior;
    private final IntraCodec intra;
    private final BoundaryCoder boundaryCoder;
    private final ExecutorService pool;
    private final CodingSetup setup;
    private final AtomSearch search;

    public GopEncoder(CodecParams params, VideoFormat format, FlowPrior prior) {
        this.params = params;
        this.prior = prior;
        this.intra = IntraCodecs.byId(params.intraCodec());
        this.boundaryCoder = new BoundaryCoder(intra, params.keyframeQuality(), params.intraPeriod());
        int ds = params.latentDownscale() > 0 ? params.latentDownscale()
                : DctLatentSpace.defaultDownscale(format.width(), format.height());
        CodingConfig config = new CodingConfig(params.variant(), format, params.gopFrames(), ds,
                params.temporalStride(), params.codebookSize(), params.steps(), params.tailSteps(), params.shift(),
                params.gScale(), params.seed(), prior.id(), CodingConfig.hashPrefix(prior.sha256()));
        if (params.m() != null) {
            // a fixed M must be one every GOP's packet can carry: refused here, before any GOP is coded
            int m = params.m();
            int mTail = params.mTail() != null ? params.mTail() : RateController.defaultTail(m, params.codebookSize());
            String refusal = io.gvc.codec.bitstream.Limits.atomWorkRefusal(config, params.gopFrames(), m, mTail,
                    params.tailLatentFrames());
            if (refusal != null) {
                throw new IllegalArgumentException(refusal);
            }
        }
        this.pool = params.threads() > 1 ? Executors.newFixedThreadPool(params.threads(), daemonThreads()) : null;
        this.setup = new CodingSetup(config, pool, prior);
        // frames are searched in parallel, so each search runs on one thread
        this.search = new AtomSearch(setup.codebook, null, 1);
    }

    static java.util.concurrent.ThreadFactory daemonThreads() {
        return r -> {
            Thread t = new Thread(r, "gvc-worker");
            t.setDaemon(true);
            return t;
        };
    }

    public CodingConfig config() {
        return setup.config;
    }

    public IntraCodec intraCodec() {
        return intra;
    }

    /**
     * Encodes one GOP. {@code sharedFirst} is the previous GOP's reconstructed last frame for GOP k
     * &gt; 0 of FLF2V and I2V (null otherwise).
     */
    public EncodedGop encode(Gop gop, Frame sharedFirst) {
        Variant variant = params.variant();
        int n = gop.size();
        boolean chained = variant.sharesBoundary() && sharedFirst != null;
        GopLayout layout = setup.layout(n, params.tailLatentFrames());
        long outFrames = chained ? n - 1 : n;
        long budget = Math.round(params.targetBpp() * gop.frame(0).width() * gop.frame(0).height() * outFrames);

        // 1. keyframes: the chain's pictures, for every plan of mid-GOP keyframes worth trying
        boolean codeFirst = variant.hasFirstKeyframe() && !chained;
        long boundaryBudget = (long) (budget * params.boundaryShare());
        List<BoundaryCoder.Coded> plans = new ArrayList<>();
        // plans are compared at equal bits, which only the rate-controlled quality gives: with a fixed
        // keyframe quality more keyframes would always measure closer, so the GOP stays whole
        int maxSegments = params.keyframeQuality() == null ? params.maxSegments() : 1;
        for (int[] later : KeyframePlans.candidates(variant, n, maxSegments)) {
            if (plans.isEmpty()) {
                plans.add(boundaryCoder.code(gop, chained ? sharedFirst : null, codeFirst, later, boundaryBudget));
                continue;
            }
            // a cut plan is coded within the bits the uncut plan actually spent (its quality steps
            // leave some of its budget unused), so the comparison is at equal or fewer bits; one that
            // cannot fit even at the lowest quality is not a candidate
            BoundaryCoder.Coded c = boundaryCoder.codeWithin(gop, chained ? sharedFirst : null, codeFirst, later,
                    plans.get(0).bits());
            if (c.fitsBudget()) {
                plans.add(c);
            }
        }

        // 2. anchors: the plan and the anchor mode (cross-fade or bridge) that measure closest
        List<Keyframes> candidates = new ArrayList<>(plans.size());
        for (BoundaryCoder.Coded c : plans) {
            candidates.add(c.keyframes());
        }
        AnchorDecision.Decided anchor = AnchorDecision.choose(gop, layout, candidates, chained ? 1 : 0, setup.space);
        GopAnchors anchors = anchor.anchors();
        List<BoundaryPicture> boundaries = plans.get(anchor.plan()).pictures();
        Keyframes keyframes = plans.get(anchor.plan()).keyframes();
        Frame first = keyframes.first();
        Frame last = variant.hasLastKeyframe() && n > 1 ? keyframes.at(n - 1) : null;

        // 3. latents and the prior's view of this GOP
        LatentSpace space = setup.space;
        float[] firstLatent = first == null ? null : space.encode(first);
        float[] lastLatent = last == null ? null : space.encode(last);
        float[][] truth = new float[layout.codedFrames()][];
        for (int f = 0; f < truth.length; f++) {
            truth[f] = space.encode(gop.frame(layout.codedPositions()[f]));
        }
        String prompt = variant.carriesPrompt() ? params.prompt() : "";
        GopCondition cond = setup.condition(layout, firstLatent, lastLatent, prompt);
        AnchorShift shift = AnchorShift.between(cond, anchors);
        byte[] side = prior.analyse(cond, shift.toPrior(truth));

        // 4. atoms per step: what is left of the budget after everything else
        int m, mTail;
        if (params.m() != null) {
            m = params.m();
            mTail = params.mTail() != null ? params.mTail() : RateController.defaultTail(m, params.codebookSize());
        } else {
            // every field but the atoms is known now, except the I2V tail residual (coded after the
            // search): it is left out here, so --tail-residual overshoots the target by its size.
            GvcPacket withoutAtoms = packet(gop, n, 0, 0, layout, anchor.mode(), new int[2], boundaries, prompt, side,
                    new byte[0], new BitWriter(), new long[3]);
            long fixed = 8L * PacketCodec.write(withoutAtoms).length;
            long boundaryBits = 8L * withoutAtoms.boundaryBytes();
            // their share, but never more than the GOP has left: a GOP whose boundaries took an intra
            // picture's allowance codes fewer atoms rather than overshooting the target
            long atomBudget = Math.min(Math.round(budget * (1 - params.boundaryShare())) - (fixed - boundaryBits),
                    budget - fixed);
            m = RateController.chooseM(layout, setup.stochasticSteps(), params.codebookSize(), atomBudget,
                    params.mTail());
            m = RateController.capToDecodeWork(setup.config, n, layout.tailLatentFrames(), m, params.mTail());
            mTail = params.mTail() != null ? params.mTail() : RateController.defaultTail(m, params.codebookSize());
        }
        Trajectory traj = search(gop, cond, shift, side, truth, layout, m, mTail);
        int[] scale = setup.generator.fitScale(layout, anchors, traj.x0, gop::frame);
        if (m + mTail > 0 && scale[0] == 0 && variant.dropsAtomsTheLumaRejects()) {
            // mode decision by measured cost: the atoms bought nothing the luma may keep (its
            // deviation scale is 0), so the GOP is coded without them and their bits are not spent
            m = 0;
            mTail = 0;
            traj = search(gop, cond, shift, side, truth, layout, 0, 0);
            scale = setup.generator.fitScale(layout, anchors, traj.x0, gop::frame);
        }
        float[][] x0 = traj.x0;
        AtomChoice[][] chosen = traj.chosen;
        byte[] residual = new byte[0];
        if (variant.allowsTailResidual() && params.tailResidual() && x0.length > 0) {
            residual = TailResidual.encodeAndApply(truth[x0.length - 1], x0[x0.length - 1]);
        }
        Frame[] pictures = setup.generator.pictures(layout, anchors, x0, scale);

        BitWriter atoms = new BitWriter();
        for (AtomChoice[] step : chosen) {
            for (AtomChoice c : step) {
                AtomPayload.write(atoms, c, params.codebookSize());
            }
        }
        long[] sse = new long[3];
        for (int j = chained ? 1 : 0; j < n; j++) {
            for (int p = 0; p < 3; p++) {
                sse[p] += Psnr.sse(gop.frame(j), pictures[j], p);
            }
        }
        GvcPacket packet = packet(gop, n, m, mTail, layout, anchor.mode(), scale, boundaries, prompt, side, residual,
                atoms, sse);
        return new EncodedGop(packet, Arrays.asList(pictures));
    }

    /** The decoder's trajectory with the atoms the search chose at every step. */
    private record Trajectory(float[][] x0, AtomChoice[][] chosen) {
    }

    private Trajectory search(Gop gop, GopCondition cond, AnchorShift shift, byte[] side, float[][] truth,
                              GopLayout layout, int m, int mTail) {
        AtomChoice[][] chosen = new AtomChoice[setup.stochasticSteps()][layout.codedFrames()];
        float[][] x0;
        try (VelocityField field = shift.around(open(cond, side))) {
            x0 = setup.generator.latents(gop.seq(), cond, field, (step, f, x0hat) -> {
                float[] r = new float[x0hat.length];
                float[] t = truth[f];
                for (int i = 0; i < r.length; i++) {
                    r[i] = t[i] - x0hat[i];
                }
                AtomChoice c = search.select(gop.seq(), step, f, r, layout.atomsFor(f, m, mTail));
                chosen[step][f] = c;
                return c;
            });
        }
        return new Trajectory(x0, chosen);
    }

    private VelocityField open(GopCondition cond, byte[] side) {
        try {
            return prior.open(cond, side);
        } catch (BitstreamException e) {
            throw new IllegalStateException("the prior refused its own side information: " + e.getMessage(), e);
        }
    }

    private GvcPacket packet(Gop gop, int n, int m, int mTail, GopLayout layout, AnchorMode anchorMode,
                             int[] deviationScale, List<BoundaryPicture> boundaries, String prompt, byte[] side, byte[] residual,
                             BitWriter atoms, long[] sse) {
        return new GvcPacket(gop.seq(), gop.firstFrame(), n, setup.config, m, mTail, layout.tailLatentFrames(),
                anchorMode.code(), deviationScale, boundaries, prompt, side, residual, atoms.bitCount(), atoms.toByteArray(), sse);
    }

    @Override
    public void close() {
        if (pool != null) {
            pool.shutdownNow();
        }
    }
}
