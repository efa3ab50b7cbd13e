package io.gvc.codec.bitstream;

/**
 * An intra-coded boundary frame inside a packet: its position in the GOP, the codec that made it,
 * the quality asked of that codec, and the coded bytes.
 */
public record BoundaryPicture(int position, String codecId, int quality, byte[] data) {

    public BoundaryPicture {
        data = data.clone();
    }
}
