package io.gvc.codec.latent;

import io.gvc.codec.frame.Frame;

/**
 * The DCT latent seen as a small picture, for networks that need pixel neighbourhoods.
 *
 * <p>Per plane, the lowest {@code kw x kh} coefficients of the orthonormal 2-D DCT-II of
 * (pixel - 128), times {@link DctLatentSpace#SCALE}, are taken back to a {@code kw x kh} picture by
 * the orthonormal inverse DCT of that size: a band-limited, downscaled copy of the plane. Chroma keeps
 * ceil(chroma side / ds) per side and luma exactly twice that, so the luma picture folds into four
 * phase channels (space to depth) of the chroma size. A latent frame is 6 channels of H x W,
 * channel-major:
 * <pre>
 *   [Y(2y, 2x), Y(2y, 2x+1), Y(2y+1, 2x), Y(2y+1, 2x+1), U(y, x), V(y, x)]
 * </pre>
 *
 * <p>Why: in {@link DctLatentSpace} neighbouring latent elements are neighbouring frequencies, so a
 * convolution over them cannot see a moving edge. Here neighbours are neighbouring places, and the
 * six channels line up (a learned prior can be a plain conv net over [6, L, H, W]). The map is
 * orthonormal, so white noise stays white and atoms cost and mean what they do in the DCT latent;
 * only the coordinates change. The dropped high frequencies still come from the anchor picture
 * ({@link LatentSynthesis}).
 */
public final class DctPictureLatentSpace implements LatentSpace {

    /** Latent channels: four luma phases, U, V. */
    public static final int CHANNELS = 6;

    private final int width;
    private final int height;
    private final int latentW;
    private final int latentH;
    private final LatentGeometry geometry;
    /** Per plane: analysis matrices, row-major, kept x n (small = A_h px A_w^T). */
    private final float[][] ah = new float[3][];
    private final float[][] aw = new float[3][];
    private final int[] pw = new int[3];
    private final int[] ph = new int[3];
    private final int[] kw = new int[3];
    private final int[] kh = new int[3];

    /**
     * @param downscale the DCT latent's downscale ds: chroma keeps ceil(side / ds) coefficients per
     *                  side (see {@link DctLatentSpace#geometry})
     */
    /**
     * Most multiply-adds the luma analysis matrices may take to build (about a second). The default
     * downscale keeps a latent of at most 8192 samples, e.g. 1920x1080 at 16: 120x68, 3e7; only a
     * forced small downscale on a large picture, or a corrupt header, comes near it.
     */
    static final long MAX_SETUP_COST = 1L << 30;

    public DctPictureLatentSpace(int width, int height, int downscale) {
        if (downscale < 1) {
            throw new IllegalArgumentException("latent downscale must be >= 1, got " + downscale);
        }
        this.width = width;
        this.height = height;
        pw[0] = width;
        ph[0] = height;
        pw[1] = pw[2] = Frame.chromaWidth(width);
        ph[1] = ph[2] = Frame.chromaHeight(height);
        latentW = (pw[1] + downscale - 1) / downscale;
        latentH = (ph[1] + downscale - 1) / downscale;
        if (2 * latentW > width || 2 * latentH > height) {
            throw new IllegalArgumentException("picture " + width + "x" + height + " is too small for a picture latent"
                    + " at downscale " + downscale);
        }
        for (int p = 0; p < 3; p++) {
            kw[p] = p == 0 ? 2 * latentW : latentW;
            kh[p] = p == 0 ? 2 * latentH : latentH;
        }
        // building a side's matrices costs kept^2 x n multiply-adds: bounded, so that no header (a
        // CRC-valid but absurd size or downscale) can hold a decoder for minutes before its first packet
        long cost = (long) kw[0] * kw[0] * width + (long) kh[0] * kh[0] * height;
        if (cost > MAX_SETUP_COST) {
            throw new IllegalArgumentException("a " + width + "x" + height + " picture at latent downscale " + downscale
                    + " needs a " + kw[0] + "x" + kh[0] + " luma latent basis, above this latent space's bound of "
                    + MAX_SETUP_COST + " multiply-adds (" + cost + "); use a larger downscale");
        }
        for (int p = 0; p < 3; p++) {
            aw[p] = analysis(pw[p], kw[p]);
            ah[p] = analysis(ph[p], kh[p]);
        }
        this.geometry = LatentGeometry.uniform(CHANNELS, latentW, latentH, width, height);
    }

    /**
     * B_kept^T C: the n-point DCT's first {@code kept} rows followed by the kept-point inverse DCT,
     * kept x n, summed in double from the bit-exact {@link DctBasis} tables.
     */
    private static float[] analysis(int n, int kept) {
        DctBasis full = new DctBasis(n, kept);
        DctBasis small = new DctBasis(kept, kept);
        float[] a = new float[kept * n];
        for (int i = 0; i < kept; i++) {
            for (int x = 0; x < n; x++) {
                double s = 0;
                for (int k = 0; k < kept; k++) {
                    s += (double) small.rows[k * kept + i] * full.rows[k * n + x];
                }
                a[i * n + x] = (float) s;
            }
        }
        return a;
    }

    /** The colour plane (0 Y, 1 U, 2 V) of latent channel {@code c}. */
    public static int colourPlane(int c) {
        return c < 4 ? 0 : c - 3;
    }

    @Override
    public LatentGeometry geometry() {
        return geometry;
    }

    /** Latent plane width W (the chroma coefficient block's). */
    public int latentWidth() {
        return latentW;
    }

    /** Latent plane height H. */
    public int latentHeight() {
        return latentH;
    }

    @Override
    public float[] encode(Frame f) {
        float[] out = new float[geometry.dim()];
        int hw = latentW * latentH;
        for (int p = 0; p < 3; p++) {
            byte[] plane = f.plane(p);
            float[] px = new float[plane.length];
            for (int i = 0; i < px.length; i++) {
                px[i] = (plane[i] & 0xFF) - 128f;
            }
            float[] small = analyse(p, px);
            if (p == 0) {
                for (int y = 0; y < kh[0]; y++) {
                    for (int x = 0; x < kw[0]; x++) {
                        out[lumaIndex(y, x, hw)] = small[y * kw[0] + x];
                    }
                }
            } else {
                System.arraycopy(small, 0, out, (3 + p) * hw, hw);
            }
        }
        return out;
    }

    /** Where luma sample (y, x) of the small picture sits in a latent frame: phase channel, then place. */
    private int lumaIndex(int y, int x, int hw) {
        return ((y & 1) * 2 + (x & 1)) * hw + (y >> 1) * latentW + (x >> 1);
    }

    /** small = A_h px A_w^T * SCALE, kh x kw row-major. */
    private float[] analyse(int p, float[] px) {
        float[] out = new float[kh[p] * kw[p]];
        SeparableTransform.forward(px, pw[p], ph[p], aw[p], kw[p], ah[p], kh[p], DctLatentSpace.SCALE, out, 0);
        return out;
    }

    /** Linear: pixels = A_h^T (x0 - anchor) A_w / SCALE per plane, luma unfolded from its phases. */
    @Override
    public float[][] deviationPixels(float[] x0, float[] anchor) {
        int hw = latentW * latentH;
        float[][] planes = new float[3][];
        for (int p = 0; p < 3; p++) {
            float[] small = new float[kw[p] * kh[p]];
            if (p == 0) {
                for (int y = 0; y < kh[0]; y++) {
                    for (int x = 0; x < kw[0]; x++) {
                        int k = lumaIndex(y, x, hw);
                        small[y * kw[0] + x] = x0[k] - anchor[k];
                    }
                }
            } else {
                int off = (3 + p) * hw;
                for (int k = 0; k < hw; k++) {
                    small[k] = x0[off + k] - anchor[off + k];
                }
            }
            planes[p] = synthesise(p, small);
        }
        return planes;
    }

    private float[] synthesise(int p, float[] small) {
        return SeparableTransform.inverse(small, 0, pw[p], ph[p], aw[p], kw[p], ah[p], kh[p], DctLatentSpace.SCALE);
    }

    @Override
    public String toString() {
        return "DctPictureLatentSpace[" + width + "x" + height + " -> " + CHANNELS + "x" + latentH + "x" + latentW + "]";
    }
}
