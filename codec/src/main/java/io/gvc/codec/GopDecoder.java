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
import io.gvc.codec.bitstream.BoundaryPicture;
import io.gvc.codec.bitstream.CodingConfig;
import io.gvc.codec.bitstream.GvcPacket;
import io.gvc.codec.frame.Frame;
import io.gvc.codec.intra.BidirectionalCodec;
import io.gvc.codec.intra.IntraCodec;
import io.gvc.codec.intra.IntraCodecs;
import io.gvc.codec.intra.PredictiveCodec;
import io.gvc.codec.prior.FlowPrior;
import io.gvc.codec.prior.GopCondition;
import io.gvc.codec.prior.VelocityField;
import io.gvc.codec.variant.GopLayout;
import io.gvc.codec.bitstream.TailResidual;
import io.gvc.codec.variant.Variant;
import java.util.Arrays;
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
        CodingConfig config = p.config();
        int n = p.frameCount();
        if (!config.variant().hasLastKeyframe() || n < 2) {
            return java.util.Optional.empty();
        }
        List<BoundaryPicture> later = chainOnly(laterKeyframes(p));
        // the chain back from the last frame to its newest intra picture: only that part is decoded,
        // so an intra last frame needs nothing earlier (a point where a decoder can join)
        int from = later.size() - 1;
        while (from >= 0 && later.get(from).predicted()) {
            from--;
        }
        int w = config.format().width(), h = config.format().height();
        Frame picture = from < 0 ? firstFrame(p, sharedFirst) : null;
        for (int i = Math.max(from, 0); i < later.size(); i++) {
            BoundaryPicture b = later.get(i);
            picture = boundary(b, b.predicted() ? picture : null, w, h, fieldOf(b, n));
        }
        return java.util.Optional.of(picture);
    }

    /** The packet's keyframes after position 0, in increasing position; FLF2V must carry its last frame. */
    private static List<BoundaryPicture> laterKeyframes(GvcPacket p) throws BitstreamException {
        int n = p.frameCount();
        Variant variant = p.config().variant();
        if (variant.hasLastKeyframe() && n > 1 && p.boundaryAt(n - 1) == null) {
            throw new BitstreamException("packet.boundary", "FLF2V GOP lacks its last frame");
        }
        List<BoundaryPicture> later = new java.util.ArrayList<>();
        for (BoundaryPicture b : p.boundaries()) {
            if (b.position() > 0) {
                later.add(b); // the reader keeps them in increasing position
            }
        }
        if (!variant.hasLaterKeyframes() && !later.isEmpty()) {
            throw new BitstreamException("packet.boundary", "only FLF2V GOPs carry keyframes after their first frame");
        }
        return later;
    }

    /** The chain's pictures among {@code keyframes}: every one but the between pictures. */
    private static List<BoundaryPicture> chainOnly(List<BoundaryPicture> keyframes) {
        return keyframes.stream().filter(b -> !b.between()).toList();
    }

    private static String fieldOf(BoundaryPicture b, int n) {
        return b.position() == n - 1 ? "packet.boundary[last]" : "packet.boundary[" + b.position() + "]";
    }

    /**
     * The GOP's decoded keyframes: the first frame (its own intra picture or the shared one) and
     * every keyframe the packet carries, each predicted one decoded from the keyframe before it.
     * FLF2V GOPs of two or more frames must carry their last frame.
     */
    public static Keyframes keyframes(GvcPacket p, Frame sharedFirst) throws BitstreamException {
        CodingConfig config = p.config();
        int n = p.frameCount();
        int w = config.format().width(), h = config.format().height();
        List<BoundaryPicture> later = laterKeyframes(p);
        if (!config.variant().hasFirstKeyframe()) {
            return Keyframes.none();
        }
        int[] positions = new int[later.size() + 1];
        Frame[] pictures = new Frame[positions.length];
        pictures[0] = firstFrame(p, sharedFirst);
        // the chain first, each predicted picture from the chain keyframe before it, then the between
        // pictures from the chain keyframes either side of them (the reader checked one follows)
        int chainBefore = 0;
        for (int i = 0; i < later.size(); i++) {
            BoundaryPicture b = later.get(i);
            positions[i + 1] = b.position();
            if (!b.between()) {
                pictures[i + 1] = boundary(b, b.predicted() ? pictures[chainBefore] : null, w, h, fieldOf(b, n));
                chainBefore = i + 1;
            }
        }
        for (int i = 0; i < later.size(); i++) {
            BoundaryPicture b = later.get(i);
            if (b.between()) {
                int past = i, future = i + 2; // indices into pictures, whose 0 is the first frame
                while (past > 0 && later.get(past - 1).between()) {
                    past--;
                }
                while (later.get(future - 1).between()) {
                    future++;
                }
                pictures[i + 1] = between(b, pictures[past], pictures[future], w, h, fieldOf(b, n));
            }
        }
        return new Keyframes(positions, pictures);
    }

    /** Whether this packet's last frame can be decoded from the packet alone: a point where a decoder can join. */
    public static boolean endsOnIntra(GvcPacket p) {
        BoundaryPicture b = p.boundaryAt(p.frameCount() - 1);
        return b != null && !b.predicted();
    }

    /** The GOP's first frame: its own intra picture, or the shared one (checked for size). */
    private static Frame firstFrame(GvcPacket p, Frame sharedFirst) throws BitstreamException {
        int w = p.config().format().width(), h = p.config().format().height();
        if (p.boundaryAt(0) != null) {
            return boundary(p.boundaryAt(0), null, w, h, "packet.boundary[first]");
        }
        if (sharedFirst == null) {
            throw new BitstreamException("packet.boundary", "GOP " + p.gopSeq()
                    + " shares its first frame with GOP " + (p.gopSeq() - 1) + ", which was not given");
        }
        if (sharedFirst.width() != w || sharedFirst.height() != h) {
            throw new BitstreamException("packet.config.width", "shared first frame is " + sharedFirst.width()
                    + "x" + sharedFirst.height() + ", the GOP is " + w + "x" + h);
        }
        return sharedFirst;
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

        Keyframes keyframes = keyframes(p, sharedFirst);
        Frame first = keyframes.first();
        Frame last = variant.hasLastKeyframe() && n > 1 ? keyframes.at(n - 1) : null;
        AnchorMode mode = AnchorMode.fromCode(p.anchorMode()); // the reader checked the range
        BridgeOffsets offsets = BridgeOffsets.fromPacket(p.bridgeOffsets(), n); // the reader checked them
        GopAnchors anchors = GopAnchors.build(layout, mode, keyframes, offsets, setup.space, w, h);
        if (!p.generates()) {
            return Arrays.asList(anchors.pictures()); // the encoder's reconstruction too: its anchors as they are
        }
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

    /** Decodes a boundary picture; a predicted one from {@code reference}. */
    private static Frame boundary(BoundaryPicture b, Frame reference, int w, int h, String field)
            throws BitstreamException {
        IntraCodec codec = codec(b, field);
        if (b.predicted() && !(codec instanceof PredictiveCodec)) {
            throw new BitstreamException(field + ".predicted", b.codecId() + " cannot code predicted pictures");
        }
        try {
            return b.predicted() ? ((PredictiveCodec) codec).decodePredicted(b.data(), reference, b.quality(), w, h)
                    : codec.decode(b.data(), w, h);
        } catch (BitstreamException e) {
            throw e.within(field);
        } catch (RuntimeException e) {
            throw new BitstreamException(field, b.codecId() + " could not decode it: " + e.getMessage());
        }
    }

    /** Decodes a between picture from the chain keyframes either side of it. */
    private static Frame between(BoundaryPicture b, Frame past, Frame future, int w, int h, String field)
            throws BitstreamException {
        if (!(codec(b, field) instanceof BidirectionalCodec codec)) {
            throw new BitstreamException(field + ".between", b.codecId() + " cannot code between pictures");
        }
        try {
            return codec.decodeBetween(b.data(), past, future, b.quality(), w, h);
        } catch (BitstreamException e) {
            throw e.within(field);
        } catch (RuntimeException e) {
            throw new BitstreamException(field, b.codecId() + " could not decode it: " + e.getMessage());
        }
    }

    private static IntraCodec codec(BoundaryPicture b, String field) throws BitstreamException {
        try {
            return IntraCodecs.byId(b.codecId());
        } catch (IllegalArgumentException e) {
            throw new BitstreamException(field + ".codec", e.getMessage());
        }
    }

    @Override
    public void close() {
        if (pool != null) {
            pool.shutdownNow();
        }
    }
}
