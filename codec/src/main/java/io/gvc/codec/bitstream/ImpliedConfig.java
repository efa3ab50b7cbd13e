package io.gvc.codec.bitstream;

import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;

/**
 * The coding-configuration values a stream leaves out (version 14): a config field equal to its
 * value here is not written, and a bit of {@code config.present} says which fields are written.
 * They are the encoder's defaults ({@code CodecParams} takes its defaults from here), so a stream
 * coded with the defaults spends one byte on these eight fields instead of 29: in a file's header
 * once, and in every live packet, which repeats its config. A written field never holds its implied
 * value (one layout per value). Format constants: changing one needs a new bitstream version.
 *
 * <p>The model hash is implied by the model id where the id is a shipped model's
 * ({@link WellKnownNames#MODELS}) with a fixed content: the first 8 bytes of its SHA-256 below. A
 * decoder still checks the hash it takes against the model it holds, so a stream coded with another
 * model of the same name (a retrained one) writes its own hash and is refused by a decoder without it.
 */
public final class ImpliedConfig {

    /** Bits of {@code config.present}, one per field that may be left out, in the order they are written. */
    static final int GOP_FRAMES = 1, CODEBOOK_SIZE = 1 << 1, STEPS = 1 << 2, TAIL_STEPS = 1 << 3, SHIFT = 1 << 4,
            G_SCALE = 1 << 5, SEED = 1 << 6, MODEL_HASH = 1 << 7;

    /** Frames per GOP, F. */
    public static final int GOP_FRAMES_VALUE = 17;
    /** Codebook size K. */
    public static final int CODEBOOK_SIZE_VALUE = 1024;
    /** Sampler steps N. */
    public static final int STEPS_VALUE = 12;
    /** Deterministic Euler steps at the end. */
    public static final int TAIL_STEPS_VALUE = 2;
    /** Time-grid shift. */
    public static final float SHIFT_VALUE = 3f;
    /** SDE noise scale. */
    public static final float G_SCALE_VALUE = 3f;
    /** The project's codebook seed: "gvc_seed" in ASCII. */
    public static final long SEED_VALUE = 0x6776635f73656564L;

    /**
     * The hash prefixes of the shipped models whose content the id fixes (ShippedModelsHashTest in
     * model-assets checks each against the model as shipped): the learned priors, the closed-form
     * prior as ONNX, and the closed-form prior run in Java on the shipped spectrum.
     */
    private static final Map<String, byte[]> MODEL_HASHES = Map.of(
            "gvc-learned-bridge-1", HexFormat.of().parseHex("5a416b82a9eb1aa3"),
            "gvc-learned-picture-3", HexFormat.of().parseHex("79476b9109a7aecf"),
            "gvc-gauss-dct-onnx", HexFormat.of().parseHex("cf9aafa360f5cdf6"),
            "gvc-gauss-dct", HexFormat.of().parseHex("065420b207e2b131"));

    private ImpliedConfig() {
    }

    /** The hash prefix a stream of model {@code modelId} leaves out, if it has one (a copy). */
    public static Optional<byte[]> modelHash(String modelId) {
        return Optional.ofNullable(MODEL_HASHES.get(modelId)).map(byte[]::clone);
    }

    /** The fields of {@code c} written (their bits of {@code config.present}): those that differ from their implied values. */
    static int present(CodingConfig c) {
        int bits = 0;
        bits |= c.gopFrames() != GOP_FRAMES_VALUE ? GOP_FRAMES : 0;
        bits |= c.codebookSize() != CODEBOOK_SIZE_VALUE ? CODEBOOK_SIZE : 0;
        bits |= c.steps() != STEPS_VALUE ? STEPS : 0;
        bits |= c.tailSteps() != TAIL_STEPS_VALUE ? TAIL_STEPS : 0;
        bits |= Float.floatToRawIntBits(c.shift()) != Float.floatToRawIntBits(SHIFT_VALUE) ? SHIFT : 0;
        bits |= Float.floatToRawIntBits(c.gScale()) != Float.floatToRawIntBits(G_SCALE_VALUE) ? G_SCALE : 0;
        bits |= c.seed() != SEED_VALUE ? SEED : 0;
        boolean hashImplied = modelHash(c.modelId()).map(h -> java.util.Arrays.equals(h, c.modelHashPrefix()))
                .orElse(false);
        bits |= hashImplied ? 0 : MODEL_HASH;
        return bits;
    }
}
