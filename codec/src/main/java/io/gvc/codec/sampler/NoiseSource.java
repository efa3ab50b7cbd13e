package io.gvc.codec.sampler;

/**
 * Where the stochastic steps' noise comes from: the encoder searches atoms against the true latent,
 * the decoder regenerates the atoms its packet names. Both then step identically.
 */
public interface NoiseSource {

    /**
     * Writes the unit-variance noise of stochastic step {@code step} for every coded latent frame into
     * {@code z}, given the current clean estimate {@code x0hat} (used by the encoder only).
     */
    void noise(int step, float[][] x0hat, float[][] z);
}
