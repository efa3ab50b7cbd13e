package io.gvc.codec.bitstream;

import io.gvc.codec.frame.VideoFormat;
import io.gvc.codec.variant.Variant;

/**
 * The settings both sides must share to replay a GOP, repeated in every packet so a packet can be
 * decoded alone (given the boundary frames it references).
 *
 * @param modelHashPrefix first 8 bytes of the model's SHA-256, enough to refuse the wrong model
 */
public record CodingConfig(Variant variant, VideoFormat format, int gopFrames, int latentDownscale,
                           int temporalStride, int codebookSize, int steps, int tailSteps, float shift,
                           float gScale, long seed, String modelId, byte[] modelHashPrefix) {

    public static final int HASH_PREFIX_BYTES = 8;

    public CodingConfig {
        modelHashPrefix = modelHashPrefix.clone();
        if (modelHashPrefix.length != HASH_PREFIX_BYTES) {
            throw new IllegalArgumentException("model hash prefix must be " + HASH_PREFIX_BYTES + " bytes");
        }
    }

    /** The prefix of a lower-case hex SHA-256. */
    public static byte[] hashPrefix(String sha256Hex) {
        byte[] full = java.util.HexFormat.of().parseHex(sha256Hex);
        return java.util.Arrays.copyOf(full, HASH_PREFIX_BYTES);
    }

    public boolean sameModel(String sha256Hex) {
        return java.util.Arrays.equals(modelHashPrefix, hashPrefix(sha256Hex));
    }
}
