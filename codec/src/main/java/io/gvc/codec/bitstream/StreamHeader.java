package io.gvc.codec.bitstream;

/**
 * The header of a .gvc file: the coding configuration (which names the model and the first 8
 * bytes of its SHA-256), the frame count, and the boundary codec. Packets repeat what they need
 * of it, so live streams may omit it. Version 8 dropped the model's full SHA-256 (32 bytes): the
 * config's prefix already tells a decoder whether it holds the stream's model.
 */
public record StreamHeader(CodingConfig config, long totalFrames, String intraCodec) {
}
