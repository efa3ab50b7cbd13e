package io.gvc.codec.bitstream;

/**
 * A boundary frame inside a packet: its position in the GOP, the codec that made it, the quality
 * asked of that codec, whether it is predicted from the GOP's first frame (an inter picture of the
 * keyframe chain) or coded on its own (intra: a point where a decoder can join), and the coded bytes.
 */
public record BoundaryPicture(int position, String codecId, int quality, boolean predicted, byte[] data) {

    public BoundaryPicture {
        data = data.clone();
    }

    /** An intra-coded boundary picture. */
    public BoundaryPicture(int position, String codecId, int quality, byte[] data) {
        this(position, codecId, quality, false, data);
    }
}
