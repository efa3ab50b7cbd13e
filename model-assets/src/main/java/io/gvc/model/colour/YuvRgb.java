package io.gvc.model.colour;

import io.gvc.codec.frame.Frame;

/**
 * YUV 4:2:0 frames to planar RGB in [-1, 1] for LPIPS. The conversion is full-range BT.601 (JPEG/JFIF:
 * Y, Cb, Cr all 0..255, no 16..235 head-room):
 * <pre>
 *   R = Y + 1.402 (Cr - 128)
 *   G = Y - 0.344136 (Cb - 128) - 0.714136 (Cr - 128)
 *   B = Y + 1.772 (Cb - 128)
 * </pre>
 * clamped to [0, 255] and mapped by v / 127.5 - 1. Chroma is up-sampled by repetition (each chroma
 * sample covers its 2x2 luma block). Full range is the choice for an evaluation metric on y4m test
 * clips whose range is not signalled; limited-range content comes out slightly low in contrast,
 * identically for both frames of a pair, so LPIPS comparisons between codecs stay fair.
 */
public final class YuvRgb {

    private YuvRgb() {
    }

    /** Planar RGB, [3][H][W] flattened (channel-major, as the LPIPS graph wants), values in [-1, 1]. */
    public static float[] toRgb(Frame f) {
        int w = f.width(), h = f.height(), cw = f.chromaWidth();
        int n = w * h;
        float[] out = new float[3 * n];
        byte[] ys = f.y(), us = f.u(), vs = f.v();
        for (int y = 0; y < h; y++) {
            int crow = (y >> 1) * cw;
            for (int x = 0; x < w; x++) {
                int i = y * w + x;
                double yy = ys[i] & 0xFF;
                double cb = (us[crow + (x >> 1)] & 0xFF) - 128.0;
                double cr = (vs[crow + (x >> 1)] & 0xFF) - 128.0;
                out[i] = unit(yy + 1.402 * cr);
                out[n + i] = unit(yy - 0.344136 * cb - 0.714136 * cr);
                out[2 * n + i] = unit(yy + 1.772 * cb);
            }
        }
        return out;
    }

    /**
     * The inverse of {@link #toRgb}: Y, U, V planes in pixel units (0..255 scale, not clamped or
     * rounded) of planar RGB in [-1, 1], chroma averaged over each 2x2 block (4:2:0).
     */
    public static float[][] fromRgb(float[] rgb, int width, int height) {
        int n = width * height, cw = Frame.chromaWidth(width), ch = Frame.chromaHeight(height);
        float[] y = new float[n], u = new float[cw * ch], v = new float[cw * ch];
        float[] cnt = new float[cw * ch];
        for (int row = 0; row < height; row++) {
            for (int x = 0; x < width; x++) {
                int i = row * width + x;
                float r = (rgb[i] + 1f) * 127.5f, g = (rgb[n + i] + 1f) * 127.5f, b = (rgb[2 * n + i] + 1f) * 127.5f;
                y[i] = 0.299f * r + 0.587f * g + 0.114f * b;
                int c = (row >> 1) * cw + (x >> 1);
                u[c] += -0.168736f * r - 0.331264f * g + 0.5f * b + 128f;
                v[c] += 0.5f * r - 0.418688f * g - 0.081312f * b + 128f;
                cnt[c] += 1f;
            }
        }
        for (int c = 0; c < u.length; c++) {
            u[c] /= cnt[c];
            v[c] /= cnt[c];
        }
        return new float[][] {y, u, v};
    }

    private static float unit(double v) {
        double c = v < 0 ? 0 : (v > 255 ? 255 : v);
        return (float) (c / 127.5 - 1.0);
    }
}
