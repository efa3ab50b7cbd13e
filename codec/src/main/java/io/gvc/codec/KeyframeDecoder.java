package io.gvc.codec;

import io.gvc.codec.anchor.Keyframes;
import io.gvc.codec.bitstream.BitstreamException;
import io.gvc.codec.bitstream.BoundaryPicture;
import io.gvc.codec.bitstream.CodingConfig;
import io.gvc.codec.bitstream.GvcPacket;
import io.gvc.codec.frame.Frame;
import io.gvc.codec.intra.BidirectionalCodec;
import io.gvc.codec.intra.IntraCodec;
import io.gvc.codec.intra.IntraCodecs;
import io.gvc.codec.intra.PredictiveCodec;
import io.gvc.codec.variant.Variant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.FutureTask;

/**
 * A packet's keyframes to pictures: the GOP's first frame, its chain of intra and predicted
 * keyframes, and the between pictures, each from the keyframes it was coded against. The first
 * stage of {@link GopDecoder}; the anchors and the generation follow from what it returns.
 */
final class KeyframeDecoder {

    private KeyframeDecoder() {
    }

    /** {@link GopDecoder#lastBoundary}: the chain decoded up to the GOP's last keyframe, and no further. */
    static Optional<Frame> lastBoundary(GvcPacket p, Frame sharedFirst) throws BitstreamException {
        CodingConfig config = p.config();
        int n = p.frameCount();
        if (!config.variant().hasLastKeyframe() || n < 2) {
            return Optional.empty();
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
        return Optional.of(picture);
    }

    /** The packet's keyframes after position 0, in increasing position; FLF2V must carry its last frame. */
    private static List<BoundaryPicture> laterKeyframes(GvcPacket p) throws BitstreamException {
        int n = p.frameCount();
        Variant variant = p.config().variant();
        if (variant.hasLastKeyframe() && n > 1 && p.boundaryAt(n - 1) == null) {
            throw new BitstreamException("packet.boundary", "FLF2V GOP lacks its last frame");
        }
        List<BoundaryPicture> later = new ArrayList<>();
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
     *
     * <p>The chain is decoded in order, each predicted picture from the chain keyframe before it; a
     * between picture depends only on the chain keyframes either side of it, so with {@code pool} it
     * is decoded there as soon as the later one is, beside the rest of the chain. With x265 a
     * between picture is the dearest to decode (the decoder codes both its references again, an I
     * and a P picture), so this is where a decoder's second thread pays. Each picture is a function
     * of its references alone, so the pictures do not depend on the pool; nor do the errors: a chain
     * picture's is thrown first, as without a pool, then the first between picture's by position.
     *
     * @param pool where between pictures are decoded; null decodes every picture on this thread
     */
    static Keyframes keyframes(GvcPacket p, Frame sharedFirst, Executor pool) throws BitstreamException {
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
        // per keyframe after the first, its between picture's decode (null for a chain keyframe),
        // made once the chain keyframe after it is decoded (the reader checked that one follows)
        List<FutureTask<Frame>> betweens = new ArrayList<>(Collections.nCopies(later.size(), null));
        try {
            int chainBefore = 0; // index into pictures of the newest chain keyframe
            for (int i = 0; i < later.size(); i++) {
                BoundaryPicture b = later.get(i);
                positions[i + 1] = b.position();
                if (b.between()) {
                    continue;
                }
                pictures[i + 1] = boundary(b, b.predicted() ? pictures[chainBefore] : null, w, h, fieldOf(b, n));
                // the between pictures since the previous chain keyframe have both references now
                int past = chainBefore, future = i + 1;
                for (int k = chainBefore; k < i; k++) {
                    BoundaryPicture between = later.get(k);
                    FutureTask<Frame> task = new FutureTask<>(() -> between(between, pictures[past], pictures[future],
                            w, h, fieldOf(between, n)));
                    betweens.set(k, task);
                    if (pool != null) {
                        pool.execute(task);
                    }
                }
                chainBefore = i + 1;
            }
            for (int i = 0; i < later.size(); i++) {
                FutureTask<Frame> task = betweens.get(i);
                if (task != null) {
                    if (pool == null) {
                        task.run();
                    }
                    pictures[i + 1] = task.get();
                }
            }
        } catch (ExecutionException e) {
            if (e.getCause() instanceof BitstreamException be) {
                throw be;
            }
            throw e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while decoding between pictures", e);
        } finally {
            for (FutureTask<Frame> task : betweens) {
                if (task != null) {
                    task.cancel(false); // the ones not started, where a chain picture failed
                }
            }
        }
        return new Keyframes(positions, pictures);
    }

    /** Whether this packet's last frame can be decoded from the packet alone: a point where a decoder can join. */
    static boolean endsOnIntra(GvcPacket p) {
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
}
