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

    /**
     * Fills {@code out} with {@code out.length} integer levels of the sequence (purpose, step, frame,
     * atom) of GOP {@code gop}.
     */
    public static void levels(Philox4x32 rng, long gop, int purpose, int step, int latentFrame, int atom, int[] out) {
        int c2 = c2(purpose, step, latentFrame);
        int c3 = (int) gop;
        int[] block = new int[4];
        int n = out.length;
        int full = n & ~3;
        for (int e = 0; e < full; e += 4) {
            rng.block(e >>> 2, atom, c2, c3, block);
            out[e] = GaussianMapping.level(block[0]);
            out[e + 1] = GaussianMapping.level(block[1]);
            out[e + 2] = GaussianMapping.level(block[2]);
            out[e + 3] = GaussianMapping.level(block[3]);
        }
        if (full < n) {
            rng.block(full >>> 2, atom, c2, c3, block);
            for (int e = full; e < n; e++) {
                out[e] = GaussianMapping.level(block[e - full]);
            }
        }
    }
}
