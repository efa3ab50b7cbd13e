package io.gvc.codec.bitstream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gvc.codec.atoms.AtomChoice;
import java.math.BigInteger;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The combinatorial number system of the atom index sets (GVC-ALGORITHM.md section 3). */
class RankCoderTest {

    @Test
    void binomialMatchesPascal() {
        BigInteger[][] pascal = new BigInteger[41][41];
        for (int n = 0; n <= 40; n++) {
            for (int k = 0; k <= n; k++) {
                pascal[n][k] = k == 0 || k == n ? BigInteger.ONE : pascal[n - 1][k - 1].add(pascal[n - 1][k]);
            }
        }
        for (int n = 0; n <= 40; n++) {
            for (int k = 0; k <= n; k++) {
                assertEquals(pascal[n][k], RankCoder.binomial(n, k), "C(" + n + ", " + k + ")");
            }
            assertEquals(BigInteger.ZERO, RankCoder.binomial(n, n + 1));
            assertEquals(BigInteger.ZERO, RankCoder.binomial(n, -1));
        }
    }

    /** Every subset of [0, K) for K <= 12: rank is a bijection of the M-subsets onto [0, C(K, M)). */
    @Test
    void exhaustiveBijectionForSmallK() throws BitstreamException {
        for (int k = 1; k <= 12; k++) {
            int[] seenPerM = new int[k + 1];
            boolean[][] hit = new boolean[k + 1][];
            for (int m = 0; m <= k; m++) {
                hit[m] = new boolean[RankCoder.binomial(k, m).intValueExact()];
            }
            for (int mask = 0; mask < 1 << k; mask++) {
                int m = Integer.bitCount(mask);
                int[] set = new int[m];
                for (int i = 0, j = 0; i < k; i++) {
                    if ((mask >>> i & 1) != 0) {
                        set[j++] = i;
                    }
                }
                BigInteger r = RankCoder.rank(set);
                assertTrue(r.signum() >= 0, "rank >= 0");
                int ri = r.intValueExact();
                assertTrue(ri < hit[m].length, "rank " + ri + " < C(" + k + ", " + m + ")");
                assertFalse(hit[m][ri], "rank " + ri + " given twice for K=" + k + " M=" + m);
                hit[m][ri] = true;
                seenPerM[m]++;
                assertArrayEquals(set, RankCoder.unrank(r, k, m), "unrank(rank(s)) for K=" + k + " mask=" + mask);
            }
            for (int m = 0; m <= k; m++) {
                assertEquals(hit[m].length, seenPerM[m], "all C(K, M) ranks reached");
                int bits = RankCoder.indexBits(k, m);
                assertEquals(ceilLog2(RankCoder.binomial(k, m)), bits, "indexBits(" + k + ", " + m + ")");
                // and the largest rank fits those bits
                assertTrue(BigInteger.valueOf(hit[m].length - 1L).bitLength() <= bits);
            }
        }
    }

    @Test
    void indexBitsIsCeilLog2() {
        assertEquals(0, RankCoder.indexBits(16384, 0));
        assertEquals(0, RankCoder.indexBits(7, 7));
        assertEquals(14, RankCoder.indexBits(16384, 1));
        assertEquals(10, RankCoder.indexBits(1024, 1));
        assertEquals(10, RankCoder.indexBits(1000, 1)); // ceil(log2 1000)
        assertEquals(1, RankCoder.indexBits(2, 1));
        assertEquals(2, RankCoder.indexBits(3, 1));
        int[][] cases = {{16384, 64}, {1024, 8}, {1024, 2}, {4096, 128}, {33, 16}};
        for (int[] c : cases) {
            assertEquals(ceilLog2(RankCoder.binomial(c[0], c[1])), RankCoder.indexBits(c[0], c[1]));
        }
    }

    /**
     * The paper's figure: K = 16384, M = 64 costs ceil(log2 C(16384, 64)) = 600 index bits plus 64 sign
     * bits = 664 bits per step and latent frame (log2 C = 599.83), against 960 for raw indices.
     */
    @Test
    void paperRate() {
        assertEquals(600, RankCoder.indexBits(16384, 64));
        assertEquals(664, AtomPayload.bitsPerChoice(16384, 64));
        assertEquals(ceilLog2(RankCoder.binomial(16384, 64)) + 64, AtomPayload.bitsPerChoice(16384, 64));
    }

    /** Random sets of 64 out of 16384 through BitWriter / AtomPayload / BitReader, packed back to back. */
    @Test
    void largeRandomSetsRoundTripThroughThePayload() throws BitstreamException {
        int k = 16384, m = 64, n = 300;
        Random rnd = new Random(20260101L);
        AtomChoice[] choices = new AtomChoice[n];
        BitWriter w = new BitWriter();
        w.writeBits(5, 3); // misalign the payload on purpose
        for (int c = 0; c < n; c++) {
            TreeSet<Integer> set = new TreeSet<>();
            // include the extremes now and then
            if (c % 50 == 0) {
                set.add(0);
                set.add(k - 1);
            }
            while (set.size() < m) {
                set.add(rnd.nextInt(k));
            }
            int[] idx = set.stream().mapToInt(Integer::intValue).toArray();
            boolean[] neg = new boolean[m];
            for (int i = 0; i < m; i++) {
                neg[i] = rnd.nextBoolean();
            }
            choices[c] = new AtomChoice(idx, neg);
            long before = w.bitCount();
            AtomPayload.write(w, choices[c], k);
            assertEquals(664, w.bitCount() - before, "fixed-length code");
        }
        assertEquals(3 + 664L * n, w.bitCount());
        BitReader r = new BitReader(w.toByteArray(), w.bitCount(), "atoms");
        assertEquals(5, r.readBits(3));
        for (int c = 0; c < n; c++) {
            AtomChoice back = AtomPayload.read(r, k, m);
            assertArrayEquals(choices[c].indices(), back.indices(), "choice " + c);
            assertArrayEquals(choices[c].negative(), back.negative(), "signs of choice " + c);
        }
        assertEquals(0, r.remaining());
    }

    /** The extreme sets map to the extreme ranks. */
    @Test
    void extremeRanks() throws BitstreamException {
        int k = 16384, m = 64;
        int[] low = new int[m], high = new int[m];
        for (int i = 0; i < m; i++) {
            low[i] = i;
            high[i] = k - m + i;
        }
        assertEquals(BigInteger.ZERO, RankCoder.rank(low));
        BigInteger top = RankCoder.binomial(k, m).subtract(BigInteger.ONE);
        assertEquals(top, RankCoder.rank(high));
        assertArrayEquals(high, RankCoder.unrank(top, k, m));
        assertArrayEquals(low, RankCoder.unrank(BigInteger.ZERO, k, m));
    }

    @Test
    void rankOutsideRangeIsABitstreamError() {
        int[][] cases = {{16384, 64}, {10, 3}, {5, 5}, {5, 0}};
        for (int[] c : cases) {
            BigInteger count = RankCoder.binomial(c[0], c[1]);
            BitstreamException e = assertThrows(BitstreamException.class, () -> RankCoder.unrank(count, c[0], c[1]));
            assertEquals("atoms.rank", e.field());
            assertThrows(BitstreamException.class, () -> RankCoder.unrank(count.add(BigInteger.TEN), c[0], c[1]));
            assertThrows(BitstreamException.class, () -> RankCoder.unrank(BigInteger.ONE.negate(), c[0], c[1]));
        }
        // a payload whose rank field holds C(K, M) .. 2^bits - 1 is rejected on reading
        int k = 10, m = 3; // C = 120, 7 bits: 120..127 are invalid
        for (int bad = 120; bad < 128; bad++) {
            BitWriter w = new BitWriter();
            w.writeBits(bad, 7);
            w.writeBits(0, 3);
            BitReader r = new BitReader(w.toByteArray(), w.bitCount(), "packet.atoms");
            assertThrows(BitstreamException.class, () -> AtomPayload.read(r, k, m));
        }
    }

    @Test
    void rankRejectsUnsortedIndices() {
        assertThrows(IllegalArgumentException.class, () -> RankCoder.rank(new int[] {3, 3}));
        assertThrows(IllegalArgumentException.class, () -> RankCoder.rank(new int[] {4, 2}));
    }

    private static int ceilLog2(BigInteger n) {
        // smallest b with 2^b >= n
        int b = 0;
        while (BigInteger.ONE.shiftLeft(b).compareTo(n) < 0) {
            b++;
        }
        return b;
    }
}
