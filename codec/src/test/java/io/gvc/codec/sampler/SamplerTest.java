package io.gvc.codec.sampler;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gvc.codec.atoms.AtomChoice;
import io.gvc.codec.atoms.AtomSearch;
import io.gvc.codec.atoms.Codebook;
import io.gvc.codec.prior.VelocityField;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The time grid and the SDE / Euler sampler (GVC-ALGORITHM.md section 2). */
class SamplerTest {

    // ---- time grid ----

    @Test
    void gridRunsFromOneToZeroAndDecreases() {
        for (int steps : new int[] {1, 2, 3, 12, 20, 100}) {
            for (float shift : new float[] {0.5f, 1f, 3f, 5f}) {
                for (int tail : new int[] {0, Math.min(3, steps), steps}) {
                    TimeGrid g = TimeGrid.of(steps, tail, shift);
                    float[] t = g.t();
                    assertEquals(steps + 1, t.length);
                    assertEquals(steps, g.steps());
                    assertEquals(1f, t[0]);
                    assertEquals(0f, t[steps]);
                    for (int i = 0; i < steps; i++) {
                        assertTrue(t[i + 1] < t[i], "t strictly decreasing at " + i + " (steps " + steps
                                + ", shift " + shift + ")");
                    }
                    assertEquals(steps - tail, g.stochasticSteps());
                    for (int i = 0; i < steps; i++) {
                        assertEquals(i < steps - tail, g.stochastic(i), "step " + i);
                    }
                }
            }
        }
    }

    @Test
    void gridFollowsTheShiftFormula() {
        TimeGrid g = TimeGrid.of(20, 3, 3f);
        for (int i = 1; i < 20; i++) {
            double u = 1.0 - i / 20.0;
            assertEquals((float) (3 * u / (1 + 2 * u)), g.t()[i], "t[" + i + "]");
        }
        // shift 1 is the plain uniform grid; a larger shift spends more steps at high noise
        TimeGrid lin = TimeGrid.of(10, 0, 1f);
        for (int i = 0; i <= 10; i++) {
            assertEquals(1 - i / 10.0, lin.t()[i], 1e-6);
        }
        assertTrue(TimeGrid.of(10, 0, 5f).t()[5] > TimeGrid.of(10, 0, 3f).t()[5]);
        assertTrue(TimeGrid.of(10, 0, 3f).t()[5] > lin.t()[5]);
    }

    @Test
    void gridRejectsBadArguments() {
        assertThrows(IllegalArgumentException.class, () -> TimeGrid.of(0, 0, 3f));
        assertThrows(IllegalArgumentException.class, () -> TimeGrid.of(5, 6, 3f));
        assertThrows(IllegalArgumentException.class, () -> TimeGrid.of(5, -1, 3f));
        assertThrows(IllegalArgumentException.class, () -> TimeGrid.of(5, 1, 0f));
        assertThrows(IllegalArgumentException.class, () -> TimeGrid.of(5, 1, Float.NaN));
        assertThrows(IllegalArgumentException.class, () -> new SdeSampler(TimeGrid.of(5, 1, 3f), -1f));
        assertThrows(IllegalArgumentException.class, () -> new SdeSampler(TimeGrid.of(5, 1, 3f), Float.NaN));
    }

    // ---- the sampler ----

    /** Closed-form velocity of x0 ~ N(m, v) per element (section 6), with a call log. */
    static final class Gaussian implements VelocityField {
        final float[] m;
        final float[] v;
        final List<Float> calls = new ArrayList<>();

        Gaussian(float[] m, float[] v) {
            this.m = m;
            this.v = v;
        }

        @Override
        public void velocity(float[][] x, float t, float[][] out) {
            assertTrue(t > 0f, "the model is never evaluated at t = 0");
            calls.add(t);
            float a = 1f - t;
            for (int f = 0; f < x.length; f++) {
                for (int i = 0; i < x[f].length; i++) {
                    float gain = a * v[i] / (a * a * v[i] + t * t);
                    float hat = m[i] + gain * (x[f][i] - a * m[i]);
                    out[f][i] = (x[f][i] - hat) / t;
                }
            }
        }
    }

    private static float[][] startNoise(int frames, int d, long seed) {
        Random rnd = new Random(seed);
        float[][] x = new float[frames][d];
        for (float[] xf : x) {
            for (int i = 0; i < d; i++) {
                xf[i] = (float) rnd.nextGaussian();
            }
        }
        return x;
    }

    private static NoiseSource gaussianNoise(long seed) {
        Random rnd = new Random(seed);
        return (step, x0hat, z) -> {
            for (float[] zf : z) {
                for (int i = 0; i < zf.length; i++) {
                    zf[i] = (float) rnd.nextGaussian();
                }
            }
        };
    }

    @Test
    void noiseIsAskedOncePerStochasticStepInOrderAndTheModelOncePerStep() {
        int d = 10;
        Gaussian field = new Gaussian(new float[d], filled(d, 1f));
        TimeGrid grid = TimeGrid.of(12, 2, 3f);
        List<Integer> asked = new ArrayList<>();
        new SdeSampler(grid, 3f).run(field, startNoise(2, d, 1), (step, x0hat, z) -> asked.add(step));
        assertEquals(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9), asked);
        assertEquals(12, field.calls.size());
        for (int s = 0; s < 12; s++) {
            assertEquals(grid.t()[s], field.calls.get(s));
        }
    }

    /**
     * A target the prior already knows exactly (variance 1e-8 around the mean): whatever the noise,
     * the trajectory lands on the mean, because the last (Euler) step of length t lands on x0hat.
     */
    @Test
    void zeroResidualTargetLandsOnTheMean() {
        int d = 999, frames = 2;
        Random rnd = new Random(4);
        float[] m = new float[d];
        for (int i = 0; i < d; i++) {
            m[i] = (float) (2 * rnd.nextGaussian());
        }
        Gaussian field = new Gaussian(m, filled(d, 1e-8f));
        // the encoder's noise: atoms searched against truth = mean
        Codebook cb = new Codebook(77, 256);
        AtomSearch search = new AtomSearch(cb, null, 1);
        NoiseSource encoder = (step, x0hat, z) -> {
            for (int f = 0; f < x0hat.length; f++) {
                float[] r = new float[d];
                for (int i = 0; i < d; i++) {
                    r[i] = m[i] - x0hat[f][i];
                }
                AtomChoice c = search.select(0, step, f, r, 4);
                cb.synthesise(0, step, f, c, z[f]);
            }
        };
        for (NoiseSource noise : new NoiseSource[] {encoder, gaussianNoise(9)}) {
            float[][] x = new SdeSampler(TimeGrid.of(12, 2, 3f), 3f).run(field, startNoise(frames, d, 2), noise);
            for (int f = 0; f < frames; f++) {
                for (int i = 0; i < d; i++) {
                    assertEquals(m[i], x[f][i], 1e-3f * (1 + Math.abs(m[i])), "frame " + f + " element " + i);
                }
            }
        }
    }

    /** g_scale = 0 makes a stochastic step a plain Euler step, to the bit, and ignores the noise. */
    @Test
    void zeroGScaleIsEulerExactly() {
        int d = 257;
        Random rnd = new Random(6);
        float[] m = new float[d], v = new float[d];
        for (int i = 0; i < d; i++) {
            m[i] = (float) rnd.nextGaussian();
            v[i] = (float) Math.exp(rnd.nextGaussian());
        }
        float[][] sde = new SdeSampler(TimeGrid.of(12, 0, 3f), 0f)
                .run(new Gaussian(m, v), startNoise(2, d, 3), gaussianNoise(1));
        float[][] ode = new SdeSampler(TimeGrid.of(12, 12, 3f), 3f)
                .run(new Gaussian(m, v), startNoise(2, d, 3), (step, x0hat, z) -> {
                    throw new AssertionError("an all-Euler grid asks for no noise");
                });
        assertArrayEquals(ode[0], sde[0]);
        assertArrayEquals(ode[1], sde[1]);
    }

    /**
     * All-Euler (tail = steps) solves the probability-flow ODE of the Gaussian, whose exact solution
     * from x(1) = e is x(t) = (1-t) m + sqrt((1-t)^2 v + t^2) e, so x(0) = m + sqrt(v) e. Euler is
     * first order: the error halves when the steps double, and the run is deterministic and finite.
     */
    @Test
    void eulerSolvesTheGaussianOde() {
        int d = 500;
        Random rnd = new Random(12);
        float[] m = new float[d], v = new float[d];
        for (int i = 0; i < d; i++) {
            m[i] = (float) rnd.nextGaussian();
            v[i] = (float) (0.05 + 4 * rnd.nextDouble());
        }
        float[][] e = startNoise(1, d, 13);
        double previous = Double.NaN;
        for (int steps : new int[] {25, 50, 100, 200, 400}) {
            float[][] x = copy(e);
            new SdeSampler(TimeGrid.of(steps, steps, 1f), 3f).run(new Gaussian(m, v), x, null);
            float[][] again = copy(e);
            new SdeSampler(TimeGrid.of(steps, steps, 1f), 3f).run(new Gaussian(m, v), again, null);
            assertArrayEquals(x[0], again[0], "deterministic");
            double maxErr = 0;
            for (int i = 0; i < d; i++) {
                assertTrue(Float.isFinite(x[0][i]));
                double exact = m[i] + Math.sqrt(v[i]) * e[0][i];
                maxErr = Math.max(maxErr, Math.abs(x[0][i] - exact) / (1 + Math.abs(exact)));
            }
            if (!Double.isNaN(previous)) {
                double ratio = previous / maxErr;
                assertTrue(ratio > 1.6 && ratio < 2.5, steps + " steps: error ratio " + ratio + " (first order)");
            }
            previous = maxErr;
        }
        assertTrue(previous < 0.01, "400 Euler steps within 1 % of the exact flow: " + previous);
    }

    /**
     * The SDE keeps the marginals: started from e ~ N(0, 1) with free Gaussian noise, the samples end
     * near N(m, v), each element being an independent sample. Euler-Maruyama with g = 3 t^2 has a
     * visible discretisation error (measured: variance 0.59, 0.63, 0.67 of 0.7 at 12, 20, 50 steps),
     * so the check is loose at 20 steps and asks that the error shrink as the steps grow.
     */
    @Test
    void sdeSamplesTheGaussian() {
        int d = 40_000;
        float m0 = 1.5f, v0 = 0.7f;
        double previousError = Double.POSITIVE_INFINITY;
        for (int steps : new int[] {12, 20, 50}) {
            Gaussian field = new Gaussian(filled(d, m0), filled(d, v0));
            float[][] x = new SdeSampler(TimeGrid.of(steps, 3, 3f), 3f).run(field, startNoise(1, d, 21),
                    gaussianNoise(22));
            double s = 0, s2 = 0;
            for (float xi : x[0]) {
                assertTrue(Float.isFinite(xi));
                s += xi;
                s2 += xi * xi;
            }
            double mean = s / d, var = s2 / d - mean * mean;
            assertEquals(m0, mean, 0.03, steps + " steps: sample mean");
            if (steps == 20) {
                assertEquals(v0, var, 0.15 * v0, "20 steps: sample variance");
            }
            double error = Math.abs(var - v0);
            assertTrue(error < previousError, steps + " steps: variance error " + error + " must shrink");
            previousError = error;
        }
    }

    @Test
    void zeroFramesIsANoOp() {
        float[][] x = new float[0][];
        assertEquals(0, new SdeSampler(TimeGrid.of(3, 1, 3f), 3f).run(new Gaussian(new float[0], new float[0]), x,
                null).length);
    }

    private static float[] filled(int n, float v) {
        float[] a = new float[n];
        java.util.Arrays.fill(a, v);
        return a;
    }

    private static float[][] copy(float[][] a) {
        float[][] b = new float[a.length][];
        for (int i = 0; i < a.length; i++) {
            b[i] = a[i].clone();
        }
        return b;
    }
}
