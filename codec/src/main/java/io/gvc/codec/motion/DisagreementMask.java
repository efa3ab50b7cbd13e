package io.gvc.codec.motion;

/**
 * Per luma pixel, how far a bridge's two motion-compensated sides disagree, as a weight in [0, 1]:
 * 0 where they agree (blend), 1 where they clearly show different things (show one side). The
 * absolute luma difference is averaged over a 9x9 window first, so that single noisy samples never
 * switch a pixel and the switch between blending and one side is a soft ramp, not a seam; the
 * weight then ramps linearly from {@link #AGREE} to {@link #DISAGREE} grey levels of mean
 * difference. Float arithmetic in a fixed order per pixel: the same bits on every machine.
 */
final class DisagreementMask {

    /** Mean difference (8-bit grey levels) still counted as agreement: coding noise of two keyframes. */
    static final float AGREE = 8f;
    /** Mean difference from which the sides show different things: an edge or texture, moved. */
    static final float DISAGREE = 24f;
    /** Half the averaging window: 9x9 luma pixels, about one motion block and its neighbours' edges. */
    static final int RADIUS = 4;

    private DisagreementMask() {
    }

    /** The weight map of a w x h luma plane from the two sides' samples. */
    static float[] of(float[] first, float[] last, int w, int h) {
        float[] d = new float[w * h];
        for (int i = 0; i < d.length; i++) {
            d[i] = Math.abs(first[i] - last[i]);
        }
        float[] mean = boxMean(boxMean(d, w, h, 1, 0), w, h, 0, 1);
        float[] t = new float[w * h];
        for (int i = 0; i < t.length; i++) {
            float r = (mean[i] - AGREE) / (DISAGREE - AGREE);
            t[i] = r < 0f ? 0f : Math.min(1f, r);
        }
        return t;
    }

    /** The mask at chroma pixel (x, y): the mean of the 2x2 luma weights it covers, edges clamped. */
    static float chroma(float[] t, int w, int h, int x, int y) {
        int x0 = Math.min(w - 1, 2 * x), x1 = Math.min(w - 1, 2 * x + 1);
        int y0 = Math.min(h - 1, 2 * y), y1 = Math.min(h - 1, 2 * y + 1);
        return (t[y0 * w + x0] + t[y0 * w + x1] + t[y1 * w + x0] + t[y1 * w + x1]) * 0.25f;
    }

    /** One pass of a (2 RADIUS + 1)-tap mean along (dx, dy), over the samples inside the plane. */
    private static float[] boxMean(float[] in, int w, int h, int dx, int dy) {
        float[] out = new float[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                float sum = 0f;
                int count = 0;
                for (int k = -RADIUS; k <= RADIUS; k++) {
                    int sx = x + k * dx, sy = y + k * dy;
                    if (sx >= 0 && sx < w && sy >= 0 && sy < h) {
                        sum += in[sy * w + sx];
                        count++;
                    }
                }
                out[y * w + x] = sum / count;
            }
        }
        return out;
    }
}
