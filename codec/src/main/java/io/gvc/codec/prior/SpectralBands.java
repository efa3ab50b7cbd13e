package io.gvc.codec.prior;

import io.gvc.codec.latent.LatentGeometry;

/**
 * Groups latent coefficients into frequency bands, the unit in which the Gaussian prior's spectrum
 * is fitted and its per-GOP gains are sent. A band is a range of radial frequency in cycles per
 * sample, so the same table serves every picture size.
 *
 * <pre>
 *   band 0: DC            band 4: (1/16, 1/8]
 *   band 1: (0, 1/64]     band 5: (1/8, 1/4]
 *   band 2: (1/64, 1/32]  band 6: (1/4, 1/2]
 *   band 3: (1/32, 1/16]  band 7: above 1/2 (diagonal corners)
 * </pre>
 * Plane classes: 0 = luma, 1 = chroma (U and V share a spectrum).
 */
public final class SpectralBands {

    public static final int BANDS = 8;
    public static final int PLANE_CLASSES = 2;
    static final double[] UPPER_EDGES = {0.0, 1.0 / 64, 1.0 / 32, 1.0 / 16, 1.0 / 8, 1.0 / 4, 1.0 / 2};

    /**
     * Gain groups sent per GOP: which (plane class, band) pairs share one gain. Six groups: four for
     * luma, two for chroma; fine enough to follow content, coarse enough to cost 30 bits.
     */
    static final int[][] GAIN_GROUP = {
        {0, 0, 0, 1, 1, 2, 3, 3},
        {4, 4, 4, 4, 5, 5, 5, 5},
    };
    public static final int GAIN_GROUPS = 6;

    private SpectralBands() {
    }

    /** Band of DCT coefficient (kx, ky) of a plane of w x h samples. */
    public static int band(int kx, int ky, int w, int h) {
        if (kx == 0 && ky == 0) {
            return 0;
        }
        double fx = kx / (2.0 * w), fy = ky / (2.0 * h);
        double r = Math.sqrt(fx * fx + fy * fy);
        for (int b = 1; b < UPPER_EDGES.length; b++) {
            if (r <= UPPER_EDGES[b]) {
                return b;
            }
        }
        return BANDS - 1;
    }

    public static int planeClass(int plane) {
        return plane == 0 ? 0 : 1;
    }

    /** For every latent element: plane class * BANDS + band. */
    public static int[] bandIndex(LatentGeometry g) {
        int[] out = new int[g.dim()];
        for (int p = 0; p < g.planes(); p++) {
            int off = g.planeOffset(p), kw = g.coefWidth()[p];
            for (int ky = 0; ky < g.coefHeight()[p]; ky++) {
                for (int kx = 0; kx < kw; kx++) {
                    out[off + ky * kw + kx] = planeClass(p) * BANDS
                            + band(kx, ky, g.planeWidth()[p], g.planeHeight()[p]);
                }
            }
        }
        return out;
    }

    /** For every latent element: its gain group. */
    public static int[] gainGroup(LatentGeometry g) {
        int[] bands = bandIndex(g);
        int[] out = new int[bands.length];
        for (int i = 0; i < bands.length; i++) {
            out[i] = GAIN_GROUP[bands[i] / BANDS][bands[i] % BANDS];
        }
        return out;
    }
}
