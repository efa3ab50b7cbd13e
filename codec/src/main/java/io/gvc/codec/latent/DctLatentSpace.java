package io.gvc.codec.latent;

import io.gvc.codec.frame.Frame;

/**
 * The built-in latent: for each plane, the lowest {@code coefWidth x coefHeight} coefficients of
 * the orthonormal 2-D DCT of (pixel - 128), times {@link #scale}.
 *
 * <p>Why this latent: the Gaussian prior is diagonal in it (so the prior costs O(D)), white noise
 * stays white under an orthonormal transform (so atoms keep their meaning), and keeping only the low
 * frequencies bounds D, which bounds the K x D atom search. The high frequencies the latent drops
 * come from the anchor picture (the boundary bridge) at full resolution; see
 * {@link LatentSynthesis}.
 *
 * <p>The scale brings typical residual coefficients near unit variance, the regime in which the
 * rectified-flow noise schedule was designed.
 */
public final class DctLatentSpace implements LatentSpace {

    /** Latent units per pixel unit. */
    public static final float SCALE = 1f / 32f;

    private final LatentGeometry geometry;
    private final DctBasis[] rowBasis; // over x, per plane
    private final DctBasis[] colBasis; // over y, per plane

    public DctLatentSpace(LatentGeometry geometry) {
        this.geometry = geometry;
        int planes = geometry.planes();
        rowBasis = new DctBasis[planes];
        colBasis = new DctBasis[planes];
        for (int p = 0; p < planes; p++) {
            rowBasis[p] = new DctBasis(geometry.planeWidth()[p], geometry.coefWidth()[p]);
            colBasis[p] = new DctBasis(geometry.planeHeight()[p], geometry.coefHeight()[p]);
        }
    }

    /**
     * The geometry for a picture size and a downscale factor: plane p keeps
     * ceil(planeWidth / downscale) x ceil(planeHeight / downscale) coefficients.
     */
    public static LatentGeometry geometry(int width, int height, int downscale) {
        if (downscale < 1) {
            throw new IllegalArgumentException("latent downscale must be >= 1, got " + downscale);
        }
        int[] pw = {width, Frame.chromaWidth(width), Frame.chromaWidth(width)};
        int[] ph = {height, Frame.chromaHeight(height), Frame.chromaHeight(height)};
        int[] cw = new int[3], chh = new int[3];
        for (int p = 0; p < 3; p++) {
            cw[p] = (pw[p] + downscale - 1) / downscale;
            chh[p] = (ph[p] + downscale - 1) / downscale;
        }
        return new LatentGeometry(cw, chh, pw, ph);
    }

    /**
     * The default downscale for a picture size: the smallest power of two (at least 2) whose luma
     * block has at most 8192 coefficients, so D stays near 10^4 at every size and the search cost
     * per latent frame does not grow with resolution.
     */
    public static int defaultDownscale(int width, int height) {
        int ds = 2;
        while ((long) ((width + ds - 1) / ds) * ((height + ds - 1) / ds) > 8192) {
            ds *= 2;
        }
        return ds;
    }

    @Override
    public LatentGeometry geometry() {
        return geometry;
    }

    /** Latent of a frame. */
    @Override
    public float[] encode(Frame f) {
        float[] out = new float[geometry.dim()];
        for (int p = 0; p < geometry.planes(); p++) {
            byte[] plane = f.plane(p);
            int w = geometry.planeWidth()[p];
            float[] px = new float[plane.length];
            for (int i = 0; i < px.length; i++) {
                px[i] = (plane[i] & 0xFF) - 128f;
            }
            forward(p, px, w, out, geometry.planeOffset(p));
        }
        return out;
    }

    private void forward(int p, float[] px, int w, float[] out, int off) {
        DctBasis rb = rowBasis[p], cb = colBasis[p];
        SeparableTransform.forward(px, w, cb.n, rb.rows, rb.kept, cb.rows, cb.kept, SCALE, out, off);
    }

    /**
     * The picture-domain image of a latent (inverse DCT with the dropped coefficients zero), per
     * plane, in pixel units: what a latent difference changes in the picture.
     */
    public float[][] toPixels(float[] latent) {
        float[][] planes = new float[geometry.planes()][];
        for (int p = 0; p < geometry.planes(); p++) {
            planes[p] = inverse(p, latent, geometry.planeOffset(p));
        }
        return planes;
    }

    private float[] inverse(int p, float[] lat, int off) {
        DctBasis rb = rowBasis[p], cb = colBasis[p];
        return SeparableTransform.inverse(lat, off, rb.n, cb.n, rb.rows, rb.kept, cb.rows, cb.kept, SCALE);
    }

    /** Linear: the inverse DCT of {@code x0 - anchor}. */
    @Override
    public float[][] deviationPixels(float[] x0, float[] anchor) {
        float[] d = new float[x0.length];
        for (int k = 0; k < d.length; k++) {
            d[k] = x0[k] - anchor[k];
        }
        return toPixels(d);
    }
}
