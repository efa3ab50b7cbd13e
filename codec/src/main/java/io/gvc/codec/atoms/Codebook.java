package io.gvc.codec.atoms;

import io.gvc.codec.prng.GaussianMapping;
import io.gvc.codec.prng.NoiseDomain;
import io.gvc.codec.prng.Philox4x32;

/**
 * The seeded Gaussian codebook of one stream: K atoms per (GOP, step, latent frame), each a vector of
 * D i.i.d. normals from {@link NoiseDomain}. Never materialised: the encoder fuses generation into
 * the inner product ({@link #correlate}), the decoder generates only the atoms it was told
 * ({@link #synthesise}).
 */
public final class Codebook {

    private final Philox4x32 rng;
    private final int size;

    public Codebook(long seed, int size) {
        if (size < 1) {
            throw new IllegalArgumentException("codebook size must be >= 1");
        }
        this.rng = Philox4x32.forSeed(seed);
        this.size = size;
    }

    public int size() {
        return size;
    }

    /**
     * c_k = &lt;atom_k, r&gt; for atoms [from, to), written to {@code out[k]}. Each value depends only
     * on its own atom, so any split of the range over threads gives the same array.
     */
    public void correlate(long gop, int step, int frame, float[] r, int from, int to, float[] out) {
        NoiseDomain.Sequence seq = NoiseDomain.sequence(gop, NoiseDomain.PURPOSE_ATOM, step, frame);
        int d = r.length;
        int full = d & ~3;
        int[] b = new int[4];
        for (int k = from; k < to; k++) {
            // four partial sums in a fixed order: deterministic, and independent chains for the CPU
            float s0 = 0f, s1 = 0f, s2 = 0f, s3 = 0f;
            for (int e = 0; e < full; e += 4) {
                seq.block(rng, e, k, b);
                s0 += GaussianMapping.level(b[0]) * r[e];
                s1 += GaussianMapping.level(b[1]) * r[e + 1];
                s2 += GaussianMapping.level(b[2]) * r[e + 2];
                s3 += GaussianMapping.level(b[3]) * r[e + 3];
            }
            if (full < d) {
                seq.block(rng, full, k, b);
                for (int e = full; e < d; e++) {
                    s0 += GaussianMapping.level(b[e - full]) * r[e];
                }
            }
            out[k] = ((s0 + s1) + (s2 + s3)) * GaussianMapping.LEVEL_SCALE;
        }
    }

    /**
     * z = (sum_k s_k atom_k) / sqrt(M), the unit-variance noise of the chosen atoms. The sum runs over
     * exact integer levels, so it cannot depend on order; the one scaling at the end is the only
     * rounding. With no atoms, z = 0 (a plain ODE step).
     */
    public void synthesise(long gop, int step, int frame, AtomChoice choice, float[] z) {
        int d = z.length;
        int[] acc = new int[d];
        int[] lv = new int[d];
        for (int j = 0; j < choice.count(); j++) {
            NoiseDomain.levels(rng, gop, NoiseDomain.PURPOSE_ATOM, step, frame, choice.indices()[j], lv);
            if (choice.negative()[j]) {
                for (int i = 0; i < d; i++) {
                    acc[i] -= lv[i];
                }
            } else {
                for (int i = 0; i < d; i++) {
                    acc[i] += lv[i];
                }
            }
        }
        float scale = choice.count() == 0 ? 0f : (float) (1.0 / Math.sqrt(8.0 * choice.count()));
        for (int i = 0; i < d; i++) {
            z[i] = acc[i] * scale;
        }
    }

    /** The free starting noise x(t = 1) of a latent frame: costs no bits. */
    public void startNoise(long gop, int frame, float[] x) {
        int[] lv = new int[x.length];
        NoiseDomain.levels(rng, gop, NoiseDomain.PURPOSE_START, 0, frame, 0, lv);
        for (int i = 0; i < x.length; i++) {
            x[i] = lv[i] * GaussianMapping.LEVEL_SCALE;
        }
    }
}
