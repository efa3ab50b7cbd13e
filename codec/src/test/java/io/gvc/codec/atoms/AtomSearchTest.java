package io.gvc.codec.atoms;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gvc.codec.prng.GaussianMapping;
import io.gvc.codec.prng.NoiseDomain;
import io.gvc.codec.prng.Philox4x32;
import java.util.Random;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

/** The encoder's atom search and the codebook (GVC-ALGORITHM.md section 3). */
class AtomSearchTest {

    private static final long SEED = 0x5eed_1234_abcdL;

    // ---- topM by hand ----

    @Test
    void topMPicksLargestMagnitudesInIndexOrderWithSigns() {
        float[] c = {0.5f, -3f, 2f, 0f, -0.1f, 2.5f, -2.6f};
        AtomChoice a = AtomSearch.topM(c, 3);
        assertArrayEquals(new int[] {1, 5, 6}, a.indices());
        assertArrayEquals(new boolean[] {true, false, true}, a.negative());
        AtomChoice all = AtomSearch.topM(c, c.length);
        assertArrayEquals(new int[] {0, 1, 2, 3, 4, 5, 6}, all.indices());
        assertArrayEquals(new boolean[] {false, true, false, false, true, false, true}, all.negative());
        assertEquals(0, AtomSearch.topM(c, 0).count());
        assertArrayEquals(new int[] {1}, AtomSearch.topM(c, 1).indices());
    }

    @Test
    void tiesGoToTheLowerIndex() {
        // |c| equal at 1, 3, 4 (signs differ): with room for two, 1 and 3 win
        float[] c = {1f, 2f, 0.5f, -2f, 2f, 1f};
        assertArrayEquals(new int[] {1, 3}, AtomSearch.topM(c, 2).indices());
        assertArrayEquals(new boolean[] {false, true}, AtomSearch.topM(c, 2).negative());
        assertArrayEquals(new int[] {1, 3, 4}, AtomSearch.topM(c, 3).indices());
        // then the tie at 1.0 between 0 and 5
        assertArrayEquals(new int[] {0, 1, 3, 4}, AtomSearch.topM(c, 4).indices());
        // all equal: the first M
        float[] flat = new float[100];
        java.util.Arrays.fill(flat, -1f);
        assertArrayEquals(new int[] {0, 1, 2, 3, 4}, AtomSearch.topM(flat, 5).indices());
        float[] zeros = new float[10];
        zeros[7] = -0f; // -0 and +0 are the same magnitude
        assertArrayEquals(new int[] {0, 1, 2}, AtomSearch.topM(zeros, 3).indices());
    }

    /** topM against a plain reference on random arrays with many ties (values on a coarse grid). */
    @Test
    void topMMatchesReferenceOnRandomArrays() {
        Random rnd = new Random(3);
        for (int trial = 0; trial < 200; trial++) {
            int k = 1 + rnd.nextInt(300);
            float[] c = new float[k];
            for (int i = 0; i < k; i++) {
                c[i] = (rnd.nextInt(41) - 20) * 0.25f;
            }
            int m = rnd.nextInt(k + 1);
            // reference: repeatedly take the first index of the largest remaining magnitude
            boolean[] taken = new boolean[k];
            TreeSet<Integer> ref = new TreeSet<>();
            for (int j = 0; j < m; j++) {
                int best = -1;
                for (int i = 0; i < k; i++) {
                    if (!taken[i] && (best < 0 || Math.abs(c[i]) > Math.abs(c[best]))) {
                        best = i;
                    }
                }
                taken[best] = true;
                ref.add(best);
            }
            AtomChoice got = AtomSearch.topM(c, m);
            assertArrayEquals(ref.stream().mapToInt(Integer::intValue).toArray(), got.indices(), "trial " + trial);
            for (int j = 0; j < m; j++) {
                assertEquals(c[got.indices()[j]] < 0, got.negative()[j]);
            }
        }
    }

    // ---- the search with threads ----

    @Test
    void selectionDoesNotDependOnThreadCount() throws Exception {
        int k = 1024, d = 999; // odd D exercises the tail of a Philox block
        Codebook cb = new Codebook(SEED, k);
        float[] r = randomResidual(d, 5);
        AtomChoice one = new AtomSearch(cb, null, 1).select(9, 3, 2, r, 16);
        float[] c1 = new float[k];
        cb.correlate(9, 3, 2, r, 0, k, c1);
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            for (int threads : new int[] {2, 3}) {
                AtomChoice many = new AtomSearch(cb, pool, threads).select(9, 3, 2, r, 16);
                assertArrayEquals(one.indices(), many.indices(), threads + " threads");
                assertArrayEquals(one.negative(), many.negative(), threads + " threads");
            }
            // and M = K, M = 0 through the pool
            AtomChoice allOne = new AtomSearch(cb, null, 1).select(9, 3, 2, r, k);
            AtomChoice allThree = new AtomSearch(cb, pool, 3).select(9, 3, 2, r, k);
            assertArrayEquals(allOne.negative(), allThree.negative());
            assertEquals(0, new AtomSearch(cb, pool, 2).select(9, 3, 2, r, 0).count());
        } finally {
            pool.shutdownNow();
        }
        // the split of the range does not matter either
        float[] c2 = new float[k];
        for (int from = 0; from < k; from += 100) {
            cb.correlate(9, 3, 2, r, from, Math.min(k, from + 100), c2);
        }
        assertArrayEquals(c1, c2);
        assertArrayEquals(AtomSearch.topM(c1, 16).indices(), one.indices());
    }

    @Test
    void mOutsideRangeIsRejected() {
        AtomSearch s = new AtomSearch(new Codebook(SEED, 8), null, 1);
        float[] r = new float[5];
        assertThrows(IllegalArgumentException.class, () -> s.select(0, 0, 0, r, 9));
        assertThrows(IllegalArgumentException.class, () -> s.select(0, 0, 0, r, -1));
    }

    // ---- the codebook against atoms built directly ----

    @Test
    void correlateEqualsDirectDotProduct() {
        Philox4x32 rng = Philox4x32.forSeed(SEED);
        for (int d : new int[] {1, 3, 4, 999, 1000}) {
            int k = 40;
            long gop = 123_456_789_012L; // only the low 32 bits reach the counter
            Codebook cb = new Codebook(SEED, k);
            float[] r = randomResidual(d, d);
            float[] c = new float[k];
            cb.correlate(gop, 7, 5, r, 0, k, c);
            int[] lv = new int[d];
            for (int a = 0; a < k; a++) {
                NoiseDomain.levels(rng, gop, NoiseDomain.PURPOSE_ATOM, 7, 5, a, lv);
                double dot = 0, l1 = 0;
                for (int i = 0; i < d; i++) {
                    double atom = lv[i] * (double) GaussianMapping.LEVEL_SCALE;
                    dot += atom * r[i];
                    l1 += Math.abs(atom * r[i]);
                }
                assertEquals(dot, c[a], 1e-4 * Math.max(l1, 1e-6), "atom " + a + ", D = " + d);
            }
        }
    }

    @Test
    void atomsDependOnEveryCoordinate() {
        int k = 4, d = 64;
        Codebook cb = new Codebook(SEED, k);
        float[] r = randomResidual(d, 1);
        float[] base = new float[k];
        cb.correlate(1, 2, 3, r, 0, k, base);
        float[][] others = new float[5][k];
        cb.correlate(2, 2, 3, r, 0, k, others[0]); // GOP
        cb.correlate(1, 3, 3, r, 0, k, others[1]); // step
        cb.correlate(1, 2, 4, r, 0, k, others[2]); // latent frame
        new Codebook(SEED + 1, k).correlate(1, 2, 3, r, 0, k, others[3]); // seed
        cb.correlate(1L + (1L << 32), 2, 3, r, 0, k, others[4]); // GOP seq above 32 bits wraps (documented)
        for (int o = 0; o < 4; o++) {
            assertTrue(!java.util.Arrays.equals(base, others[o]), "coordinate " + o + " changes the atoms");
        }
        assertArrayEquals(base, others[4], "the counter holds the GOP's low 32 bits");
    }

    @Test
    void synthesiseEqualsSignedSumOfAtomsOverSqrtM() {
        int k = 1024, d = 999;
        Codebook cb = new Codebook(SEED, k);
        Philox4x32 rng = Philox4x32.forSeed(SEED);
        AtomChoice choice = new AtomChoice(new int[] {0, 17, 500, 1023}, new boolean[] {false, true, true, false});
        float[] z = new float[d];
        cb.synthesise(4, 6, 1, choice, z);
        double[] direct = new double[d];
        int[] lv = new int[d];
        for (int j = 0; j < choice.count(); j++) {
            NoiseDomain.levels(rng, 4, NoiseDomain.PURPOSE_ATOM, 6, 1, choice.indices()[j], lv);
            for (int i = 0; i < d; i++) {
                double a = lv[i] * (double) GaussianMapping.LEVEL_SCALE;
                direct[i] += choice.negative()[j] ? -a : a;
            }
        }
        for (int i = 0; i < d; i++) {
            assertEquals(direct[i] / Math.sqrt(choice.count()), z[i], 1e-5, "element " + i);
        }
        // no atoms: z = 0
        float[] z0 = new float[d];
        java.util.Arrays.fill(z0, 7f);
        cb.synthesise(4, 6, 1, new AtomChoice(new int[0], new boolean[0]), z0);
        for (float v : z0) {
            assertEquals(0f, v);
        }
        // a single atom regenerated alone equals the atom the search correlated against
        float[] one = new float[d];
        cb.synthesise(4, 6, 1, new AtomChoice(new int[] {17}, new boolean[] {false}), one);
        float[] r = randomResidual(d, 99);
        float[] c = new float[k];
        cb.correlate(4, 6, 1, r, 0, k, c);
        double dot = 0;
        for (int i = 0; i < d; i++) {
            dot += (double) one[i] * r[i];
        }
        assertEquals(dot, c[17], 1e-3);
    }

    /**
     * The chosen atoms' combined z points towards the residual: &lt;z, r&gt; = sum |c_k| / sqrt(M) over the
     * chosen k, which is positive and at least that of any other M atoms with their best signs.
     */
    @Test
    void chosenNoiseCorrelatesWithTheResidual() {
        int k = 1024, d = 999, m = 8;
        Codebook cb = new Codebook(SEED, k);
        AtomSearch search = new AtomSearch(cb, null, 1);
        Random rnd = new Random(17);
        for (int trial = 0; trial < 5; trial++) {
            float[] r = randomResidual(d, 100 + trial);
            AtomChoice choice = search.select(trial, 0, 0, r, m);
            assertEquals(m, choice.count());
            float[] z = new float[d];
            cb.synthesise(trial, 0, 0, choice, z);
            double zr = 0, zz = 0, rr = 0;
            for (int i = 0; i < d; i++) {
                zr += (double) z[i] * r[i];
                zz += (double) z[i] * z[i];
                rr += (double) r[i] * r[i];
            }
            double cos = zr / Math.sqrt(zz * rr);
            assertTrue(zr > 0, "<z, r> = " + zr);
            // top 8 of 1024 Gaussian correlations average about 2.9 sigma: cos ~ 2.9 sqrt(8 / 999) = 0.26
            assertTrue(cos > 0.15, "cosine " + cos);
            float[] c = new float[k];
            cb.correlate(trial, 0, 0, r, 0, k, c);
            double chosenSum = 0;
            for (int idx : choice.indices()) {
                chosenSum += Math.abs(c[idx]);
            }
            assertEquals(chosenSum / Math.sqrt(m), zr, 1e-3 * chosenSum);
            for (int other = 0; other < 50; other++) {
                TreeSet<Integer> set = new TreeSet<>();
                while (set.size() < m) {
                    set.add(rnd.nextInt(k));
                }
                double s = 0;
                for (int idx : set) {
                    s += Math.abs(c[idx]);
                }
                assertTrue(s <= chosenSum, "a random subset beat the top-M choice");
            }
        }
    }

    @Test
    void startNoiseHasUnitVarianceAndDiffersFromAtoms() {
        Codebook cb = new Codebook(SEED, 16);
        float[] x = new float[20_000];
        cb.startNoise(3, 0, x);
        double s = 0, s2 = 0;
        for (float v : x) {
            s += v;
            s2 += v * v;
        }
        assertEquals(0, s / x.length, 0.03);
        assertEquals(1, s2 / x.length, 0.04);
        float[] x1 = new float[20_000];
        cb.startNoise(3, 1, x1);
        assertTrue(!java.util.Arrays.equals(x, x1), "each latent frame has its own start noise");
    }

    private static float[] randomResidual(int d, long seed) {
        Random rnd = new Random(seed);
        float[] r = new float[d];
        for (int i = 0; i < d; i++) {
            r[i] = (float) rnd.nextGaussian();
        }
        return r;
    }
}
