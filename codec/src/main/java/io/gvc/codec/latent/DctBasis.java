package io.gvc.codec.latent;

/**
 * The first {@code kept} rows of the orthonormal DCT-II matrix of length {@code n}:
 * C[k][x] = s_k cos(pi (2x + 1) k / (2n)), s_0 = sqrt(1/n), s_k = sqrt(2/n).
 * Computed with StrictMath so every platform builds the same table to the bit.
 */
final class DctBasis {

    final int n;
    final int kept;
    /** Row-major kept x n. */
    final float[] rows;

    DctBasis(int n, int kept) {
        this.n = n;
        this.kept = kept;
        this.rows = new float[kept * n];
        for (int k = 0; k < kept; k++) {
            double s = k == 0 ? StrictMath.sqrt(1.0 / n) : StrictMath.sqrt(2.0 / n);
            for (int x = 0; x < n; x++) {
                rows[k * n + x] = (float) (s * StrictMath.cos(StrictMath.PI * (2 * x + 1) * k / (2.0 * n)));
            }
        }
    }
}
