package io.gvc.codec.prng;

/**
 * Philox4x32-10 (Salmon et al., "Parallel random numbers: as easy as 1, 2, 3", SC 2011): a
 * counter-based generator. Output block i is a pure function of (counter, key), so any element of
 * any atom can be generated on its own, in any order, on any thread, and encoder and decoder agree
 * to the bit. Only 32-bit integer arithmetic: identical on every JVM.
 *
 * <p>The ten round keys are precomputed once per key, because the key (the stream seed) is fixed
 * for a whole stream while the counter changes on every call.
 */
public final class Philox4x32 {

    static final int M0 = 0xD2511F53;
    static final int M1 = 0xCD9E8D57;
    static final int W0 = 0x9E3779B9;
    static final int W1 = 0xBB67AE85;
    static final int ROUNDS = 10;

    private final int[] roundKey0 = new int[ROUNDS];
    private final int[] roundKey1 = new int[ROUNDS];

    public Philox4x32(int key0, int key1) {
        int k0 = key0, k1 = key1;
        for (int r = 0; r < ROUNDS; r++) {
            roundKey0[r] = k0;
            roundKey1[r] = k1;
            k0 += W0;
            k1 += W1;
        }
    }

    /** A generator keyed by a 64-bit seed (low word first). */
    public static Philox4x32 forSeed(long seed) {
        return new Philox4x32((int) seed, (int) (seed >>> 32));
    }

    /** Computes the block for counter (c0, c1, c2, c3) into {@code out[0..3]}. */
    public void block(int c0, int c1, int c2, int c3, int[] out) {
        for (int r = 0; r < ROUNDS; r++) {
            long p0 = (M0 & 0xFFFFFFFFL) * (c0 & 0xFFFFFFFFL);
            long p1 = (M1 & 0xFFFFFFFFL) * (c2 & 0xFFFFFFFFL);
            int n0 = (int) (p1 >>> 32) ^ c1 ^ roundKey0[r];
            int n2 = (int) (p0 >>> 32) ^ c3 ^ roundKey1[r];
            c1 = (int) p1;
            c3 = (int) p0;
            c0 = n0;
            c2 = n2;
        }
        out[0] = c0;
        out[1] = c1;
        out[2] = c2;
        out[3] = c3;
    }
}
