package io.gvc.codec.prior;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gvc.codec.bitstream.BitstreamException;
import io.gvc.codec.latent.DctLatentSpace;
import io.gvc.codec.latent.LatentGeometry;
import io.gvc.codec.variant.Variant;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The closed-form Gaussian prior against a Monte-Carlo simulation of x_t = (1-t) x0 + t e. */
class GaussianDctPriorTest {

    /** A hand-made spectrum whose latent variances span 0.02 .. 20 (latent units, a = 1/2, gap = reference). */
    static PriorSpectrum spectrum() {
        double s = 1024; // 1 / SCALE^2: pixel units squared to latent units squared
        double[][] bridge = {
            {s * 2 / 128, s * 20, s * 8, s * 3, s * 1, s * 0.3, s * 0.1, s * 0.02},
            {s * 1 / 32, s * 5, s * 2, s * 1, s * 0.5, s * 0.2, s * 0.05, s * 0.02},
        };
        double[][] walk = {
            {s * 4 / 128, s * 10, s * 5, s * 2, s * 1, s * 0.5, s * 0.2, s * 0.1},
            {s * 2 / 32, s * 3, s * 2, s * 1, s * 0.5, s * 0.2, s * 0.1, s * 0.05},
        };
        double[][] frame = {
            {100, 3000, 2000, 1000, 500, 200, 100, 50},
            {30, 500, 300, 200, 100, 50, 20, 10},
        };
        return PriorSpectrum.of(9, bridge, walk, frame, new double[] {-10, 2}, "GaussianDctPriorTest");
    }

    private static GopCondition condition(Variant v, LatentGeometry g, float[] alphas, long seed) {
        Random rnd = new Random(seed);
        float[] first = new float[g.dim()], last = new float[g.dim()];
        for (int i = 0; i < g.dim(); i++) {
            first[i] = (float) (3 * rnd.nextGaussian());
            last[i] = (float) (3 * rnd.nextGaussian());
        }
        return switch (v) {
            case FLF2V -> new GopCondition(v, g, alphas, first, last, 9, "");
            case I2V -> new GopCondition(v, g, alphas, first, null, 9, "");
            case T2V -> new GopCondition(v, g, alphas, null, null, 9, "a prompt");
        };
    }

    /**
     * x0hat(x_t) = x_t - t u must be E[x0 | x_t]: its error is unbiased and uncorrelated with x_t, and
     * its mean square is the posterior variance v t^2 / ((1-t)^2 v + t^2). 200k samples per t.
     */
    @Test
    void cleanEstimateIsTheConditionalMean() throws BitstreamException {
        LatentGeometry g = DctLatentSpace.geometry(16, 8, 4); // D = 8 + 2 + 2
        GaussianDctPrior prior = new GaussianDctPrior(spectrum());
        for (Variant variant : Variant.values()) {
            GopCondition c = condition(variant, g, new float[] {0.5f}, 1);
            GaussianTerms terms = prior.terms(c, new byte[0]);
            float[] mean = terms.mean()[0], var = terms.variance()[0];
            int d = g.dim();
            VelocityField field = prior.open(c, new byte[0]);
            Random rnd = new Random(42 + variant.ordinal());
            int n = 200_000;
            for (float t : new float[] {0.2f, 0.5f, 0.9f}) {
                double[] sumErr = new double[d], sumErr2 = new double[d], sumCross = new double[d],
                        sumCross2 = new double[d];
                float[][] x = new float[1][d], u = new float[1][d];
                float[] x0 = new float[d];
                for (int s = 0; s < n; s++) {
                    for (int i = 0; i < d; i++) {
                        x0[i] = (float) (mean[i] + Math.sqrt(var[i]) * rnd.nextGaussian());
                        x[0][i] = (1 - t) * x0[i] + t * (float) rnd.nextGaussian();
                    }
                    field.velocity(x, t, u);
                    for (int i = 0; i < d; i++) {
                        double hat = x[0][i] - t * u[0][i];
                        double err = x0[i] - hat;
                        // centre x_t on its mean so the cross term has a small spread
                        double cross = err * (x[0][i] - (1 - t) * mean[i]);
                        sumErr[i] += err;
                        sumErr2[i] += err * err;
                        sumCross[i] += cross;
                        sumCross2[i] += cross * cross;
                    }
                }
                for (int i = 0; i < d; i++) {
                    double a = 1 - t;
                    double post = var[i] * t * t / (a * a * var[i] + t * t);
                    double meanErr = sumErr[i] / n, msErr = sumErr2[i] / n;
                    double sdErr = Math.sqrt(msErr - meanErr * meanErr);
                    String where = variant + " t=" + t + " element " + i + " (var " + var[i] + ")";
                    assertEquals(0, meanErr, 5 * sdErr / Math.sqrt(n), "E[x0 - x0hat], " + where);
                    double meanCross = sumCross[i] / n;
                    double sdCross = Math.sqrt(sumCross2[i] / n - meanCross * meanCross);
                    assertEquals(0, meanCross, 5 * sdCross / Math.sqrt(n), "E[(x0 - x0hat) x_t], " + where);
                    // the mean square error of a Gaussian: relative s.e. sqrt(2 / n) = 0.3 %
                    assertEquals(post, msErr, 5 * Math.sqrt(2.0 / n) * post, "E[(x0 - x0hat)^2], " + where);
                }
            }
        }
    }

    /** The check above has power: the estimate of a prior with the variances doubled fails it. */
    @Test
    void monteCarloCheckDetectsAWrongPosterior() throws BitstreamException {
        LatentGeometry g = DctLatentSpace.geometry(16, 8, 4);
        GaussianDctPrior prior = new GaussianDctPrior(spectrum());
        GopCondition c = condition(Variant.FLF2V, g, new float[] {0.5f}, 1);
        float[] mean = prior.terms(c, new byte[0]).mean()[0];
        float[] var = prior.terms(c, new byte[0]).variance()[0];
        // side info with every gain doubled (q = 22): a prior that believes twice the variance
        byte[] doubled = GaussianGains.write(new int[] {22, 22, 22, 22, 22, 22});
        VelocityField wrong = prior.open(c, doubled);
        float t = 0.5f;
        int d = g.dim(), n = 200_000;
        Random rnd = new Random(5);
        double[] sumCross = new double[d];
        float[][] x = new float[1][d], u = new float[1][d];
        for (int s = 0; s < n; s++) {
            float[] x0 = new float[d];
            for (int i = 0; i < d; i++) {
                x0[i] = (float) (mean[i] + Math.sqrt(var[i]) * rnd.nextGaussian());
                x[0][i] = (1 - t) * x0[i] + t * (float) rnd.nextGaussian();
            }
            wrong.velocity(x, t, u);
            for (int i = 0; i < d; i++) {
                sumCross[i] += (x0[i] - (x[0][i] - t * u[0][i])) * (x[0][i] - (1 - t) * mean[i]);
            }
        }
        int failing = 0;
        for (int i = 0; i < d; i++) {
            // analytic: E[err * y] = a v - g (a^2 v + t^2) with the wrong gain g = a 2v / (a^2 2v + t^2)
            double a = 1 - t, v = var[i], gWrong = a * 2 * v / (a * a * 2 * v + t * t);
            double expected = a * v - gWrong * (a * a * v + t * t);
            assertEquals(expected, sumCross[i] / n, 0.05 * Math.abs(expected) + 1e-3, "element " + i);
            if (Math.abs(sumCross[i] / n) > 0.01) {
                failing++;
            }
        }
        assertTrue(failing > d / 2, "a doubled variance is visible in most elements");
    }

    /** At t = 1 the estimate is the prior mean: u = x - mean, bit for bit. */
    @Test
    void atTimeOneTheEstimateIsTheMean() throws BitstreamException {
        LatentGeometry g = DctLatentSpace.geometry(32, 16, 2);
        GaussianDctPrior prior = new GaussianDctPrior(spectrum());
        for (Variant variant : Variant.values()) {
            GopCondition c = condition(variant, g, new float[] {0.25f, 0.5f, 1f}, 3);
            byte[] side = variant == Variant.T2V ? new byte[0] : GaussianGains.write(new int[] {18, 20, 21, 25, 3, 31});
            GaussianTerms terms = prior.terms(c, side);
            VelocityField field = prior.open(c, side);
            Random rnd = new Random(8);
            float[][] x = new float[3][g.dim()], u = new float[3][g.dim()];
            for (float[] xf : x) {
                for (int i = 0; i < xf.length; i++) {
                    xf[i] = (float) rnd.nextGaussian();
                }
            }
            field.velocity(x, 1f, u);
            for (int f = 0; f < 3; f++) {
                for (int i = 0; i < g.dim(); i++) {
                    float m = terms.mean()[f][i];
                    assertEquals(x[f][i] - m, u[f][i], 0f, variant + " frame " + f + " element " + i);
                    float hat = x[f][i] - 1f * u[f][i];
                    float ulp = Math.ulp(Math.max(Math.abs(x[f][i]), Math.abs(m)));
                    assertEquals(m, hat, 2 * ulp, "x0hat at t = 1 is the mean up to float rounding");
                }
            }
        }
    }

    @Test
    void meansFollowTheVariant() throws BitstreamException {
        LatentGeometry g = DctLatentSpace.geometry(16, 8, 4);
        GaussianDctPrior prior = new GaussianDctPrior(spectrum());
        GopCondition flf = condition(Variant.FLF2V, g, new float[] {0.25f}, 4);
        float[] m = prior.terms(flf, new byte[0]).mean()[0];
        for (int i = 0; i < g.dim(); i++) {
            assertEquals(0.75f * flf.firstLatent()[i] + 0.25f * flf.lastLatent()[i], m[i], 1e-6f);
        }
        GopCondition i2v = condition(Variant.I2V, g, new float[] {0.25f}, 4);
        assertArrayEquals(i2v.firstLatent(), prior.terms(i2v, new byte[0]).mean()[0]);
        GopCondition t2v = condition(Variant.T2V, g, new float[] {0.25f}, 4);
        float[] mt = prior.terms(t2v, new byte[0]).mean()[0];
        // only the DC of each plane: dc_mean * sqrt(pixels) * SCALE
        assertEquals((float) (-10 * Math.sqrt(128) / 32), mt[0], 1e-5f);
        assertEquals((float) (2 * Math.sqrt(32) / 32), mt[g.planeOffset(1)], 1e-5f);
        assertEquals((float) (2 * Math.sqrt(32) / 32), mt[g.planeOffset(2)], 1e-5f);
        for (int i = 1; i < g.dim(); i++) {
            if (i != g.planeOffset(1) && i != g.planeOffset(2)) {
                assertEquals(0f, mt[i]);
            }
        }
        // the bridge's variance vanishes at the ends and peaks in the middle; the walk's grows with a
        GopCondition ends = condition(Variant.FLF2V, g, new float[] {0f, 0.5f, 1f}, 4);
        float[][] vb = prior.terms(ends, new byte[0]).variance();
        assertEquals(GaussianDctPrior.MIN_VARIANCE, vb[0][3]);
        assertEquals(GaussianDctPrior.MIN_VARIANCE, vb[2][3]);
        assertTrue(vb[1][3] > 0.1f);
        GopCondition walk = condition(Variant.I2V, g, new float[] {0.25f, 0.5f, 1f}, 4);
        float[][] vw = prior.terms(walk, new byte[0]).variance();
        assertEquals(2 * vw[0][3], vw[1][3], 1e-6f * vw[1][3]);
        assertEquals(2 * vw[1][3], vw[2][3], 1e-6f * vw[2][3]);
    }

    /**
     * The transmitted gains follow the content: residuals twice as large (variance x4 = four
     * half-octave steps) give decoded variances exactly 4 times larger; a residual drawn from the
     * spectrum itself gives gains near 1; T2V sends nothing.
     */
    @Test
    void analyseMeasuresGains() throws BitstreamException {
        LatentGeometry g = DctLatentSpace.geometry(64, 48, 2);
        GaussianDctPrior prior = new GaussianDctPrior(spectrum());
        for (Variant variant : new Variant[] {Variant.FLF2V, Variant.I2V}) {
            float[] alphas = {0.125f, 0.25f, 0.375f, 0.5f, 0.625f, 0.75f, 0.875f};
            GopCondition c = condition(variant, g, alphas, 9);
            GaussianTerms unit = prior.terms(c, new byte[0]);
            Random rnd = new Random(10);
            float[][] truth = new float[alphas.length][g.dim()], truth2 = new float[alphas.length][g.dim()];
            for (int f = 0; f < alphas.length; f++) {
                for (int i = 0; i < g.dim(); i++) {
                    float r = (float) (Math.sqrt(unit.variance()[f][i]) * rnd.nextGaussian());
                    truth[f][i] = unit.mean()[f][i] + r;
                    truth2[f][i] = unit.mean()[f][i] + 2 * r;
                }
            }
            byte[] side = prior.analyse(c, truth);
            byte[] side2 = prior.analyse(c, truth2);
            assertEquals(4, side.length, "six 5-bit gains");
            float[] gains = GaussianGains.read(side), gains2 = GaussianGains.read(side2);
            for (int k = 0; k < gains.length; k++) {
                assertTrue(gains[k] >= 0.5f && gains[k] <= 2f, variant + " gain " + k + " = " + gains[k]
                        + " for a residual drawn from the prior itself");
                assertEquals(4 * gains[k], gains2[k], 1e-6f * gains2[k], "gain group " + k);
            }
            float[][] v1 = prior.terms(c, side).variance(), v2 = prior.terms(c, side2).variance();
            for (int f = 0; f < alphas.length; f++) {
                for (int i = 0; i < g.dim(); i++) {
                    assertEquals(4 * v1[f][i], v2[f][i], 1e-5f * v2[f][i], variant + " frame " + f + " element " + i);
                }
            }
            // a residual of zero asks for the smallest gain, never NaN
            float[][] exact = unit.mean();
            float[] g0 = GaussianGains.read(prior.analyse(c, exact));
            for (float v : g0) {
                assertEquals(GaussianGains.gain(0), v);
            }
        }
        GopCondition t2v = condition(Variant.T2V, g, new float[] {0f, 0.5f}, 9);
        assertEquals(0, prior.analyse(t2v, new float[2][g.dim()]).length, "T2V sends only its prompt");
    }

    @Test
    void gainQuantiserIsAHalfOctaveGrid() throws BitstreamException {
        assertEquals(1f, GaussianGains.gain(20));
        assertEquals(2f, GaussianGains.gain(22));
        assertEquals((float) Math.sqrt(2), GaussianGains.gain(21));
        assertEquals(20, GaussianGains.quantise(1.0));
        assertEquals(24, GaussianGains.quantise(4.0));
        assertEquals(21, GaussianGains.quantise(1.5)); // 2 log2 1.5 = 1.17
        assertEquals(0, GaussianGains.quantise(0));
        assertEquals(0, GaussianGains.quantise(Double.NaN));
        assertEquals(31, GaussianGains.quantise(1e9));
        int[] q = {0, 5, 20, 31, 1, 30};
        float[] back = GaussianGains.read(GaussianGains.write(q));
        for (int i = 0; i < q.length; i++) {
            assertEquals(GaussianGains.gain(q[i]), back[i]);
        }
        BitstreamException e = assertThrows(BitstreamException.class, () -> GaussianGains.read(new byte[3]));
        assertEquals("prior.side_info", e.field());
        assertThrows(BitstreamException.class, () -> GaussianGains.read(new byte[5]));
        float[] ones = GaussianGains.read(new byte[0]);
        for (float v : ones) {
            assertEquals(1f, v);
        }
    }

    @Test
    void velocityIsDeterministicAndBitReproducible() throws BitstreamException {
        LatentGeometry g = DctLatentSpace.geometry(32, 16, 2);
        GaussianDctPrior prior = new GaussianDctPrior(spectrum());
        GopCondition c = condition(Variant.FLF2V, g, new float[] {0.5f}, 3);
        float[][] x = new float[1][g.dim()];
        Random rnd = new Random(1);
        for (int i = 0; i < g.dim(); i++) {
            x[0][i] = (float) rnd.nextGaussian();
        }
        float[][] a = new float[1][g.dim()], b = new float[1][g.dim()];
        prior.open(c, new byte[0]).velocity(x, 0.37f, a);
        new GaussianDctPrior(spectrum()).open(c, new byte[0]).velocity(x, 0.37f, b);
        assertArrayEquals(a[0], b[0]);
        for (float v : a[0]) {
            assertTrue(Float.isFinite(v));
        }
    }

    @Test
    void spectrumTextRoundTripsAndItsHashIdentifiesIt() throws Exception {
        PriorSpectrum s = spectrum();
        PriorSpectrum back = PriorSpectrum.parse(s.toText().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertEquals(s.sha256(), back.sha256());
        assertEquals(64, s.sha256().length());
        assertEquals(s.sha256(), new GaussianDctPrior(s).sha256());
        double[][] bridge = s.bridge().clone();
        bridge[0] = bridge[0].clone();
        bridge[0][3] *= 1.01;
        PriorSpectrum other = PriorSpectrum.of(9, bridge, s.walk(), s.frame(), s.dcMean(), "other");
        assertNotEquals(s.sha256(), other.sha256());
    }
}
