package io.gvc.codec.prng;

/**
 * The counter layout: where every random number of a stream comes from. A normal value is fixed by
 * (seed, GOP, purpose, step, latent frame, atom, element) and nothing else, so the decoder can
 * regenerate atom k alone (random access) in O(D).
 *
 * <pre>
 *   key     = seed (64 bits)
 *   counter = (c0 = element / 4,  c1 = atom index,
 *              c2 = purpose << 24 | step << 12 | latent frame,  c3 = GOP seq (low 32 bits))
 *   element e is word (e mod 4) of that block
 * </pre>
 * Steps and latent frames are below 4096, purposes below 256 (checked where streams are configured).
 */
public final class NoiseDomain {

    /** Codebook atoms of the stochastic steps. */
    public static final int PURPOSE_ATOM = 1;
    /** The starting noise x(t = 1), free to both sides. */
    public static final int PURPOSE_START = 2;

    public static final int MAX_STEPS = 4096;
    public static final int MAX_LATENT_FRAMES = 4096;

    private NoiseDomain() {
    }

    public static int c2(int purpose, int step, int latentFrame) {
        if (step < 0 || step >= MAX_STEPS || latentFrame < 0 || latentFrame >= MAX_LATENT_FRAMES) {
            throw new IllegalArgumentException("step " + step + " / latent frame " + latentFrame + " out of range");
        }
        return purpose << 24 | step << 12 | latentFrame;
    }

    /** The sequence (purpose, step, latent frame) of GOP {@code gop}: the fixed half of its counters. */
    public static Sequence sequence(long gop, int purpose, int step, int latentFrame) {
        return new Sequence(c2(purpose, step, latentFrame), (int) gop);
    }

    /**
     * One sequence of the layout, c2 and c3 fixed; its blocks are addressed by (element, atom). The one
     * place that says which counter word holds what, for the decoder's {@link #levels} and the
     * encoder's fused correlation alike.
     */
    public record Sequence(int c2, int c3) {

        /** The block holding element {@code element} of atom {@code atom}: element e is word (e mod 4). */
        public void block(Philox4x32 rng, int element, int atom, int[] out) {
            rng.block(element >>> 2, atom, c2, c3, out);
        }
    }

    /**
     * Fills {@code out} with {@code out.length} integer levels of the sequence (purpose, step, frame,
     * atom) of GOP {@code gop}.
     */
    public static void levels(Philox4x32 rng, long gop, int purpose, int step, int latentFrame, int atom, int[] out) {
        Sequence seq = sequence(gop, purpose, step, latentFrame);
        int[] block = new int[4];
        int n = out.length;
        int full = n & ~3;
        for (int e = 0; e < full; e += 4) {
            seq.block(rng, e, atom, block);
            out[e] = GaussianMapping.level(block[0]);
            out[e + 1] = GaussianMapping.level(block[1]);
            out[e + 2] = GaussianMapping.level(block[2]);
            out[e + 3] = GaussianMapping.level(block[3]);
        }
        if (full < n) {
            seq.block(rng, full, atom, block);
            for (int e = full; e < n; e++) {
                out[e] = GaussianMapping.level(block[e - full]);
            }
        }
    }
}
