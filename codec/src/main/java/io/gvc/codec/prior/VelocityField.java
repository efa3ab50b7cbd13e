package io.gvc.codec.prior;

/** The model's velocity u(x_t, t | condition) for one GOP, opened by {@link FlowPrior#open}. */
public interface VelocityField extends AutoCloseable {

    /**
     * Writes u(x, t) for every coded latent frame: {@code x[f]} and {@code out[f]} hold
     * {@code geometry.dim()} floats. Must be deterministic: the same inputs give the same bits,
     * whatever the thread count, or the encoder's simulation of the decoder breaks.
     * Never called at t = 0.
     */
    void velocity(float[][] x, float t, float[][] out);

    @Override
    default void close() {
    }
}
