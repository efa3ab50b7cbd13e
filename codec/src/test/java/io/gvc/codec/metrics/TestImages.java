package io.gvc.codec.metrics;

import io.gvc.codec.frame.Frame;

/**
 * Deterministic integer-only test pictures, written identically in Python for the reference values
 * (pattern.py, reproduced in {@link SsimTest}), so that both sides see exactly the same samples.
 */
final class TestImages {

    private TestImages() {
    }

    /** Smooth ramps, a checkerboard of 8x8 blocks and a multiplicative texture, wrapped to 8 bits. */
    static byte[] base(int w, int h) {
        byte[] a = new byte[w * h];
        for (int i = 0; i < h; i++) {
            for (int j = 0; j < w; j++) {
                int v = ((i * i + 2 * j * j) / 301 + 3 * i + ((i * j) % 23) * 4 + ((i / 8 + j / 8) % 2) * 40) % 256;
                a[i * w + j] = (byte) v;
            }
        }
        return a;
    }

    /** {@code a} blurred by a 3-tap kernel plus hashed noise in [-amp, amp], clamped to [0, 255]. */
    static byte[] distorted(byte[] a, int w, int h, int amp) {
        byte[] b = new byte[w * h];
        for (int i = 0; i < h; i++) {
            for (int j = 0; j < w; j++) {
                int blur = (2 * at(a, w, i, j) + at(a, w, i, Math.min(j + 1, w - 1))
                        + at(a, w, Math.min(i + 1, h - 1), j)) / 4;
                long hash = ((long) i * 73856093L) ^ ((long) j * 19349663L);
                int n = (int) (hash % (2L * amp + 1)) - amp;
                b[i * w + j] = (byte) Math.min(255, Math.max(0, blur + n));
            }
        }
        return b;
    }

    /**
     * {@code a} plus sigma times a fixed Gaussian field (seeded: the same field for every sigma, so
     * the distortion grows with sigma alone), rounded and clamped to 0..255.
     */
    static byte[] withNoise(byte[] a, long seed, double sigma) {
        java.util.Random rnd = new java.util.Random(seed);
        byte[] b = new byte[a.length];
        for (int i = 0; i < a.length; i++) {
            double g = rnd.nextGaussian();
            b[i] = (byte) Math.min(255, Math.max(0, (int) Math.round((a[i] & 0xFF) + sigma * g)));
        }
        return b;
    }

    private static int at(byte[] a, int w, int i, int j) {
        return a[i * w + j] & 0xFF;
    }

    /** A frame whose luma is {@code y} and whose chroma planes are derived deterministically from it. */
    static Frame frame(byte[] y, int w, int h) {
        int cw = Frame.chromaWidth(w), ch = Frame.chromaHeight(h);
        byte[] u = new byte[cw * ch];
        byte[] v = new byte[cw * ch];
        for (int i = 0; i < ch; i++) {
            for (int j = 0; j < cw; j++) {
                int s = y[Math.min(2 * i, h - 1) * w + Math.min(2 * j, w - 1)] & 0xFF;
                u[i * cw + j] = (byte) (64 + s / 2);
                v[i * cw + j] = (byte) (255 - s);
            }
        }
        return new Frame(w, h, y, u, v);
    }
}
