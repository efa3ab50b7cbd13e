package io.gvc.codec.fuzz;

import io.gvc.codec.prng.Philox4x32;

/**
 * The fuzzer's random choices, from the project's counter-based PRNG (never the JDK generators in
 * codec code): the Philox block of counter (n, 0, 0, 0) under the mutation's seed, word by word.
 * Same seed, same mutation, on any machine and JDK.
 */
public final class MutationRandom {

    private final Philox4x32 philox;
    private final int[] block = new int[4];
    private int counter;
    private int used = 4;

    public MutationRandom(long seed) {
        this.philox = Philox4x32.forSeed(seed);
    }

    private int nextWord() {
        if (used == 4) {
            philox.block(counter++, 0, 0, 0, block);
            used = 0;
        }
        return block[used++];
    }

    /** Uniform in [0, bound) by the high word of a 32x32-bit product (bound >= 1). */
    public int nextInt(int bound) {
        if (bound < 1) {
            throw new IllegalArgumentException("bound must be >= 1, got " + bound);
        }
        return (int) (((nextWord() & 0xFFFFFFFFL) * bound) >>> 32);
    }

    public boolean nextBoolean() {
        return nextWord() < 0;
    }

    public void nextBytes(byte[] out) {
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) nextWord();
        }
    }
}
