package io.gvc.codec;

import io.gvc.codec.anchor.AnchorMode;
import io.gvc.codec.anchor.BridgeOffsets;
import io.gvc.codec.anchor.Keyframes;
import io.gvc.codec.bitstream.BoundaryPicture;
import io.gvc.codec.frame.Frame;
import io.gvc.codec.variant.Variant;
import java.util.List;

/**
 * What the keyframe chain ({@link KeyframeChainCoder}) hands the atom search ({@link GopAtomCoder})
 * for one GOP: everything of the packet that depends on the GOPs before it. With it and the GOP's
 * own frames, any thread or machine codes the rest of the packet, to the bit as the file encoder
 * does; nothing else of the stream's history is needed.
 *
 * @param gopSeq     the GOP's number
 * @param variant    the variant it is coded with
 * @param frames     the GOP's frame count
 * @param chained    whether it shares its first frame with the GOP before (the shared picture is
 *                   then position 0 of {@code keyframes}, coded by no boundary picture of its own)
 * @param anchorMode the anchor mode chosen between the keyframes
 * @param boundaries the chosen plan's coded keyframe pictures, as the packet carries them
 * @param keyframes  the chosen plan's keyframes, decoded as every decoder will see them
 * @param offsets    the bridged frames' offsets (none unless the mode moves)
 * @param chainQuality the quality of the GOP's uncut keyframe chain under a bit budget, which the
 *                   stream's next GOP does not fall far below ({@link io.gvc.codec.rate.QualityFloor});
 *                   {@link io.gvc.codec.rate.QualityFloor#NONE} where there is none. Not in the packet:
 *                   the encoder's state, carried with the next GOP's shared frame
 */
public record KeyframedGop(long gopSeq, Variant variant, int frames, boolean chained, AnchorMode anchorMode,
                           List<BoundaryPicture> boundaries, Keyframes keyframes, BridgeOffsets offsets,
                           int chainQuality) {

    /** A GOP whose bridged frames have no offsets and that carries no chain quality. */
    public KeyframedGop(long gopSeq, Variant variant, int frames, boolean chained, AnchorMode anchorMode,
                        List<BoundaryPicture> boundaries, Keyframes keyframes) {
        this(gopSeq, variant, frames, chained, anchorMode, boundaries, keyframes, BridgeOffsets.none(frames),
                io.gvc.codec.rate.QualityFloor.NONE);
    }

    public KeyframedGop {
        if (chainQuality < 0 || chainQuality > 100) {
            throw new IllegalArgumentException("chain quality " + chainQuality + " outside 0..100");
        }
        if (offsets.frames() != frames) {
            throw new IllegalArgumentException("offsets for " + offsets.frames() + " positions in a GOP of " + frames
                    + " frames");
        }
        if (!anchorMode.moves() && !offsets.isZero()) {
            throw new IllegalArgumentException("offsets with the " + anchorMode.label() + ", which does not move");
        }
        if (frames < 1) {
            throw new IllegalArgumentException("a GOP has at least 1 frame, got " + frames);
        }
        boundaries = List.copyOf(boundaries);
        for (int i = 0; i < keyframes.count(); i++) {
            if (keyframes.position(i) < 0 || keyframes.position(i) >= frames) {
                throw new IllegalArgumentException("keyframe at position " + keyframes.position(i) + " of a GOP of "
                        + frames + " frames");
            }
        }
        if (chained && keyframes.first() == null) {
            throw new IllegalArgumentException("a chained GOP needs its shared first frame among its keyframes");
        }
    }

    /** Whether the stream's next GOP can start without waiting for this one's atoms (FLF2V, T2V). */
    public boolean chainClosesOnKeyframe() {
        return variant != Variant.I2V;
    }

    /**
     * The picture the stream's next GOP starts from: FLF2V's last frame, a decoded keyframe, so it
     * is known before any atom is searched; null for T2V, whose GOPs share nothing.
     *
     * @throws IllegalStateException for I2V, whose next GOP starts from a generated frame that only
     *                               the atom search produces ({@link EncodedGop#last()})
     */
    public Frame nextSharedFirst() {
        return switch (variant) {
            case FLF2V -> keyframes.at(frames - 1);
            case T2V -> null;
            case I2V -> throw new IllegalStateException("an I2V GOP's successor starts from its generated last frame,"
                    + " which only the atom search produces");
        };
    }
}
