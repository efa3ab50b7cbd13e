package io.gvc.codec;

import io.gvc.codec.anchor.AnchorMode;
import io.gvc.codec.anchor.BridgeOffsets;
import io.gvc.codec.anchor.AnchorShift;
import io.gvc.codec.anchor.GopAnchors;
import io.gvc.codec.anchor.Keyframes;
import io.gvc.codec.atoms.AtomChoice;
import io.gvc.codec.bitstream.AtomPayload;
import io.gvc.codec.bitstream.BitReader;
import io.gvc.codec.bitstream.BitstreamException;
import io.gvc.codec.bitstream.CodingConfig;
import io.gvc.codec.bitstream.GvcPacket;
import io.gvc.codec.frame.Frame;
import io.gvc.codec.prior.FlowPrior;
import io.gvc.codec.prior.GopCondition;
import io.gvc.codec.prior.VelocityField;
import io.gvc.codec.variant.GopLayout;
import io.gvc.codec.bitstream.TailResidual;
import io.gvc.codec.variant.Variant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Packet to pictures: reads the atoms first (so a corrupt packet fails before any model work), then
 * replays the encoder's trajectory through {@link GopGenerator}.
 */
public final class GopDecoder implements AutoCloseable {

    private final FlowPrior prior;
    private final ExecutorService pool;
    private CodingSetup setup;

    public GopDecoder(FlowPrior prior, int threads) {
        this.prior = prior;
        this.pool = threads > 1 ? Executors.newFixedThreadPool(threads, GopEncoder.daemonThreads()) : null;
    }

    /** Whether GOP {@code p} needs the previous GOP's last frame to be decoded. */
    public static boolean needsSharedFirst(GvcPacket p) {
        return p.config().variant().sharesBoundary() && p.boundaryAt(0) == null;
    }

    /**
     * The frame the next GOP of the chain starts from, without generating this GOP: FLF2V codes a
     * GOP's last frame as a keyframe, so it is the decode of that picture (bit-identical to the last
     * frame {@link #decode} returns). A predicted keyframe needs the keyframe before it, back to
     * this GOP's first frame: {@code sharedFirst} when the GOP shares it (see
     * {@link #needsSharedFirst}), else the packet's own first picture. Empty for variants whose
     * last frame is generated (I2V) or that do not chain (T2V), and for single-frame GOPs.
     */
    public static java.util.Optional<Frame> lastBoundary(GvcPacket p, Frame sharedFirst) throws BitstreamException {
        return KeyframeDecoder.lastBoundary(p, sharedFirst);
    }

    /** Whether this packet's last frame can be decoded from the packet alone: a point where a decoder can join. */
    public static boolean endsOnIntra(GvcPacket p) {
        return KeyframeDecoder.endsOnIntra(p);
    }

    /**
     * Decodes one GOP into all of its frames (the shared first frame included).
     *
     * @param sharedFirst the previous GOP's last decoded frame when {@link #needsSharedFirst}; else ignored
     */
    public List<Frame> decode(GvcPacket p, Frame sharedFirst) throws BitstreamException {
        CodingConfig config = p.config();
        checkModel(config);
        if (setup == null || !setup.serves(config)) {
            try {
                setup = new CodingSetup(config, pool, prior);
            } catch (IllegalArgumentException e) {
                // a valid stream the model cannot take (e.g. an odd side for a picture latent): the
                // stream's fault as far as this decoder goes, so a bitstream error, not a crash
                throw new BitstreamException("packet.config", "model '" + prior.id()
                        + "' cannot decode a " + config.format().width() + "x" + config.format().height()
                        + " stream at latent downscale " + config.latentDownscale() + ": " + e.getMessage());
            }
        }
        int n = p.frameCount();
        int w = config.format().width(), h = config.format().height();
        Variant variant = config.variant();
        GopLayout layout = setup.layout(n, p.tailLatentFrames());
        if (p.generates() && layout.tailLatentFrames() != p.tailLatentFrames() && variant.hasTailLatentFrames()) {
            throw new BitstreamException("packet.tail_latent_frames", "is " + p.tailLatentFrames()
                    + " but the GOP has only " + layout.codedFrames() + " coded latent frames");
        }
        if (n > config.gopFrames()) {
            throw new BitstreamException("packet.frame_count", "is " + n + ", above the GOP size " + config.gopFrames());
        }
        AtomChoice[][] choices = readAtoms(p, layout);

        Keyframes keyframes = KeyframeDecoder.keyframes(p, sharedFirst, pool);
        Frame first = keyframes.first();
        Frame last = variant.hasLastKeyframe() && n > 1 ? keyframes.at(n - 1) : null;
        AnchorMode mode = AnchorMode.fromCode(p.anchorMode()); // the reader checked the range
        BridgeOffsets offsets = BridgeOffsets.fromPacket(p.bridgeOffsets(), n); // the reader checked them
        Frame[] pictures = GopAnchors.picturesByMode(layout, EnumSet.of(mode), keyframes, offsets, w, h)
                .get(mode);
        if (!p.generates()) {
            // the encoder's reconstruction too: its anchors as they are, so no latent of them is needed
            // (the latents were 13 % of a 720p decode's time: docs/performance.md)
            return Arrays.asList(pictures);
        }
        GopAnchors anchors = GopAnchors.withLatents(layout, keyframes, pictures, setup.space);
        float[] firstLatent = first == null ? null : setup.space.encode(first);
        float[] lastLatent = last == null ? null : setup.space.encode(last);
        GopCondition cond = setup.condition(layout, firstLatent, lastLatent, p.prompt(), anchors);
        float[][] x0;
        try (VelocityField field = AnchorShift.between(cond, anchors).around(prior.open(cond, p.priorSide()))) {
            x0 = setup.generator.latents(p.gopSeq(), cond, field, (step, f, x0hat) -> choices[step][f]);
        }
        if (p.tailResidual().length > 0) {
            if (!variant.allowsTailResidual() || x0.length == 0) {
                throw new BitstreamException("packet.tail_residual", "only I2V GOPs carry one");
            }
            TailResidual.decodeAndApply(p.tailResidual(), x0[x0.length - 1]);
        }
        return Arrays.asList(setup.generator.pictures(layout, anchors, x0, p.deviationScale()));
    }

    private void checkModel(CodingConfig c) throws BitstreamException {
        if (!c.modelId().equals(prior.id())) {
            throw new BitstreamException("packet.config.model_id", "stream was coded with model '" + c.modelId()
                    + "', this decoder has '" + prior.id() + "'");
        }
        if (!c.sameModel(prior.sha256())) {
            throw new BitstreamException("packet.config.model_hash", "stream was coded with other parameters of '"
                    + c.modelId() + "' (hash " + java.util.HexFormat.of().formatHex(c.modelHashPrefix())
                    + "..., decoder has " + prior.sha256().substring(0, 16) + "...)");
        }
    }

    private AtomChoice[][] readAtoms(GvcPacket p, GopLayout layout) throws BitstreamException {
        int k = p.config().codebookSize();
        if (p.m() > k || p.mTail() > k) {
            throw new BitstreamException("packet.m", "M exceeds K = " + k);
        }
        int steps = setup.stochasticSteps();
        BitReader r = new BitReader(p.atoms(), p.atomBits(), "packet.atoms");
        AtomChoice[][] out = new AtomChoice[steps][layout.codedFrames()];
        for (int s = 0; s < steps; s++) {
            for (int f = 0; f < layout.codedFrames(); f++) {
                out[s][f] = AtomPayload.read(r, k, layout.atomsFor(f, p.m(), p.mTail()));
            }
        }
        if (r.remaining() != 0) {
            throw new BitstreamException("packet.atom_bits", r.remaining() + " bits left over after the last atom");
        }
        return out;
    }


    @Override
    public void close() {
        if (pool != null) {
            pool.shutdownNow();
        }
    }
}