package io.gvc.codec.prior;

/** Mean and variance of x0 for each coded latent frame: what the Gaussian prior believes. */
public record GaussianTerms(float[][] mean, float[][] variance) {
}
