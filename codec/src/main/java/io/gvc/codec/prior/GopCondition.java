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
 * @param anchorLatents for each coded latent frame, the latent of the GOP's anchor there (the
 *                      motion-compensated bridge), or null where the codec has not built the anchors;
 *                      a prior may condition on it, and stays defined around {@link #centre}
 * @param keyframes     for each coded latent frame, whether it lies on a decoded keyframe, which the
 *                      decoder shows as it is (so nothing generated there reaches a picture); null
 *                      exactly where anchorLatents is
 */
public record GopCondition(Variant variant, LatentGeometry geometry, float[] alphas, float[] firstLatent,
                           float[] lastLatent, int gopFrames, String prompt, float[][] anchorLatents,
                           boolean[] keyframes) {

    public GopCondition {
        alphas = alphas.clone();
        prompt = prompt == null ? "" : prompt;
        if ((anchorLatents == null) != (keyframes == null)
                || anchorLatents != null && (anchorLatents.length != alphas.length || keyframes.length != alphas.length)) {
            throw new IllegalArgumentException("anchor latents and keyframe flags must both be given, one per coded"
                    + " latent frame (" + alphas.length + ")");
        }
        keyframes = keyframes == null ? null : keyframes.clone();
    }

    /** A condition without the anchor latents. */
    public GopCondition(Variant variant, LatentGeometry geometry, float[] alphas, float[] firstLatent,
                        float[] lastLatent, int gopFrames, String prompt) {
        this(variant, geometry, alphas, firstLatent, lastLatent, gopFrames, prompt, null, null);
    }

    /** This condition with the GOP's anchor latents and which coded latent frames are keyframes. */
    public GopCondition withAnchors(float[][] latents, boolean[] keyframeFlags) {
        return new GopCondition(variant, geometry, alphas, firstLatent, lastLatent, gopFrames, prompt, latents,
                keyframeFlags);
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
