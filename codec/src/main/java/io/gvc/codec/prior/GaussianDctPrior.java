package io.gvc.codec.prior;

import io.gvc.codec.bitstream.BitstreamException;
import io.gvc.codec.latent.DctLatentSpace;
import io.gvc.codec.latent.LatentGeometry;
import io.gvc.codec.variant.Variant;

/**
 * The closed-form reference prior (GVC-ALGORITHM.md section 6): x0 is Gaussian and diagonal in the
 * DCT latent, with
 * <ul>
 *   <li>FLF2V: mean = lerp(first, last, a), variance = spectrum.bridge * 4a(1-a): a Brownian bridge;
 *   <li>I2V: mean = first, variance = spectrum.walk * a: a random walk from the first frame;
 *   <li>T2V: mean = the DC mean, variance = spectrum.frame: no anchor at all.
 * </ul>
 * Each variance is scaled by the GOP's transmitted gains. With x_t = (1-t) x0 + t e the posterior
 * mean per element is exact: x0hat = m + (1-t) v / ((1-t)^2 v + t^2) (x - (1-t) m), u = (x - x0hat)/t.
 */
public final class GaussianDctPrior implements FlowPrior {

    public static final String ID = "gvc-gauss-dct";
    /** Floor on a variance, so a silent band cannot make the gain formula 0/0. */
    static final float MIN_VARIANCE = 1e-8f;

    private final PriorSpectrum spectrum;

    public GaussianDctPrior(PriorSpectrum spectrum) {
        this.spectrum = spectrum;
    }

    public PriorSpectrum spectrum() {
        return spectrum;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String sha256() {
        return spectrum.sha256();
    }

    private static PriorSpectrum.Mode mode(Variant v) {
        return switch (v) {
            case FLF2V -> PriorSpectrum.Mode.BRIDGE;
            case I2V -> PriorSpectrum.Mode.WALK;
            case T2V -> PriorSpectrum.Mode.FRAME;
        };
    }

    /** Shape of the variance over the GOP at position a. */
    static float positionWeight(Variant v, float a) {
        return switch (v) {
            case FLF2V -> 4f * a * (1f - a);
            case I2V -> a;
            case T2V -> 1f;
        };
    }

    /** Prior mean of every coded latent frame. */
    float[][] means(GopCondition c) {
        LatentGeometry g = c.geometry();
        int d = g.dim();
        float[][] mean = new float[c.latentFrames()][d];
        for (int f = 0; f < mean.length; f++) {
            if (c.variant() != Variant.T2V) {
                // FLF2V and I2V: the cross-fade centre; AnchorShift moves it onto the GOP's anchor
                mean[f] = c.centre(f);
                continue;
            }
            for (int p = 0; p < g.planes(); p++) {
                double pixels = (double) g.planeWidth()[p] * g.planeHeight()[p];
                mean[f][g.planeOffset(p)] = (float) (spectrum.dcMean()[SpectralBands.planeClass(p)]
                        * Math.sqrt(pixels) * DctLatentSpace.SCALE);
            }
        }
        return mean;
    }

    /** Fitted variance of every latent element before gains and position weight, in latent units. */
    float[] baseVariance(GopCondition c) {
        LatentGeometry g = c.geometry();
        int[] band = SpectralBands.bandIndex(g);
        double[][] table = spectrum.variances(mode(c.variant()));
        double gapScale = c.variant() == Variant.T2V ? 1.0
                : (double) Math.max(1, c.gopFrames() - 1) / (spectrum.referenceGopFrames() - 1);
        double s2 = (double) DctLatentSpace.SCALE * DctLatentSpace.SCALE;
        float[] out = new float[band.length];
        for (int p = 0; p < g.planes(); p++) {
            int off = g.planeOffset(p);
            double dcScale = (double) g.planeWidth()[p] * g.planeHeight()[p];
            for (int i = off; i < off + g.planeDim(p); i++) {
                int b = band[i];
                double v = table[b / SpectralBands.BANDS][b % SpectralBands.BANDS] * s2 * gapScale;
                if (b % SpectralBands.BANDS == 0) {
                    v *= dcScale; // band 0 is stored as the variance of the plane mean
                }
                out[i] = (float) v;
            }
        }
        return out;
    }

    /** Mean and variance of x0 for each coded latent frame, given the GOP's side information. */
    public GaussianTerms terms(GopCondition c, byte[] sideInfo) throws BitstreamException {
        float[] gains = GaussianGains.read(sideInfo);
        int[] group = SpectralBands.gainGroup(c.geometry());
        float[] base = baseVariance(c);
        float[][] mean = means(c);
        float[][] var = new float[mean.length][base.length];
        for (int f = 0; f < mean.length; f++) {
            float w = positionWeight(c.variant(), c.alphas()[f]);
            for (int i = 0; i < base.length; i++) {
                var[f][i] = Math.max(MIN_VARIANCE, base[i] * gains[group[i]] * w);
            }
        }
        return new GaussianTerms(mean, var);
    }

    /** Measures the gains that make the spectrum fit this GOP's true latents (none for T2V). */
    @Override
    public byte[] analyse(GopCondition c, float[][] trueLatent) {
        if (c.variant() == Variant.T2V || c.latentFrames() == 0) {
            return new byte[0]; // T2V sends only its prompt
        }
        int[] group = SpectralBands.gainGroup(c.geometry());
        float[] base = baseVariance(c);
        float[][] mean = means(c);
        double[] num = new double[SpectralBands.GAIN_GROUPS];
        double[] den = new double[SpectralBands.GAIN_GROUPS];
        for (int f = 0; f < mean.length; f++) {
            float w = positionWeight(c.variant(), c.alphas()[f]);
            for (int i = 0; i < base.length; i++) {
                double r = trueLatent[f][i] - mean[f][i];
                num[group[i]] += r * r;
                den[group[i]] += (double) base[i] * w;
            }
        }
        int[] q = new int[SpectralBands.GAIN_GROUPS];
        for (int k = 0; k < q.length; k++) {
            q[k] = den[k] > 0 ? GaussianGains.quantise(num[k] / den[k]) : GaussianGains.OFFSET;
        }
        return GaussianGains.write(q);
    }

    @Override
    public VelocityField open(GopCondition c, byte[] sideInfo) throws BitstreamException {
        GaussianTerms terms = terms(c, sideInfo);
        return (x, t, out) -> velocity(terms, x, t, out);
    }

    /** The closed-form velocity; float arithmetic in a fixed order, so it is bit-reproducible. */
    static void velocity(GaussianTerms terms, float[][] x, float t, float[][] out) {
        float a = 1f - t;
        float t2 = t * t;
        for (int f = 0; f < x.length; f++) {
            float[] m = terms.mean()[f], v = terms.variance()[f], xf = x[f], of = out[f];
            for (int i = 0; i < xf.length; i++) {
                float gain = a * v[i] / (a * a * v[i] + t2);
                float x0hat = m[i] + gain * (xf[i] - a * m[i]);
                of[i] = (xf[i] - x0hat) / t;
            }
        }
    }
}
