package io.gvc.codec.atoms;

/**
 * The encoder's choice of a step's atoms (GVC-ALGORITHM.md section 3): which M codebook atoms, with
 * which signs, steer the residual. The seam for another search engine, such as one on a GPU in a
 * module of its own (the engine stays free of native code): implement this and hand its
 * {@link Factory} to {@link io.gvc.codec.GopEncoder} or {@link io.gvc.codec.GopAtomCoder}.
 *
 * <p>What an implementation may and may not change: the decoder never searches, it regenerates the
 * chosen atoms from the PRNG, so any choice decodes to exactly the reconstruction the encoder
 * reports. But the choice is the bitstream: an engine whose products round differently from
 * {@link AtomSearch} (float order on a GPU) codes different bytes, so a live encoder and a file
 * encoder agree byte for byte only when both use the same engine.
 */
public interface AtomSelector {

    /**
     * The {@code m} atoms of GOP {@code gop}'s codebook at sampler {@code step} and latent frame
     * {@code frame} that best match {@code residual}, in increasing index order with their signs.
     */
    AtomChoice select(long gop, int step, int frame, float[] residual, int m);

    /** Makes a coder's selector for its codebook (a coder searches its frames on its own threads). */
    @FunctionalInterface
    interface Factory {

        /** The plain-Java search, on the calling thread: the reference every other engine is measured against. */
        Factory JAVA = codebook -> new AtomSearch(codebook, null, 1);

        AtomSelector create(Codebook codebook);
    }
}
