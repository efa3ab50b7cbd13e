package io.gvc.codec.frame;

/** Picture size and frame rate of a sequence. The rate is a fraction, as y4m and broadcast use it. */
public record VideoFormat(int width, int height, int fpsNum, int fpsDen) {

    /** Largest picture side the codec accepts; a header claiming more is treated as corrupt. */
    public static final int MAX_SIDE = 8192;

    public VideoFormat {
        if (width <= 0 || height <= 0 || width > MAX_SIDE || height > MAX_SIDE) {
            throw new IllegalArgumentException("unsupported picture size " + width + "x" + height
                    + " (1.." + MAX_SIDE + " per side)");
        }
        if (fpsNum <= 0 || fpsDen <= 0) {
            throw new IllegalArgumentException("frame rate must be positive, got " + fpsNum + "/" + fpsDen);
        }
    }

    public double fps() {
        return (double) fpsNum / fpsDen;
    }

    public long pixelsPerFrame() {
        return (long) width * height;
    }

    @Override
    public String toString() {
        return width + "x" + height + "@" + fpsNum + "/" + fpsDen;
    }
}
