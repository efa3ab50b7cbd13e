package io.gvc.codec.atoms;

import java.util.Arrays;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * The encoder's search (GVC-ALGORITHM.md section 3): all K inner products of the codebook with the
 * residual, then the M atoms of largest |c_k| with their signs. Ties go to the lower index. The
 * K products are split over threads in chunks; each product is computed by one thread alone, so
 * the choice does not depend on the thread count.
 */
public final class AtomSearch implements AtomSelector {

    private static final int CHUNK = 64;

    private final Codebook codebook;
    private final ExecutorService pool; // null: run on the calling thread
    private final int threads;

    public AtomSearch(Codebook codebook, ExecutorService pool, int threads) {
        this.codebook = codebook;
        this.pool = threads > 1 ? pool : null;
        this.threads = Math.max(1, threads);
    }

    @Override
    public AtomChoice select(long gop, int step, int frame, float[] residual, int m) {
        int k = codebook.size();
        if (m < 0 || m > k) {
            throw new IllegalArgumentException("M = " + m + " must be within 0..K = " + k);
        }
        float[] c = new float[k];
        correlateAll(gop, step, frame, residual, c);
        return topM(c, m);
    }

    private void correlateAll(long gop, int step, int frame, float[] r, float[] c) {
        int k = c.length;
        if (pool == null || k < 2 * CHUNK) {
            codebook.correlate(gop, step, frame, r, 0, k, c);
            return;
        }
        int chunks = (k + CHUNK - 1) / CHUNK;
        Future<?>[] jobs = new Future<?>[threads];
        java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
        for (int t = 0; t < threads; t++) {
            jobs[t] = pool.submit(() -> {
                int ch;
                while ((ch = next.getAndIncrement()) < chunks) {
                    int from = ch * CHUNK;
                    codebook.correlate(gop, step, frame, r, from, Math.min(k, from + CHUNK), c);
                }
            });
        }
        for (Future<?> j : jobs) {
            try {
                j.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("atom search interrupted", e);
            } catch (ExecutionException e) {
                throw new IllegalStateException("atom search failed", e.getCause());
            }
        }
    }

    /** The M largest |c_k|, ties to the lower index, returned in increasing index order. */
    static AtomChoice topM(float[] c, int m) {
        int k = c.length;
        // key: |c| bits (monotone for non-negative floats) high, reversed index low, so that the
        // largest keys are the largest magnitudes and, among equals, the lowest indices
        long[] keys = new long[k];
        for (int i = 0; i < k; i++) {
            long mag = Float.floatToIntBits(Math.abs(c[i])) & 0x7FFFFFFFL;
            keys[i] = (mag << 32) | (k - 1 - i);
        }
        Arrays.sort(keys);
        int[] idx = new int[m];
        for (int j = 0; j < m; j++) {
            idx[j] = k - 1 - (int) (keys[k - 1 - j] & 0xFFFFFFFFL);
        }
        Arrays.sort(idx);
        boolean[] neg = new boolean[m];
        for (int j = 0; j < m; j++) {
            neg[j] = c[idx[j]] < 0f;
        }
        return new AtomChoice(idx, neg);
    }
}
