package io.gvc.codec.bitstream;

import java.math.BigInteger;

/**
 * Codes a set of M distinct atom indices out of K as its rank in the combinatorial number system
 * (GVC-ALGORITHM.md section 3): for sorted indices c_0 &lt; c_1 &lt; ... &lt; c_{M-1},
 * rank = sum_i C(c_i, i + 1), an integer in [0, C(K, M)). It is written in exactly
 * ceil(log2 C(K, M)) bits, the least a fixed-length code can use, about 300 bits fewer than raw
 * 14-bit indices at K = 16384, M = 64.
 */
public final class RankCoder {

    private RankCoder() {
    }

    /** C(n, k) exactly; 0 when k &gt; n. */
    public static BigInteger binomial(int n, int k) {
        if (k < 0 || k > n) {
            return BigInteger.ZERO;
        }
        k = Math.min(k, n - k);
        BigInteger r = BigInteger.ONE;
        for (int i = 1; i <= k; i++) {
            r = r.multiply(BigInteger.valueOf(n - k + i)).divide(BigInteger.valueOf(i));
        }
        return r;
    }

    /** Bits of one index set: ceil(log2 C(K, M)) (0 when there is only one set). */
    public static int indexBits(int k, int m) {
        BigInteger count = binomial(k, m);
        return count.subtract(BigInteger.ONE).bitLength();
    }

    /** Rank of a strictly increasing index set, each in [0, K). */
    public static BigInteger rank(int[] sortedIndices) {
        BigInteger r = BigInteger.ZERO;
        for (int i = 0; i < sortedIndices.length; i++) {
            if (i > 0 && sortedIndices[i] <= sortedIndices[i - 1]) {
                throw new IllegalArgumentException("indices must be strictly increasing");
            }
            r = r.add(binomial(sortedIndices[i], i + 1));
        }
        return r;
    }

    /** The index set of a rank; a rank outside [0, C(K, M)) is a bitstream error. */
    public static int[] unrank(BigInteger rank, int k, int m) throws BitstreamException {
        if (rank.signum() < 0 || rank.compareTo(binomial(k, m)) >= 0) {
            throw new BitstreamException("atoms.rank", "rank exceeds C(" + k + ", " + m + ")");
        }
        int[] out = new int[m];
        if (m == 0) {
            return out;
        }
        // Walk c down once from K-1, keeping b = C(c, i+1) by exact ratio updates instead of
        // recomputing a binomial per probe: O(K + M) small multiplications and divisions in all.
        BigInteger r = rank;
        int c = k - 1;
        BigInteger b = binomial(c, m);
        for (int i = m - 1; i >= 0; i--) {
            int sz = i + 1; // b = C(c, sz)
            while (b.compareTo(r) > 0) {
                // C(c-1, sz) = C(c, sz) (c - sz) / c
                b = b.multiply(BigInteger.valueOf(c - sz)).divide(BigInteger.valueOf(c));
                c--;
            }
            out[i] = c;
            r = r.subtract(b);
            if (i > 0) {
                // next: C(c-1, i) = C(c, i+1) (i+1) / c
                b = b.multiply(BigInteger.valueOf(sz)).divide(BigInteger.valueOf(c));
                c--;
            }
        }
        return out;
    }
}
