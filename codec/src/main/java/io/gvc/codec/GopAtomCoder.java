package io.gvc.codec;

import io.gvc.codec.anchor.AnchorMode;
import io.gvc.codec.anchor.BridgeOffsets;
import io.gvc.codec.anchor.AnchorShift;
import io.gvc.codec.anchor.GopAnchors;
import io.gvc.codec.anchor.Keyframes;
import io.gvc.codec.atoms.AtomChoice;
import io.gvc.codec.atoms.AtomSelector;
import io.gvc.codec.bitstream.AtomPayload;
import io.gvc.codec.bitstream.BitWriter;
import io.gvc.codec.bitstream.BoundaryPicture;
import io.gvc.codec.bitstream.BitstreamException;
import io.gvc.codec.bitstream.CodingConfig;
import io.gvc.codec.bitstream.EncoderPsnr;
import io.gvc.codec.bitstream.GvcPacket;
import io.gvc.codec.bitstream.PacketCodec;
import io.gvc.codec.frame.Frame;
import io.gvc.codec.frame.Gop;
import io.gvc.codec.frame.VideoFormat;
import io.gvc.codec.intra.IntraCodec;
import io.gvc.codec.intra.IntraCodecs;
import io.gvc.codec.latent.LatentSpace;
import io.gvc.codec.metrics.PsnrAccumulator;
import io.gvc.codec.prior.FlowPrior;
import io.gvc.codec.prior.GopCondition;
import io.gvc.codec.prior.VelocityField;
import io.gvc.codec.rate.AtomCost;
import io.gvc.codec.rate.RateController;
import io.gvc.codec.variant.GopLayout;
import io.gvc.codec.bitstream.TailResidual;
import io.gvc.codec.variant.Variant;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The parallel half of the encoder, and the expensive one: given a GOP's frames and what the
 * keyframe chain decided for it ({@link KeyframedGop}: its decoded keyframes, plan and anchor mode),
 * measures the prior's side information and runs the decoder's own trajectory
 * ({@link GopGenerator}) with an atom search against the true latent at every stochastic step, so
 * the packet's reconstruction is known exactly. It keeps nothing from one GOP to the next, so one
 * stream's GOPs may be coded on as many threads, slots or machines as there are, in any order.
 */
public final class GopAtomCoder implements AutoCloseable {

    private final CodecParams params;
    private final FlowPrior prior;
    private final CodingSetup setup;
    private final AtomSelector search;
    /**
     * The boundary codec, for its price of a bit ({@link IntraCodec#lambda}), which kept atoms must
     * beat; built when first asked (a native codec loads its libraries), null until then.
     */
    private IntraCodec pricing;
    /** The worker pool this coder owns (null when it has none or shares its owner's). */
    private final ExecutorService ownPool;

    /** An atom coder of its own, with {@link CodecParams#threads()} worker threads and the plain-Java search. */
    public GopAtomCoder(CodecParams params, VideoFormat format, FlowPrior prior) {
        this(params, format, prior, AtomSelector.Factory.JAVA);
    }

    /** An atom coder of its own whose atoms {@code selectors} choose (see {@link AtomSelector} on what that changes). */
    public GopAtomCoder(CodecParams params, VideoFormat format, FlowPrior prior, AtomSelector.Factory selectors) {
        this.params = params;
        this.prior = prior;
        this.ownPool = params.threads() > 1
                ? Executors.newFixedThreadPool(params.threads(), GopEncoder.daemonThreads()) : null;
        try {
            this.setup = CodingSetup.forEncoder(params, format, prior, ownPool);
        } catch (RuntimeException e) {
            close(); // a format the engine refuses leaves no idle pool behind
            throw e;
        }
        this.search = selectors.create(setup.codebook);
    }

    /** Shares {@code setup} (and its pool, which stays its owner's). */
    GopAtomCoder(CodecParams params, FlowPrior prior, CodingSetup setup, AtomSelector.Factory selectors) {
        this.params = params;
        this.prior = prior;
        this.setup = setup;
        this.ownPool = null;
        // frames are searched in parallel, so each search runs on one thread
        this.search = selectors.create(setup.codebook);
    }

    public CodingConfig config() {
        return setup.config;
    }

    /**
     * Codes the rest of GOP {@code gop}'s packet: side information, atoms, deviation scale, residual.
     *
     * @throws IllegalArgumentException when {@code keyframed} is not this GOP's or not of this coder's variant
     */
    public EncodedGop encode(Gop gop, KeyframedGop keyframed) {
        Variant variant = params.variant();
        int n = gop.size();
        if (keyframed.gopSeq() != gop.seq() || keyframed.frames() != n || keyframed.variant() != variant) {
            throw new IllegalArgumentException("keyframes of GOP " + keyframed.gopSeq() + " (" + keyframed.frames()
                    + " frames, " + keyframed.variant() + ") given for GOP " + gop.seq() + " (" + n + " frames, "
                    + variant + ")");
        }
        boolean chained = keyframed.chained();
        GopLayout layout = setup.layout(n, params.tailLatentFrames());
        long budget = KeyframeChainCoder.budget(params, gop, chained);
        Keyframes keyframes = keyframed.keyframes();
        List<BoundaryPicture> boundaries = keyframed.boundaries();
        AnchorMode mode = keyframed.anchorMode();
        BridgeOffsets offsets = keyframed.offsets();
        GopAnchors anchors = GopAnchors.build(layout, mode, keyframes, offsets, setup.space,
                gop.frame(0).width(), gop.frame(0).height());
        Frame first = keyframes.first();
        Frame last = variant.hasLastKeyframe() && n > 1 ? keyframes.at(n - 1) : null;

        // latents and the prior's view of this GOP
        LatentSpace space = setup.space;
        float[] firstLatent = first == null ? null : space.encode(first);
        float[] lastLatent = last == null ? null : space.encode(last);
        float[][] truth = new float[layout.codedFrames()][];
        for (int f = 0; f < truth.length; f++) {
            truth[f] = space.encode(gop.frame(layout.codedPositions()[f]));
        }
        String prompt = variant.carriesPrompt() ? params.prompt() : "";
        GopCondition cond = setup.condition(layout, firstLatent, lastLatent, prompt, anchors);
        AnchorShift shift = AnchorShift.between(cond, anchors);
        byte[] side = prior.analyse(cond, shift.toPrior(truth));

        // atoms per step: what is left of the budget after everything else
        int m, mTail;
        if (params.m() != null) {
            m = params.m();
            mTail = params.mTail() != null ? params.mTail() : RateController.defaultTail(m, params.codebookSize());
        } else {
            // every field but the atoms is known now, except the I2V tail residual (coded after the
            // search): it is left out here, so --tail-residual overshoots the target by its size. The
            // PSNR is not known either, but it takes its three bytes whatever it is (version 13).
            GvcPacket withoutAtoms = packet(gop, n, 0, 0, layout.tailLatentFrames(), mode, offsets, new int[2],
                    boundaries, prompt, side, new byte[0], new BitWriter(), new EncoderPsnr(0, 0, 0));
            long fixed = 8L * PacketCodec.write(withoutAtoms).length;
            long boundaryBits = 8L * withoutAtoms.boundaryBytes();
            // their share, but never more than the GOP has left: a GOP whose boundaries took an intra
            // picture's allowance codes fewer atoms rather than overshooting the target. Holding a
            // quality, the GOP's budget is what its keyframes cost over their share of it
            long gopBudget = params.holdsQuality() ? Math.round(boundaryBits / params.boundaryShare()) : budget;
            long atomBudget = Math.min(Math.round(gopBudget * (1 - params.boundaryShare())) - (fixed - boundaryBits),
                    gopBudget - fixed);
            m = RateController.chooseM(layout, setup.stochasticSteps(), params.codebookSize(), atomBudget,
                    params.mTail());
            m = RateController.capToDecodeWork(setup.config, n, layout.tailLatentFrames(), m, params.mTail());
            mTail = params.mTail() != null ? params.mTail() : RateController.defaultTail(m, params.codebookSize());
        }
        boolean mayDrop = m + mTail > 0 && variant.dropsAtomsTheLumaRejects();
        Trajectory plain = null; // the trajectory without atoms, where one was run
        int[] plainScale = null;
        if (mayDrop && params.m() == null) {
            // early decision, before the search (the bulk of an encoder's work): where the prior's
            // deviation without atoms is one the luma rejects (scale 0), the atoms are predicted to
            // be rejected too, and the GOP is coded without them. A rate-controlled GOP only: an
            // explicit M is searched and judged after. A prediction, measured (docs/results.md,
            // codec v9): the same streams on most real clips compared; where not (yoga, archery and
            // cooking at their higher rates, fire2) the search had kept atoms that did not pay: on
            // the three evaluated, every metric's BD-rate against x265 improved without them
            plain = search(gop, cond, shift, side, truth, layout, 0, 0);
            plainScale = setup.generator.fitScale(layout, anchors, plain.x0, gop::frame);
            if (plainScale[0] == 0) {
                m = 0;
                mTail = 0;
            }
        }
        Trajectory traj = m + mTail == 0 && plain != null ? plain : search(gop, cond, shift, side, truth, layout, m, mTail);
        int[] scale = traj == plain ? plainScale : setup.generator.fitScale(layout, anchors, traj.x0, gop::frame);
        if (mayDrop && m + mTail > 0 && scale[0] == 0) {
            // mode decision by measured cost: the atoms bought nothing the luma may keep (its
            // deviation scale is 0), so the GOP is coded without them and their bits are not spent
            m = 0;
            mTail = 0;
            if (plain == null) {
                plain = search(gop, cond, shift, side, truth, layout, 0, 0);
                plainScale = setup.generator.fitScale(layout, anchors, plain.x0, gop::frame);
            }
            traj = plain;
            scale = plainScale;
        }
        BitWriter atoms = atomPayload(traj.chosen);
        Frame[] decided = null; // the output pictures of traj, where the cost test below built them
        if (mayDrop && params.m() == null && m + mTail > 0) {
            // mode decision by measured cost: the atoms the luma keeps must also remove more luma
            // error than their bits would buy as keyframe bits (AtomCost.price), or the GOP drops them
            Frame[] with = setup.generator.pictures(layout, anchors, traj.x0, scale);
            Frame[] without = picturesOf(plain, plainScale, layout, anchors);
            int from = chained ? 1 : 0;
            if (AtomCost.pays(gop::frame, with, without, from, n, atoms.bitCount(), AtomCost.price(boundaries, q -> pricing().lambda(q), n - from))) {
                decided = with;
            } else {
                m = 0;
                mTail = 0;
                traj = plain;
                scale = plainScale;
                atoms = atomPayload(traj.chosen);
                decided = without;
            }
        }
        float[][] x0 = traj.x0;
        byte[] residual = new byte[0];
        if (variant.allowsTailResidual() && params.tailResidual() && x0.length > 0) {
            residual = TailResidual.encodeAndApply(truth[x0.length - 1], x0[x0.length - 1]);
        }
        boolean generates = m + mTail > 0 || scale[0] > 0 || scale[1] > 0 || residual.length > 0;
        int tailFrames = layout.tailLatentFrames();
        if (!generates) {
            // nothing generated reaches the pictures: the GOP's output is its anchors, and its packet
            // carries no side information or tail count for a trajectory no decoder needs to run
            side = new byte[0];
            tailFrames = 0;
        }
        Frame[] pictures = decided != null && residual.length == 0 ? decided
                : generates ? setup.generator.pictures(layout, anchors, x0, scale) : anchors.pictures();
        PsnrAccumulator output = new PsnrAccumulator();
        for (int j = chained ? 1 : 0; j < n; j++) {
            output.add(gop.frame(j), pictures[j]);
        }
        GvcPacket packet = packet(gop, n, m, mTail, tailFrames, mode, offsets, scale, boundaries, prompt, side, residual,
                atoms, EncoderPsnr.of(output.total()));
        return new EncodedGop(packet, Arrays.asList(pictures), keyframed.chainQuality());
    }

    /** The boundary codec, built when first asked (a native codec loads its libraries). */
    private synchronized IntraCodec pricing() {
        if (pricing == null) {
            pricing = IntraCodecs.byId(params.intraCodec());
        }
        return pricing;
    }

    /** The atoms of every step and latent frame as the packet writes them. */
    private BitWriter atomPayload(AtomChoice[][] chosen) {
        BitWriter atoms = new BitWriter();
        for (AtomChoice[] step : chosen) {
            for (AtomChoice c : step) {
                AtomPayload.write(atoms, c, params.codebookSize());
            }
        }
        return atoms;
    }

    /** The output pictures of trajectory {@code traj} at deviation {@code scale}: its anchors where nothing generated reaches them. */
    private Frame[] picturesOf(Trajectory traj, int[] scale, GopLayout layout, GopAnchors anchors) {
        return scale[0] > 0 || scale[1] > 0 ? setup.generator.pictures(layout, anchors, traj.x0, scale) : anchors.pictures();
    }

    /** The choice of a step and latent frame coded with M = 0, what any search answers for it. */
    private static final AtomChoice NO_ATOMS = new AtomChoice(new int[0], new boolean[0]);

    /** The decoder's trajectory with the atoms the search chose at every step. */
    private record Trajectory(float[][] x0, AtomChoice[][] chosen) {
    }

    private Trajectory search(Gop gop, GopCondition cond, AnchorShift shift, byte[] side, float[][] truth,
                              GopLayout layout, int m, int mTail) {
        AtomChoice[][] chosen = new AtomChoice[setup.stochasticSteps()][layout.codedFrames()];
        float[][] x0;
        try (VelocityField field = shift.around(open(cond, side))) {
            x0 = setup.generator.latents(gop.seq(), cond, field, (step, f, x0hat) -> {
                int atoms = layout.atomsFor(f, m, mTail);
                if (atoms == 0) {
                    // no atom to choose: the search would correlate all K atoms for an empty answer
                    // (it did until codec v9, the bulk of an encoder's work in a GOP that drops them)
                    chosen[step][f] = NO_ATOMS;
                    return NO_ATOMS;
                }
                float[] r = new float[x0hat.length];
                float[] t = truth[f];
                for (int i = 0; i < r.length; i++) {
                    r[i] = t[i] - x0hat[i];
                }
                AtomChoice c = search.select(gop.seq(), step, f, r, atoms);
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

    private GvcPacket packet(Gop gop, int n, int m, int mTail, int tailLatentFrames, AnchorMode anchorMode,
                             BridgeOffsets offsets, int[] deviationScale, List<BoundaryPicture> boundaries, String prompt,
                             byte[] side, byte[] residual, BitWriter atoms, EncoderPsnr psnr) {
        return new GvcPacket(gop.seq(), gop.firstFrame(), n, setup.config, m, mTail, tailLatentFrames,
                anchorMode.code(), deviationScale, boundaries, prompt, side, residual, atoms.bitCount(), atoms.toByteArray(), psnr,
                offsets.toPacket());
    }

    @Override
    public void close() {
        if (ownPool != null) {
            ownPool.shutdownNow();
        }
    }
}
