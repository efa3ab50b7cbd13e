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
}
