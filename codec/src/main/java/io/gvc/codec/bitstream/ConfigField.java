package io.gvc.codec.bitstream;

import io.gvc.codec.frame.VideoFormat;
import io.gvc.codec.variant.Variant;

/**
 * A {@link CodingConfig} as docs/bitstream.md lays it out (`config.*`), in a stream header and in
 * every packet that carries its own: the fields every stream writes, then {@code config.present}
 * and those of the optional ones that differ from their {@link ImpliedConfig} values (version 14).
 */
final class ConfigField {

    private ConfigField() {
    }

    /**
     * The config as docs/bitstream.md lays it out: variant, size, rate, latent geometry, then a
     * byte of {@code config.present} and only the fields it marks, those that differ from their
     * {@link ImpliedConfig} values (version 14), then the model id and, where marked, its hash.
     */
    static void write(FieldWriter w, CodingConfig c) {
        VideoFormat f = c.format();
        w.u8(c.variant().code()).uv(f.width()).uv(f.height()).uv(f.fpsNum()).uv(f.fpsDen());
        w.u8(c.latentDownscale()).u8(c.temporalStride());
        int present = ImpliedConfig.present(c);
        w.u8(present);
        if ((present & ImpliedConfig.GOP_FRAMES) != 0) {
            w.uv(c.gopFrames());
        }
        if ((present & ImpliedConfig.CODEBOOK_SIZE) != 0) {
            w.uv(c.codebookSize());
        }
        if ((present & ImpliedConfig.STEPS) != 0) {
            w.uv(c.steps());
        }
        if ((present & ImpliedConfig.TAIL_STEPS) != 0) {
            w.uv(c.tailSteps());
        }
        if ((present & ImpliedConfig.SHIFT) != 0) {
            w.f32(c.shift());
        }
        if ((present & ImpliedConfig.G_SCALE) != 0) {
            w.f32(c.gScale());
        }
        if ((present & ImpliedConfig.SEED) != 0) {
            w.u64(c.seed());
        }
        w.name(c.modelId(), WellKnownNames.MODELS);
        if ((present & ImpliedConfig.MODEL_HASH) != 0) {
            w.bytes(c.modelHashPrefix());
        }
    }

    static CodingConfig read(FieldReader r, String ctx) throws BitstreamException {
        int vc = r.u8(ctx + ".variant");
        Variant variant;
        try {
            variant = Variant.fromCode(vc);
        } catch (IllegalArgumentException e) {
            throw new BitstreamException(ctx + ".variant", "unknown variant code " + vc);
        }
        int w = r.uvInt(ctx + ".width", 1, Limits.MAX_SIDE);
        int h = r.uvInt(ctx + ".height", 1, Limits.MAX_SIDE);
        int fn = r.uvInt(ctx + ".fps_num", 1, Integer.MAX_VALUE);
        int fd = r.uvInt(ctx + ".fps_den", 1, Integer.MAX_VALUE);
        int ds = r.u8In(ctx + ".latent_downscale", 1, Limits.MAX_DOWNSCALE);
        long dim = io.gvc.codec.latent.DctLatentSpace.geometry(w, h, ds).dim(); // as Limits.latentDim
        if (dim > Limits.MAX_LATENT_DIM) {
            throw new BitstreamException(ctx + ".latent_downscale", ds + " at " + w + "x" + h + " gives " + dim
                    + " latent values per frame, above " + Limits.MAX_LATENT_DIM);
        }
        int stride = r.u8In(ctx + ".temporal_stride", 1, Limits.MAX_STRIDE);
        int present = r.u8(ctx + ".present");
        // GOPs that share a boundary advance by F - 1 frames, so they need F >= 2
        int gop = (present & ImpliedConfig.GOP_FRAMES) == 0 ? ImpliedConfig.GOP_FRAMES_VALUE
                : notImplied(r.uvInt(ctx + ".gop_frames", variant.minGopFrames(), Limits.MAX_GOP_FRAMES),
                        ImpliedConfig.GOP_FRAMES_VALUE, ctx + ".gop_frames");
        int k = (present & ImpliedConfig.CODEBOOK_SIZE) == 0 ? ImpliedConfig.CODEBOOK_SIZE_VALUE
                : notImplied(r.uvInt(ctx + ".codebook_size", 1, Limits.MAX_CODEBOOK),
                        ImpliedConfig.CODEBOOK_SIZE_VALUE, ctx + ".codebook_size");
        int steps = (present & ImpliedConfig.STEPS) == 0 ? ImpliedConfig.STEPS_VALUE
                : notImplied(r.uvInt(ctx + ".steps", 1, Limits.MAX_STEPS), ImpliedConfig.STEPS_VALUE, ctx + ".steps");
        int tail = (present & ImpliedConfig.TAIL_STEPS) == 0 ? ImpliedConfig.TAIL_STEPS_VALUE
                : notImplied(r.uvInt(ctx + ".tail_steps", 0, steps), ImpliedConfig.TAIL_STEPS_VALUE,
                        ctx + ".tail_steps");
        if (tail > steps) { // the implied tail against written steps
            throw new BitstreamException(ctx + ".tail_steps", "is " + tail + ", above the " + steps + " steps");
        }
        float shift = (present & ImpliedConfig.SHIFT) == 0 ? ImpliedConfig.SHIFT_VALUE
                : notImplied(r.f32(ctx + ".shift"), ImpliedConfig.SHIFT_VALUE, ctx + ".shift");
        if (!(shift > 0)) {
            throw new BitstreamException(ctx + ".shift", "must be positive, is " + shift);
        }
        float g = (present & ImpliedConfig.G_SCALE) == 0 ? ImpliedConfig.G_SCALE_VALUE
                : notImplied(r.f32(ctx + ".g_scale"), ImpliedConfig.G_SCALE_VALUE, ctx + ".g_scale");
        if (!(g >= 0)) {
            throw new BitstreamException(ctx + ".g_scale", "must be >= 0, is " + g);
        }
        long seed = ImpliedConfig.SEED_VALUE;
        if ((present & ImpliedConfig.SEED) != 0) {
            seed = r.u64(ctx + ".seed");
            if (seed == ImpliedConfig.SEED_VALUE) {
                throw impliedWritten(ctx + ".seed", Long.toHexString(seed));
            }
        }
        String model = r.name(ctx + ".model_id", WellKnownNames.MODELS, WellKnownNames.MAX_SPELLED_BYTES);
        java.util.Optional<byte[]> impliedHash = ImpliedConfig.modelHash(model);
        byte[] hash;
        if ((present & ImpliedConfig.MODEL_HASH) != 0) {
            hash = r.bytes(CodingConfig.HASH_PREFIX_BYTES, ctx + ".model_hash");
            if (impliedHash.isPresent() && java.util.Arrays.equals(hash, impliedHash.get())) {
                throw impliedWritten(ctx + ".model_hash", java.util.HexFormat.of().formatHex(hash));
            }
        } else {
            hash = impliedHash.orElseThrow(() -> new BitstreamException(ctx + ".present", "leaves out the model "
                    + "hash, but model '" + model + "' has no implied hash"));
        }
        return new CodingConfig(variant, new VideoFormat(w, h, fn, fd), gop, ds, stride, k, steps, tail, shift, g,
                seed, model, hash);
    }

    /** {@code value}, refused where it is the implied one: a field equal to it is left out (one layout per value). */
    private static int notImplied(int value, int implied, String field) throws BitstreamException {
        if (value == implied) {
            throw impliedWritten(field, Integer.toString(value));
        }
        return value;
    }

    private static float notImplied(float value, float implied, String field) throws BitstreamException {
        if (Float.floatToRawIntBits(value) == Float.floatToRawIntBits(implied)) {
            throw impliedWritten(field, Float.toString(value));
        }
        return value;
    }

    private static BitstreamException impliedWritten(String field, String value) {
        return new BitstreamException(field, "is written as " + value + ", its implied value: a field equal to it is "
                + "left out (config.present)");
    }
}
