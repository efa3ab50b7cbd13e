package io.gvc.codec.sampler;

import io.gvc.codec.prior.VelocityField;

/**
 * The stochastic rectified-flow sampler (GVC-ALGORITHM.md section 2). For a step from t to t - d:
 * <pre>
 *   stochastic:  x &lt;- x - d [u + (g^2 / (2t)) (x + (1 - t) u)] + g sqrt(d) z,   g = g_scale t^2
 *   Euler tail:  x &lt;- x - d u
 * </pre>
 * The encoder and the decoder run this same code; the only difference is their {@link NoiseSource}.
 * State is float32 throughout and every scalar is computed once per step in the same way, so the two
 * trajectories are identical to the bit. The model is never evaluated at t = 0: the last step,
 * of length t, lands on x0hat.
 */
public final class SdeSampler {

    private final TimeGrid grid;
    private final float gScale;

    public SdeSampler(TimeGrid grid, float gScale) {
        if (!(gScale >= 0)) {
            throw new IllegalArgumentException("g_scale must be >= 0, got " + gScale);
        }
        this.grid = grid;
        this.gScale = gScale;
    }

    public TimeGrid grid() {
        return grid;
    }

    /** Runs the trajectory from {@code x} (the state at t = 1, overwritten) to x0, returned in x. */
    public float[][] run(VelocityField field, float[][] x, NoiseSource noise) {
        int frames = x.length;
        if (frames == 0) {
            return x;
        }
        int d = x[0].length;
        float[][] u = new float[frames][d];
        float[][] x0hat = new float[frames][d];
        float[][] z = new float[frames][d];
        float[] t = grid.t();
        for (int s = 0; s < grid.steps(); s++) {
            float tNow = t[s];
            float dt = tNow - t[s + 1];
            field.velocity(x, tNow, u);
            if (grid.stochastic(s)) {
                for (int f = 0; f < frames; f++) {
                    float[] xf = x[f], uf = u[f], hf = x0hat[f];
                    for (int i = 0; i < d; i++) {
                        hf[i] = xf[i] - tNow * uf[i];
                    }
                }
                noise.noise(s, x0hat, z);
                float g = gScale * tNow * tNow;
                float drift = g * g / (2f * tNow);
                float oneMinusT = 1f - tNow;
                float amp = g * (float) Math.sqrt(dt);
                for (int f = 0; f < frames; f++) {
                    float[] xf = x[f], uf = u[f], zf = z[f];
                    for (int i = 0; i < d; i++) {
                        float xi = xf[i], ui = uf[i];
                        xf[i] = xi - dt * (ui + drift * (xi + oneMinusT * ui)) + amp * zf[i];
                    }
                }
            } else {
                for (int f = 0; f < frames; f++) {
                    float[] xf = x[f], uf = u[f];
                    for (int i = 0; i < d; i++) {
                        xf[i] = xf[i] - dt * uf[i];
                    }
                }
            }
        }
        return x;
    }
}
