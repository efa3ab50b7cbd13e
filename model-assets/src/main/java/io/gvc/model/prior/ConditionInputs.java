package io.gvc.model.prior;

import io.gvc.codec.bitstream.BitstreamException;
import io.gvc.codec.prior.GaussianDctPrior;
import io.gvc.codec.prior.GaussianTerms;
import io.gvc.codec.prior.GopCondition;
import io.gvc.model.manifest.ModelManifest;
import io.gvc.model.manifest.ModelManifest.ConditioningKind;
import io.gvc.model.manifest.ModelManifest.TensorDecl;
import io.gvc.model.runtime.Binding;
import java.nio.FloatBuffer;

/**
 * Binds the inputs that stay fixed through a GOP's steps (everything but x and t) to the
 * {@link GopCondition}, by the manifest's tensor roles: the boundary latents (zeros where the variant
 * has none), alpha, mask, boundary_mask, prior_mean / prior_var from the Gaussian prior's terms, the
 * text embedding, the per-plane gains carried as side information and the anchor latents.
 */
final class ConditionInputs {

    private final ModelManifest manifest;
    private final GaussianDctPrior gaussian;

    ConditionInputs(ModelManifest manifest, GaussianDctPrior gaussian) {
        this.manifest = manifest;
        this.gaussian = gaussian;
    }

    void fill(Binding b, TensorPlan p, GopCondition c, byte[] sideInfo) throws BitstreamException {
        GaussianTerms terms = null;
        if (manifest.conditioning().kind() == ConditioningKind.GAUSSIAN_TERMS) {
            terms = gaussian.terms(c, sideInfo);
        }
        for (TensorDecl t : p.inputs) {
            FloatBuffer buf = b.input(t.name());
            switch (t.role()) {
                case X, T -> {
                    // written per step
                }
                case PRIOR_MEAN -> FrameTensors.putFrames(buf, terms.mean(), t, p);
                case PRIOR_VAR -> FrameTensors.putFrames(buf, terms.variance(), t, p);
                case FIRST_LATENT -> FrameTensors.putLatent(buf, c.firstLatent(), p.dim, t);
                case LAST_LATENT -> FrameTensors.putLatent(buf, c.lastLatent(), p.dim, t);
                case ALPHA -> FrameTensors.putPerFrame(buf, c.alphas());
                case MASK -> FrameTensors.putPerFrame(buf, fixedFrames(c, p.frames));
                case TEXT_EMBEDDING -> buf.put(p.textEmbedding);
                case GAINS -> buf.put(PlaneGains.read(sideInfo));
                case ANCHOR_LATENT -> {
                    if (c.anchorLatents() == null) {
                        throw new IllegalStateException("model " + manifest.name() + " takes the anchor latents,"
                                + " and the codec gave none for this GOP");
                    }
                    FrameTensors.putFrames(buf, c.anchorLatents(), t, p);
                }
                case BOUNDARY_MASK -> {
                    // [first-frame latent present, last-frame latent present]; a null latent is bound as zeros
                    buf.put(0, c.firstLatent() != null ? 1f : 0f);
                    buf.put(1, c.lastLatent() != null ? 1f : 0f);
                }
                default -> throw new BitstreamException("model", "model " + manifest.name() + ": input '" + t.name()
                        + "' has role " + t.role().spelling() + ", which a velocity model cannot take");
            }
        }
    }

    /** 1 for each latent frame the condition fixes (a boundary the GOP has), else 0. */
    private static float[] fixedFrames(GopCondition c, int frames) {
        float[] m = new float[frames];
        for (int f = 0; f < m.length; f++) {
            float a = c.alphas()[f];
            m[f] = (a == 0f && c.firstLatent() != null) || (a == 1f && c.lastLatent() != null) ? 1f : 0f;
        }
        return m;
    }
}
