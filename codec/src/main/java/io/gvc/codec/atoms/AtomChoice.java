package io.gvc.codec.atoms;

/**
 * The atoms chosen for one stochastic step and latent frame: indices in increasing order and a sign
 * per index (true = subtract the atom). This is exactly what the bitstream carries.
 */
public record AtomChoice(int[] indices, boolean[] negative) {

    public AtomChoice {
        if (indices.length != negative.length) {
            throw new IllegalArgumentException("one sign per index");
        }
        for (int i = 1; i < indices.length; i++) {
            if (indices[i] <= indices[i - 1]) {
                throw new IllegalArgumentException("atom indices must be strictly increasing");
            }
        }
        indices = indices.clone();
        negative = negative.clone();
    }

    public int count() {
        return indices.length;
    }
}
