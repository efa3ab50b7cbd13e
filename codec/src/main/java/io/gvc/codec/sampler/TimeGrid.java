package io.gvc.codec.sampler;

/**
 * The sampler's time grid (GVC-ALGORITHM.md section 2): N steps from t = 1 to t = 0, warped by the
 * shift s as t' = s t / (1 + (s - 1) t), which spends more steps at high noise. The first
 * N - tail steps are stochastic and carry atoms; the last {@code tail} are plain Euler steps.
 */
public record TimeGrid(float[] t, int stochasticSteps) {

    public TimeGrid {
        t = t.clone();
    }

    public static TimeGrid of(int steps, int tail, float shift) {
        if (steps < 1 || tail < 0 || tail > steps) {
            throw new IllegalArgumentException("need steps >= 1 and 0 <= tail <= steps, got " + steps + "/" + tail);
        }
        if (!(shift > 0)) {
            throw new IllegalArgumentException("shift must be positive, got " + shift);
        }
        float[] t = new float[steps + 1];
        for (int i = 0; i <= steps; i++) {
            double u = 1.0 - (double) i / steps;
            t[i] = (float) (shift * u / (1.0 + (shift - 1.0) * u));
        }
        t[0] = 1f;
        t[steps] = 0f;
        return new TimeGrid(t, steps - tail);
    }

    public int steps() {
        return t.length - 1;
    }

    public boolean stochastic(int step) {
        return step < stochasticSteps;
    }
}
