package io.gvc.model.prior;

import io.gvc.codec.bitstream.BitstreamException;
import io.gvc.codec.frame.VideoFormat;
import io.gvc.codec.latent.LatentSpace;
import io.gvc.codec.prior.FlowPrior;
import io.gvc.codec.prior.GaussianDctPrior;
import io.gvc.codec.prior.GopCondition;
import io.gvc.codec.prior.VelocityField;
import io.gvc.model.manifest.LoadedModel;
import io.gvc.model.manifest.ManifestLoader;
import io.gvc.model.manifest.ModelManifest;
import io.gvc.model.manifest.ModelManifest.ConditioningKind;
import io.gvc.model.manifest.ModelManifest.LatentKind;
import io.gvc.model.manifest.ModelManifest.TensorRole;
import io.gvc.model.runtime.Binding;
import io.gvc.model.runtime.OnnxSession;
import io.gvc.model.runtime.SessionConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A {@link FlowPrior} whose velocity is an ONNX model described by a manifest. Each GOP's
 * {@link VelocityField} binds the manifest's tensor roles to the {@link GopCondition}:
 * <ul>
 *   <li>x: all L coded latent frames in one tensor (frame-major [L, D] or [1, C, L, H, W]);
 *   <li>t: the step's t in the manifest's convention (unit or thousand), in every element;
 *   <li>first_latent / last_latent: the boundary latents (zeros where the variant has none);
 *   <li>alpha: each latent frame's position in the GOP; mask: 1 where the condition fixes the frame;
 *   <li>boundary_mask: [2], {first latent present, last latent present} as 1 or 0 (FLF2V [1, 1], I2V
 *       [1, 0], T2V [0, 0]), so a model can tell a missing boundary from a zero (mid-grey) latent;
 *       conditioning "latents" only;
 *   <li>prior_mean / prior_var: for conditioning "gaussian-terms", from {@link GaussianDctPrior#terms},
 *       which also supplies {@link #analyse} (its side information);
 *   <li>text_embedding: from the {@link TextEmbedder} given at construction.
 * </ul>
 * One ONNX Runtime run per step computes all L frames; the tensors are reused between steps and,
 * through a small pool, between GOPs of the same shape. The work is shared out: {@link TensorPlan}
 * sizes the tensors for a GOP, {@link ConditionInputs} binds the condition, {@link OnnxVelocityField}
 * runs the steps, {@link BindingPool} keeps tensors between GOPs and {@link LatentSpaces} the latent
 * spaces; this class checks the model against its options and answers for its identity.
 */
public final class OnnxFlowPrior implements FlowPrior, AutoCloseable {

    /** Prompt to text embedding, for models with a text_embedding input (T2V). */
    @FunctionalInterface
    public interface TextEmbedder {
        float[] embed(String prompt);
    }

    private final LoadedModel model;
    private final boolean ownsModel;
    private final ModelManifest manifest;
    private final OnnxSession session;
    private final GaussianDctPrior gaussian;
    private final TextEmbedder text;
    private final BindingPool pool;
    private final ConditionInputs inputs;
    private final LatentSpaces spaces;
    private volatile boolean closed;
    private final String sha256;
    /** The model takes per-plane gains (PlaneGains) as side information. */
    private final boolean takesGains;

    /** A prior on a loaded model (the caller keeps ownership of {@code model}). */
    public OnnxFlowPrior(LoadedModel model, GaussianDctPrior gaussian, TextEmbedder text) {
        this(model, false, gaussian, text);
    }

    public OnnxFlowPrior(LoadedModel model, GaussianDctPrior gaussian) {
        this(model, false, gaussian, null);
    }

    public OnnxFlowPrior(LoadedModel model) {
        this(model, false, null, null);
    }

    private OnnxFlowPrior(LoadedModel model, boolean owns, GaussianDctPrior gaussian, TextEmbedder text) {
        this.model = model;
        this.ownsModel = owns;
        this.manifest = model.manifest();
        this.session = model.velocitySession();
        this.gaussian = gaussian;
        this.text = text;
        if (manifest.conditioning().kind() == ConditioningKind.GAUSSIAN_TERMS && gaussian == null) {
            throw new IllegalArgumentException("model " + manifest.name()
                    + " is conditioned on gaussian-terms: give it a GaussianDctPrior for prior_mean and prior_var");
        }
        if (manifest.velocity().input(TensorRole.TEXT_EMBEDDING).isPresent() && text == null) {
            throw new IllegalArgumentException("model " + manifest.name() + " has a text_embedding input: give it a TextEmbedder");
        }
        this.takesGains = manifest.velocity().input(TensorRole.GAINS).isPresent();
        if (takesGains && (manifest.conditioning().kind() != ConditioningKind.LATENTS
                || manifest.latent().kind() == LatentKind.VAE)) {
            throw new IllegalArgumentException("model " + manifest.name() + ": a gains input needs conditioning 'latents'"
                    + " on the dct or picture latent (the planes it measures)");
        }
        // a gaussian-terms graph gets the boundaries through prior_mean and prior_var, and a text model
        // is told none; only a model that takes the boundary latents needs to know which ones are real
        requireLatentsConditioning(manifest, TensorRole.BOUNDARY_MASK, "a boundary_mask",
                "it says which of first_latent and last_latent the GOP has");
        // the anchor latents are a latents model's: the network is defined around the boundaries' cross-fade
        requireLatentsConditioning(manifest, TensorRole.ANCHOR_LATENT, "an anchor_latent",
                "it is read against the boundary latents' cross-fade");
        this.sha256 = ModelHash.of(manifest, gaussian == null ? null : gaussian.sha256());
        this.pool = new BindingPool(session, manifest.name());
        this.inputs = new ConditionInputs(manifest, gaussian);
        this.spaces = new LatentSpaces(model);
    }

    /** Loads the model folder and builds a prior that closes the model when closed. */
    public static OnnxFlowPrior load(Path manifestOrFolder, SessionConfig config, GaussianDctPrior gaussian,
                                     TextEmbedder text) throws IOException {
        LoadedModel m = ManifestLoader.load(manifestOrFolder, config);
        try {
            return new OnnxFlowPrior(m, true, gaussian, text);
        } catch (RuntimeException e) {
            m.close();
            throw e;
        }
    }

    public ModelManifest manifest() {
        return manifest;
    }

    /** The execution provider the velocity model runs on. */
    public String provider() {
        return session.provider();
    }

    /** Refuses a model with a {@code role} input ({@code input} names it) unless it is conditioned on 'latents'. */
    private static void requireLatentsConditioning(ModelManifest manifest, TensorRole role, String input, String why) {
        if (manifest.velocity().input(role).isPresent() && manifest.conditioning().kind() != ConditioningKind.LATENTS) {
            throw new IllegalArgumentException("model " + manifest.name() + ": " + input + " input needs conditioning"
                    + " 'latents' (" + why + "), not '" + manifest.conditioning().kind().spelling() + "'");
        }
    }

    @Override
    public String id() {
        return manifest.name();
    }

    /**
     * {@link ModelHash#of} the manifest and the Gaussian spectrum, computed once: decoders check it on
     * every packet.
     */
    @Override
    public String sha256() {
        return sha256;
    }

    /**
     * The model's latent space: its VAE for {@code latent.kind: vae} (one per picture size), the DCT
     * latent as a picture for {@code picture}, none (the codec's DCT latent) for {@code dct}.
     */
    @Override
    public Optional<LatentSpace> latentSpace(VideoFormat format, int downscale) {
        return spaces.forFormat(format, downscale);
    }

    /** How many picture sizes' latent spaces are cached now (at most {@link LatentSpaces#CAPACITY}). */
    int cachedLatentSpaces() {
        return spaces.cached();
    }

    @Override
    public byte[] analyse(GopCondition condition, float[][] trueLatent) {
        if (manifest.conditioning().kind() == ConditioningKind.GAUSSIAN_TERMS) {
            return gaussian.analyse(condition, trueLatent);
        }
        if (takesGains && condition.latentFrames() > 0) {
            return PlaneGains.measure(manifest.latent().kind(), condition, trueLatent);
        }
        return new byte[0];
    }

    @Override
    public VelocityField open(GopCondition c, byte[] sideInfo) throws BitstreamException {
        if (closed) {
            throw new IllegalStateException("prior " + id() + " is closed");
        }
        if (!manifest.conditioning().supports(c.variant())) {
            throw new BitstreamException("variant", "model " + id() + " does not support "
                    + c.variant().name().toLowerCase());
        }
        if (c.latentFrames() == 0) {
            return OnnxVelocityField.empty();
        }
        TensorPlan plan = new TensorPlan(manifest, c, text);
        Binding b = pool.take(plan);
        try {
            inputs.fill(b, plan, c, sideInfo);
        } catch (BitstreamException | RuntimeException e) {
            pool.giveBack(plan, b);
            throw e;
        }
        return new OnnxVelocityField(manifest, b, plan, pool);
    }

    @Override
    public void close() {
        closed = true;
        spaces.close();
        pool.close();
        if (ownsModel) {
            model.close();
        }
    }
}
