package io.gvc.codec.frame;

/**
 * One picture, YUV 4:2:0, 8 bits per sample, planes stored row-major without padding.
 * Chroma planes are ceil(width/2) x ceil(height/2), so odd sizes round up as y4m and FFmpeg do.
 *
 * <p>The arrays are owned by the frame: callers hand them over and must not change them afterwards.
 * Copying on every access would cost more than the codec itself at these sizes, so the record trusts
 * its callers instead of cloning.
 */
public record Frame(int width, int height, byte[] y, byte[] u, byte[] v) {

    public Frame {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("frame size must be positive, got " + width + "x" + height);
        }
        int cw = chromaWidth(width), ch = chromaHeight(height);
        if (y.length != width * height) {
            throw new IllegalArgumentException("Y plane has " + y.length + " bytes, expected " + width * height);
        }
        if (u.length != cw * ch || v.length != cw * ch) {
            throw new IllegalArgumentException("chroma planes have " + u.length + "/" + v.length
                    + " bytes, expected " + cw * ch + " each for " + width + "x" + height);
        }
    }

    public static int chromaWidth(int width) {
        return (width + 1) / 2;
    }

    public static int chromaHeight(int height) {
        return (height + 1) / 2;
    }

    /** Bytes of one I420 frame of this size. */
    public static int i420Size(int width, int height) {
        return width * height + 2 * chromaWidth(width) * chromaHeight(height);
    }

    public int chromaWidth() {
        return chromaWidth(width);
    }

    public int chromaHeight() {
        return chromaHeight(height);
    }

    /** A mid-grey frame: the neutral picture used where there is no anchor. */
    public static Frame grey(int width, int height) {
        byte[] y = new byte[width * height];
        byte[] u = new byte[chromaWidth(width) * chromaHeight(height)];
        byte[] v = new byte[u.length];
        java.util.Arrays.fill(y, (byte) 128);
        java.util.Arrays.fill(u, (byte) 128);
        java.util.Arrays.fill(v, (byte) 128);
        return new Frame(width, height, y, u, v);
    }

    /** Plane p (0 = Y, 1 = U, 2 = V). */
    public byte[] plane(int p) {
        return switch (p) {
            case 0 -> y;
            case 1 -> u;
            case 2 -> v;
            default -> throw new IllegalArgumentException("plane " + p);
        };
    }

    public int planeWidth(int p) {
        return p == 0 ? width : chromaWidth();
    }

    public int planeHeight(int p) {
        return p == 0 ? height : chromaHeight();
    }

    /** The frame packed as one I420 buffer (Y, then U, then V). */
    public byte[] toI420() {
        byte[] out = new byte[y.length + u.length + v.length];
        System.arraycopy(y, 0, out, 0, y.length);
        System.arraycopy(u, 0, out, y.length, u.length);
        System.arraycopy(v, 0, out, y.length + u.length, v.length);
        return out;
    }

    /** Reads one I420 frame from {@code buf} at {@code offset}. */
    public static Frame fromI420(byte[] buf, int offset, int width, int height) {
        int ys = width * height, cs = chromaWidth(width) * chromaHeight(height);
        if (offset < 0 || buf.length - offset < ys + 2 * cs) {
            throw new IllegalArgumentException("I420 buffer too short for " + width + "x" + height);
        }
        byte[] y = java.util.Arrays.copyOfRange(buf, offset, offset + ys);
        byte[] u = java.util.Arrays.copyOfRange(buf, offset + ys, offset + ys + cs);
        byte[] v = java.util.Arrays.copyOfRange(buf, offset + ys + cs, offset + ys + 2 * cs);
        return new Frame(width, height, y, u, v);
    }

    public boolean samePixels(Frame o) {
        return width == o.width && height == o.height && java.util.Arrays.equals(y, o.y)
                && java.util.Arrays.equals(u, o.u) && java.util.Arrays.equals(v, o.v);
    }
}
