package io.gvc.codec.latent;

/**
 * The separable 2-D transform both DCT latents use: a plane of n_x x n_y pixels to a block of
 * k_x x k_y values through one k x n row-major matrix per axis (rows first, then columns), and back
 * with the transposes. The summation order is fixed here, once, so encoder and decoder (and every
 * latent built on it) compute the same floats on every platform.
 */
final class SeparableTransform {

    private SeparableTransform() {
    }

    /**
     * out[off + j kx + i] = scale * sum_y colMat[j][y] sum_x rowMat[i][x] px[y][x].
     *
     * @param rowMat kx x w, row-major
     * @param colMat ky x h, row-major
     */
    static void forward(float[] px, int w, int h, float[] rowMat, int kx, float[] colMat, int ky, float scale,
                        float[] out, int off) {
        // rows first: tmp[y][i] = sum_x px[y][x] rowMat[i][x]
        float[] tmp = new float[h * kx];
        for (int y = 0; y < h; y++) {
            int rowOff = y * w;
            for (int i = 0; i < kx; i++) {
                int bOff = i * w;
                float s = 0f;
                for (int x = 0; x < w; x++) {
                    s += px[rowOff + x] * rowMat[bOff + x];
                }
                tmp[y * kx + i] = s;
            }
        }
        // then columns: out[j][i] = sum_y colMat[j][y] tmp[y][i]
        for (int j = 0; j < ky; j++) {
            int bOff = j * h;
            for (int i = 0; i < kx; i++) {
                float s = 0f;
                for (int y = 0; y < h; y++) {
                    s += colMat[bOff + y] * tmp[y * kx + i];
                }
                out[off + j * kx + i] = s * scale;
            }
        }
    }

    /** The transpose of {@link #forward}: a w x h plane from the block at {@code off}, divided by scale. */
    static float[] inverse(float[] block, int off, int w, int h, float[] rowMat, int kx, float[] colMat, int ky,
                           float scale) {
        // tmp[j][x] = sum_i block[j][i] rowMat[i][x]
        float[] tmp = new float[ky * w];
        for (int j = 0; j < ky; j++) {
            for (int i = 0; i < kx; i++) {
                float c = block[off + j * kx + i] / scale;
                if (c == 0f) {
                    continue;
                }
                int bOff = i * w, tOff = j * w;
                for (int x = 0; x < w; x++) {
                    tmp[tOff + x] += c * rowMat[bOff + x];
                }
            }
        }
        // out[y][x] = sum_j colMat[j][y] tmp[j][x]
        float[] out = new float[h * w];
        for (int y = 0; y < h; y++) {
            int oOff = y * w;
            for (int j = 0; j < ky; j++) {
                float c = colMat[j * h + y];
                int tOff = j * w;
                for (int x = 0; x < w; x++) {
                    out[oOff + x] += c * tmp[tOff + x];
                }
            }
        }
        return out;
    }
}
