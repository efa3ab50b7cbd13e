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

    /**
     * Value equality over every field, the hash prefix by content (a record compares arrays by
     * reference): two equal configs replay the same trajectory, so a decoder may keep its setup.
     */
    @Override
    public boolean equals(Object o) {
        return o instanceof CodingConfig c && variant == c.variant && format.equals(c.format)
                && gopFrames == c.gopFrames && latentDownscale == c.latentDownscale
                && temporalStride == c.temporalStride && codebookSize == c.codebookSize && steps == c.steps
                && tailSteps == c.tailSteps && Float.compare(shift, c.shift) == 0 && Float.compare(gScale, c.gScale) == 0
                && seed == c.seed && modelId.equals(c.modelId) && java.util.Arrays.equals(modelHashPrefix, c.modelHashPrefix);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(variant, format, gopFrames, latentDownscale, temporalStride, codebookSize, steps,
                tailSteps, shift, gScale, seed, modelId, java.util.Arrays.hashCode(modelHashPrefix));
    }
}
