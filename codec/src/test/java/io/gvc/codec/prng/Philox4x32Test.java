package io.gvc.codec.prng;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class Philox4x32Test {

    /** Known answers of the Random123 suite (GVC-ALGORITHM.md section 9). */
    @Test
    void reproducesRandom123KnownAnswers() {
        check(new int[] {0, 0, 0, 0}, 0, 0, new int[] {0x6627e8d5, 0xe169c58d, 0xbc57ac4c, 0x9b00dbd8});
        check(new int[] {-1, -1, -1, -1}, -1, -1, new int[] {0x408f276d, 0x41c83b0e, 0xa20bc7c6, 0x6d5451fd});
        check(new int[] {0x243f6a88, 0x85a308d3, 0x13198a2e, 0x03707344}, 0xa4093822, 0x299f31d0,
                new int[] {0xd16cfe09, 0x94fdcceb, 0x5001e420, 0x24126ea1});
    }

    private static void check(int[] ctr, int k0, int k1, int[] expected) {
        int[] out = new int[4];
        new Philox4x32(k0, k1).block(ctr[0], ctr[1], ctr[2], ctr[3], out);
        assertArrayEquals(expected, out);
    }

    /** The project's own vector: the first levels of atom 5, step 2, frame 1, GOP 7, seed 42. */
    @Test
    void publishedNoiseVector() {
        int[] lv = new int[10];
        NoiseDomain.levels(Philox4x32.forSeed(42), 7, NoiseDomain.PURPOSE_ATOM, 2, 1, 5, lv);
        int[] again = new int[10];
        NoiseDomain.levels(Philox4x32.forSeed(42), 7, NoiseDomain.PURPOSE_ATOM, 2, 1, 5, again);
        assertArrayEquals(lv, again);
        // random access: element 6 alone equals element 6 of the sequence
        int[] block = new int[4];
        Philox4x32.forSeed(42).block(1, 5, NoiseDomain.c2(NoiseDomain.PURPOSE_ATOM, 2, 1), 7, block);
        assertEquals(Integer.bitCount(block[2]) - 16, lv[6]);
        assertArrayEquals(PUBLISHED, lv, "docs/bitstream.md publishes these levels");
    }

    static final int[] PUBLISHED = {-3, 0, 1, -5, 2, 1, 0, 0, -2, -4};

    @Test
    void levelsHaveUnitVarianceAfterScaling() {
        int n = 1 << 16;
        int[] lv = new int[n];
        NoiseDomain.levels(Philox4x32.forSeed(1), 0, NoiseDomain.PURPOSE_START, 0, 0, 0, lv);
        double s = 0, s2 = 0;
        for (int v : lv) {
            double x = v * GaussianMapping.LEVEL_SCALE;
            s += x;
            s2 += x * x;
        }
        assertEquals(0.0, s / n, 0.02);
        assertEquals(1.0, s2 / n, 0.02);
    }
}
