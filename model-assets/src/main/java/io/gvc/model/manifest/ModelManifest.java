package io.gvc.model.manifest;

import io.gvc.model.onnx.Dim;
import io.gvc.model.onnx.ElemType;
import io.gvc.codec.variant.Variant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What a model folder contains and how its tensors bind to the codec: the parsed form of
 * {@code manifest.json}. model-assets/README.md documents every field; {@link ManifestCodec} reads
 * and writes the JSON and {@link ManifestLoader} checks it against the files and the ONNX models.
 *
 * @param format       always {@value #FORMAT}
 * @param name         model id written into the bitstream (FlowPrior.id())
 * @param version      free-form model version
 * @param files        the ONNX files, at most one per role; exactly one velocity file
 * @param latent       the latent space the velocity model works in
 * @param conditioning what conditions a GOP and which variants the model supports
 * @param timestep     how the model wants t
 * @param sampler      the sampler settings the model was tuned for
 */
public record ModelManifest(String format, String name, String version, List<ModelFile> files, Latent latent,
                            Conditioning conditioning, Timestep timestep, Sampler sampler) {

    public static final String FORMAT = "gvc-model-manifest/1";

    public ModelManifest {
        files = List.copyOf(files);
    }

    public Optional<ModelFile> file(FileRole role) {
        return files.stream().filter(f -> f.role() == role).findFirst();
    }

    /** The velocity model (the loader guarantees there is one). */
    public ModelFile velocity() {
        return file(FileRole.VELOCITY).orElseThrow(() -> new IllegalStateException("manifest has no velocity file"));
    }

    /** Spelling helper: enum constant to manifest spelling (lower case, '_' kept). */
    static String spell(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }

    static <E extends Enum<E>> E parseEnum(Class<E> type, String s, String what) {
        for (E e : type.getEnumConstants()) {
            if (spell(e).equals(s) || (e instanceof Spelled sp && sp.spelling().equals(s))) {
                return e;
            }
        }
        throw new IllegalArgumentException("unknown " + what + " '" + s + "' (known: " + known(type) + ")");
    }

    static <E extends Enum<E>> String known(Class<E> type) {
        StringBuilder b = new StringBuilder();
        for (E e : type.getEnumConstants()) {
            if (b.length() > 0) {
                b.append(", ");
            }
            b.append(e instanceof Spelled sp ? sp.spelling() : spell(e));
        }
        return b.toString();
    }

    /** Enums whose manifest spelling is not simply the lower-case constant name. */
    interface Spelled {
        String spelling();
    }

    /** What an ONNX file in the folder is for. */
    public enum FileRole {
        /** The rectified-flow velocity model u(x_t, t | condition): the prior itself. */
        VELOCITY,
        /** Pixels to latent (for "vae" latents; the codec's DCT latent needs none). */
        VAE_ENCODER,
        /** Latent to pixels. */
        VAE_DECODER,
        /** Prompt tokens to text embedding (T2V). */
        TEXT_ENCODER;

        public String spelling() {
            return spell(this);
        }

        public static FileRole parse(String s) {
            return parseEnum(FileRole.class, s, "file role");
        }
    }

    /** What a tensor of a model carries; README.md gives each role's meaning and allowed shapes. */
    public enum TensorRole {
        /** x_t, the noisy latent of every coded latent frame. */
        X,
        /** The timestep, in the manifest's convention, broadcast to every element of the tensor. */
        T,
        /** Gaussian prior mean of x0 per latent element (conditioning "gaussian-terms"). */
        PRIOR_MEAN,
        /** Gaussian prior variance of x0 per latent element (conditioning "gaussian-terms"). */
        PRIOR_VAR,
        /** Latent of the decoded first frame of the GOP (FLF2V, I2V; zeros for T2V). */
        FIRST_LATENT,
        /** Latent of the decoded last frame (FLF2V; zeros otherwise). */
        LAST_LATENT,
        /** Per latent frame 1 where the condition fixes the frame (alpha 0 with a first frame, alpha 1 with a last), else 0. */
        MASK,
        /** Per latent frame its position in the GOP, 0 (first frame) to 1 (last frame). */
        ALPHA,
        /** Embedding of the prompt (T2V), from a text encoder. */
        TEXT_EMBEDDING,
        /**
         * Per colour plane (Y, U, V) the GOP's mean squared deviation from the anchor, measured by the
         * encoder and sent as side information (conditioning "latents"; {@code PlaneGains}).
         */
        GAINS,
        /**
         * Two flags, [first, last]: 1 where the GOP has that boundary latent (first: FLF2V and I2V; last:
         * FLF2V), else 0 (conditioning "latents"). One model can then serve every variant and tell a
         * missing boundary, bound as zeros, from a mid-grey picture, whose centred latent is zeros too.
         */
        BOUNDARY_MASK,
        /**
         * The latent of the GOP's anchor at every coded latent frame (the motion-compensated bridge of
         * the decoded keyframes), same layout as x (conditioning "latents"). A model that takes it is
         * still defined around the cross-fade of the boundaries (the codec moves it onto the anchor);
         * the anchor tells it where the bridge moved content, which is where the bridge is wrong.
         */
        ANCHOR_LATENT,
        /** Output of the velocity model: u ~ e - x0, same layout as x. */
        VELOCITY,
        /** Pixels, RGB in [-1, 1]: VAE encoder input, VAE decoder output. */
        VIDEO,
        /** Clean latent: VAE encoder output, VAE decoder input. */
        LATENT,
        /** Token ids of the prompt: text encoder input. */
        TEXT_TOKENS,
        /** Attention mask of the tokens: text encoder input. */
        TEXT_MASK;

        public String spelling() {
            return spell(this);
        }

        /**
         * Values a tensor of this role holds whatever the GOP and model (gains: Y, U, V; boundary_mask:
         * first, last), so the loader can check its fixed shape; -1 where the GOP or model decides.
         */
        public int fixedValues() {
            return switch (this) {
                case GAINS -> 3;
                case BOUNDARY_MASK -> 2;
                default -> -1;
            };
        }

        public static TensorRole parse(String s) {
            return parseEnum(TensorRole.class, s, "role");
        }
    }

    /** How a latent-video tensor lays out its elements. */
    public enum Layout {
        /** Frame-major: [L, D] or [L, ...] or [1, L, ...]: latent frame f is D consecutive values. */
        FRAMES,
        /** [B, C, T, H, W] as video DiTs and VAEs use it; frame f's element (c, h, w) is at c*H*W + h*W + w of the codec's frame. */
        BCTHW;

        public String spelling() {
            return spell(this);
        }
    }

    /** One tensor of a model file as the manifest declares it. */
    public record TensorDecl(String name, TensorRole role, ElemType dtype, List<Dim> shape, Layout layout) {
        public TensorDecl {
            shape = List.copyOf(shape);
        }

        public String shapeString() {
            return shape.toString();
        }
    }

    /** An external-data file of a model (weights beside a >2 GB model), checked by hash like the model. */
    public record ExternalFile(String path, String sha256) {
    }

    /** One ONNX file: role, path relative to the manifest, SHA-256 and declared inputs and outputs. */
    public record ModelFile(FileRole role, String path, String sha256, List<TensorDecl> inputs,
                            List<TensorDecl> outputs, List<ExternalFile> externalData) {
        public ModelFile {
            inputs = List.copyOf(inputs);
            outputs = List.copyOf(outputs);
            externalData = List.copyOf(externalData);
        }

        public Optional<TensorDecl> input(TensorRole role) {
            return inputs.stream().filter(t -> t.role() == role).findFirst();
        }

        public Optional<TensorDecl> output(TensorRole role) {
            return outputs.stream().filter(t -> t.role() == role).findFirst();
        }
    }

    /**
     * The latent space: the codec's DCT latent, the same seen as a small 6-channel picture
     * ({@code io.gvc.codec.latent.DctPictureLatentSpace}), or a VAE's.
     */
    public enum LatentKind {
        DCT, PICTURE, VAE;

        public String spelling() {
            return spell(this);
        }
    }

    /** How many latent frames a run of picture frames makes. */
    public enum FrameRule implements Spelled {
        /** One latent frame per temporal_stride frames: n / s (rounded up). */
        PER_FRAME("per_frame"),
        /** Causal video VAEs (Wan, Hunyuan): the first frame alone, then one per s: 1 + (n - 1) / s. */
        CAUSAL("causal");

        private final String spelling;

        FrameRule(String spelling) {
            this.spelling = spelling;
        }

        @Override
        public String spelling() {
            return spelling;
        }
    }

    /**
     * @param kind           dct, picture or vae
     * @param channels       latent channels (C); 3 planes for the DCT latent (Y, U, V), 6 for the picture latent
     * @param temporalStride picture frames per latent frame
     * @param spatialStride  picture pixels per latent pixel, per side
     * @param frames         the frames-to-latent-frames rule
     */
    public record Latent(LatentKind kind, int channels, int temporalStride, int spatialStride, FrameRule frames) {

        /** Latent frames for {@code pictureFrames} picture frames. */
        public int latentFrames(int pictureFrames) {
            if (pictureFrames <= 0) {
                return 0;
            }
            return switch (frames) {
                case PER_FRAME -> (pictureFrames + temporalStride - 1) / temporalStride;
                case CAUSAL -> 1 + (pictureFrames - 1 + temporalStride - 1) / temporalStride;
            };
        }
    }

    /** How the prior is conditioned. */
    public enum ConditioningKind implements Spelled {
        /**
         * The ONNX model takes the Gaussian prior's mean and variance (prior_mean, prior_var), which the
         * codec's GaussianDctPrior computes from the boundary frames and the GOP's side information.
         */
        GAUSSIAN_TERMS("gaussian-terms"),
        /** The model takes the boundary latents, alphas and mask itself (a learned FLF2V/I2V model). */
        LATENTS("latents"),
        /** Text only (T2V models) or unconditional. */
        TEXT("text");

        private final String spelling;

        ConditioningKind(String spelling) {
            this.spelling = spelling;
        }

        @Override
        public String spelling() {
            return spelling;
        }
    }

    public record Conditioning(ConditioningKind kind, boolean flf2v, boolean i2v, boolean t2v) {
        public boolean supports(Variant v) {
            return switch (v) {
                case FLF2V -> flf2v;
                case I2V -> i2v;
                case T2V -> t2v;
            };
        }
    }

    /** The timestep convention of the velocity model. */
    public enum Timestep {
        /** t in [0, 1], 1 = pure noise (the codec's own convention). */
        UNIT,
        /** 1000 t, in [0, 1000] (diffusers / Wan convention). */
        THOUSAND;

        public float convert(float t) {
            return this == UNIT ? t : 1000f * t;
        }

        public String spelling() {
            return spell(this);
        }
    }

    /**
     * The sampler defaults the model was tuned for (GVC-ALGORITHM.md sections 2 and 3).
     *
     * @param steps  N, steps from t = 1 to 0
     * @param shift  time shift s
     * @param gScale stochasticity scale of the SDE steps
     * @param tail   last steps taken as plain Euler (no atoms)
     */
    public record Sampler(int steps, double shift, double gScale, int tail) {
    }

    @Override
    public String toString() {
        return "ModelManifest[" + name + " " + version + ", files " + Arrays.toString(files.stream()
                .map(f -> f.role().spelling() + "=" + f.path()).toArray()) + "]";
    }
}
