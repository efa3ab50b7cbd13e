package io.gvc.codec.latent;

import io.gvc.codec.frame.Frame;

/**
 * Pictures to latent frames and latent differences back to pictures: the space the sampler and the
 * atoms work in. The codec's own is {@link DctLatentSpace}; a model may bring its own (a VAE run
 * through ONNX Runtime, in model-assets), offered by its prior ({@code FlowPrior.latentSpace}).
 * Encoder and decoder must compute both directions bit-identically, so an implementation must be
 * deterministic for a given input.
 */
public interface LatentSpace {

    /** Shape of one latent frame; {@link LatentGeometry#dim()} floats. */
    LatentGeometry geometry();

    /** The latent frame of one picture. */
    float[] encode(Frame f);

    /**
     * What latent {@code x0} adds to the picture of latent {@code anchor}, in pixel units per plane
     * (Y, U, V; chroma at 4:2:0 size): the generated deviation from the anchor picture.
     */
    float[][] deviationPixels(float[] x0, float[] anchor);
}
