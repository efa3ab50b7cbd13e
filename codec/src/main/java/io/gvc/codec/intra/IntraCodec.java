package io.gvc.codec.intra;

import io.gvc.codec.bitstream.BitstreamException;
import io.gvc.codec.frame.Frame;

/**
 * A still-picture codec for boundary frames. Implementations are found by {@link IntraCodecs}
 * through {@link java.util.ServiceLoader}, so native ones (x265 through JavaCV) live in other
 * modules and the engine stays plain Java.
 *
 * <p>Contract: {@link #decode} must be deterministic, so that the encoder, which decodes its own
 * output to know what the decoder will see, and every decoder agree to the bit.
 */
public interface IntraCodec {

    /** Short stable name written into the bitstream, e.g. {@code gvc-dct} or {@code x265}. */
    String id();

    /**
     * Codes one frame. {@code quality} is 1 (smallest) to 100 (best); each codec maps it onto its
     * own scale monotonically.
     */
    byte[] encode(Frame frame, int quality);

    /**
     * A payload this codec coded (intra, predicted, or between) as a packet carries it: without what
     * the format lets it leave out and the codec's decode puts back (x265: the bytes every picture of
     * its kind opens with, bitstream version 15). The encoder measures, and its rate control
     * budgets, the payload as coded: the keyframe plans are decided as before the format left those
     * bytes out, and the saving goes to the stream, not to denser plans, which the plan decision's
     * SSIM rates above what LPIPS and the eye see (measured: docs/results.md, "Codec v20"). By
     * default the payload as it is.
     */
    default byte[] compact(byte[] payload, boolean predicted, boolean between) {
        return payload;
    }

    /**
     * The codec's own quality step for {@code quality} (1..100), never lower for a higher quality.
     * Qualities of one level code to the same pictures and the same number of bytes (x265: one QP),
     * so a rate search need try only one of them. By default every quality is its own level.
     */
    default int level(int quality) {
        return quality;
    }

    /**
     * The lowest quality at least {@code levels} of this codec's levels above {@code quality}'s
     * (x265: that many QP finer), or 100 where the scale ends first.
     */
    default int finer(int quality, int levels) {
        int wanted = level(quality) + levels;
        for (int q = quality; q < 100; q++) {
            if (level(q) >= wanted) {
                return q;
            }
        }
        return 100;
    }

    /**
     * The highest quality at most {@code levels} of this codec's levels below {@code quality}'s
     * (x265: that many QP coarser), or 1 where the scale ends first.
     */
    default int coarser(int quality, int levels) {
        int wanted = level(quality) - levels;
        for (int q = quality; q > 1; q--) {
            if (level(q) <= wanted) { // levels never fall with quality: the first found is the highest
                return q;
            }
        }
        return 1;
    }

    /**
     * The coarsest quality of a picture beyond a GOP's uncut keyframe chain: the keyframes of a plan
     * that cuts the GOP, and between pictures. Only the uncut chain goes below it, so where a budget
     * is too small for the chain at this quality the GOP keeps its fewest keyframes, coarser, rather
     * than more keyframes at the coarsest levels: the plan decision, which judges by SSIM, prefers the
     * latter and LPIPS and the eye the former (docs/results.md, "Codec v21"). By default the whole scale.
     */
    default int coarsestCutQuality() {
        return 1;
    }

    /**
     * What one bit is worth at {@code quality}: the luma squared error (summed over samples) that this
     * codec's own rate-distortion decisions trade for a bit when they code pictures of that quality,
     * their lambda. The encoder spends a GOP's atom bits only where they remove more squared error
     * than this times their bits ({@link io.gvc.codec.rate.AtomCost}), the price the keyframes' own
     * bits are bought at. 0 by default: no price known, and atoms are judged by the luma deviation
     * scale alone.
     */
    default double lambda(int quality) {
        return 0;
    }

    /** Decodes bytes written by {@link #encode} for a frame of the given size. */
    Frame decode(byte[] data, int width, int height) throws BitstreamException;
}
