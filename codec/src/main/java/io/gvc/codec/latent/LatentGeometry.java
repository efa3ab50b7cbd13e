package io.gvc.codec.latent;

/**
 * Shape of one latent frame: for each plane (Y, U, V) the kept block of DCT coefficients
 * ({@code coefWidth x coefHeight}, the lowest frequencies) of a picture plane of
 * {@code planeWidth x planeHeight}. A latent frame is the three blocks concatenated, row-major.
 *
 * <p>A prior needs this to know which frequency each latent element stands for; a learned
 * prior with its own latent space may ignore it and only use {@link #dim()}.
 */
public record LatentGeometry(int[] coefWidth, int[] coefHeight, int[] planeWidth, int[] planeHeight) {

    public LatentGeometry {
        coefWidth = coefWidth.clone();
        coefHeight = coefHeight.clone();
        planeWidth = planeWidth.clone();
        planeHeight = planeHeight.clone();
        for (int p = 0; p < coefWidth.length; p++) {
            if (coefWidth[p] < 1 || coefHeight[p] < 1 || coefWidth[p] > planeWidth[p] || coefHeight[p] > planeHeight[p]) {
                throw new IllegalArgumentException("plane " + p + ": coefficient block " + coefWidth[p] + "x"
                        + coefHeight[p] + " does not fit plane " + planeWidth[p] + "x" + planeHeight[p]);
            }
        }
    }

    /** {@code channels} planes of one {@code width x height} block each, for a picture of the given size. */
    public static LatentGeometry uniform(int channels, int width, int height, int pictureWidth, int pictureHeight) {
        int[] cw = new int[channels], ch = new int[channels], pw = new int[channels], ph = new int[channels];
        java.util.Arrays.fill(cw, width);
        java.util.Arrays.fill(ch, height);
        java.util.Arrays.fill(pw, pictureWidth);
        java.util.Arrays.fill(ph, pictureHeight);
        return new LatentGeometry(cw, ch, pw, ph);
    }

    public int planes() {
        return coefWidth.length;
    }

    public int planeDim(int p) {
        return coefWidth[p] * coefHeight[p];
    }

    /** Offset of plane p's block inside a latent frame. */
    public int planeOffset(int p) {
        int off = 0;
        for (int q = 0; q < p; q++) {
            off += planeDim(q);
        }
        return off;
    }

    /** Number of floats in one latent frame (D in the algorithm). */
    public int dim() {
        return planeOffset(planes());
    }
}
