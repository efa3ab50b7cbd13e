package io.gvc.codec.prior;

import io.gvc.codec.latent.LatentGeometry;
import io.gvc.codec.variant.Variant;

/**
 * Everything a prior may condition one GOP on, known to encoder and decoder alike.
 *
 * @param variant      FLF2V, I2V or T2V
 * @param geometry     shape of a latent frame
 * @param alphas       for each coded latent frame, its position in the GOP, 0 (first frame) to 1 (last)
 * @param firstLatent  latent of the decoded first frame (FLF2V, I2V), else null
 * @param lastLatent   latent of the decoded last frame (FLF2V), else null
 * @param gopFrames    picture frames in the GOP (the gap the bridge spans)
 * @param prompt       text prompt (T2V; may be empty, never null)
 */
public record GopCondition(Variant variant, LatentGeometry geometry, float[] alphas, float[] firstLatent,
                           float[] lastLatent, int gopFrames, String prompt) {

    public GopCondition {
        alphas = alphas.clone();
        prompt = prompt == null ? "" : prompt;
    }

    public int latentFrames() {
        return alphas.length;
    }

    /**
     * Where the prior is centred for coded latent frame {@code f}: the cross-fade of the boundary
     * latents at its position (FLF2V), the first latent (I2V), zero (T2V). Every prior is defined
     * around this centre; the codec translates the whole distribution onto the GOP's real anchor
     * (a motion-compensated bridge) with {@code io.gvc.codec.anchor.AnchorShift}, so a prior never
     * needs to know how the anchor was made.
     */
    public float[] centre(int f) {
        int dim = geometry.dim();
        float a = alphas[f];
        float[] m = new float[dim];
        switch (variant) {
            case FLF2V -> {
                for (int i = 0; i < dim; i++) {
                    m[i] = (1f - a) * firstLatent[i] + a * lastLatent[i];
                }
            }
            case I2V -> System.arraycopy(firstLatent, 0, m, 0, dim);
            case T2V -> {
                // grey: the zero latent
            }
        }
        return m;
    }
}
