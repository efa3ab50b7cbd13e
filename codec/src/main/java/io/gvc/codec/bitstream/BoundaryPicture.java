package io.gvc.codec.bitstream;

/**
 * A boundary frame inside a packet: its position in the GOP, the codec that made it, the quality
 * asked of that codec, whether it is predicted (an inter picture of the keyframe chain, from the
 * chain keyframe before it) or coded on its own (intra: a point where a decoder can join), whether
 * it is a between picture (predicted from the chain keyframes before and after it, and out of the
 * chain: nothing predicts from it; always predicted), and the coded bytes.
 */
public record BoundaryPicture(int position, String codecId, int quality, boolean predicted, boolean between,
                              byte[] data) {

    public BoundaryPicture {
        if (between && !predicted) {
            throw new IllegalArgumentException("a between picture at " + position + " must be predicted");
        }
        data = data.clone();
    }

    /** A picture of the chain: intra, or predicted from the chain keyframe before it. */
    public BoundaryPicture(int position, String codecId, int quality, boolean predicted, byte[] data) {
        this(position, codecId, quality, predicted, false, data);
    }

    /** An intra-coded boundary picture. */
    public BoundaryPicture(int position, String codecId, int quality, byte[] data) {
        this(position, codecId, quality, false, false, data);
    }
}
