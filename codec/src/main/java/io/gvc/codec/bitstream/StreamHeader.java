package io.gvc.codec.bitstream;

/**
 * The header of a .gvc file: the coding configuration, the model's full SHA-256, the frame count,
 * and the boundary codec. Packets repeat what they need of it, so live streams may omit it.
 */
public record StreamHeader(CodingConfig config, String modelSha256, long totalFrames, String intraCodec) {
}
