package io.gvc.boundary;

import io.gvc.codec.frame.Frame;

/**
 * Brings a frame to another size by cropping at the right and bottom or by repeating the last
 * column and row. x264 and x265 code only some sizes (see {@link X26x#codedSide}): a frame is
 * coded padded and cropped back after decoding, which undoes the padding exactly.
 */
public final class Fit {

    private Fit() {
    }

    public static Frame toSize(Frame f, int width, int height) {
        if (f.width() == width && f.height() == height) {
            return f;
        }
        int cw = Frame.chromaWidth(width), ch = Frame.chromaHeight(height);
        return new Frame(width, height,
                plane(f.y(), f.width(), f.height(), width, height),
                plane(f.u(), f.chromaWidth(), f.chromaHeight(), cw, ch),
                plane(f.v(), f.chromaWidth(), f.chromaHeight(), cw, ch));
    }

    private static byte[] plane(byte[] src, int sw, int sh, int dw, int dh) {
        byte[] dst = new byte[dw * dh];
        int copy = Math.min(sw, dw);
        for (int r = 0; r < dh; r++) {
            int from = Math.min(r, sh - 1) * sw, to = r * dw;
            System.arraycopy(src, from, dst, to, copy);
            java.util.Arrays.fill(dst, to + copy, to + dw, src[from + sw - 1]);
        }
        return dst;
    }
}
