package io.gvc.media;



/**
 * How {@link VideoReader} reads a file. {@code maxFrames <= 0} reads every frame. Picture size and
 * frame rate are needed only for raw .yuv, which has no header; y4m and container files carry their
 * own and ignore these.
 */
public record ReadOptions(int maxFrames, Integer width, Integer height, Integer fpsNum, Integer fpsDen) {

    public ReadOptions {
        requirePositive("width", width);
        requirePositive("height", height);
        requirePositive("fpsNum", fpsNum);
        requirePositive("fpsDen", fpsDen);
    }

    /** Every frame of a self-describing file. */
    public static ReadOptions all() {
        return new ReadOptions(0, null, null, null, null);
    }

    /** The first {@code n} frames of a self-describing file. */
    public static ReadOptions firstFrames(int n) {
        return new ReadOptions(n, null, null, null, null);
    }

    /** Raw I420 of the given size and rate; {@code maxFrames <= 0} reads all. */
    public static ReadOptions raw(int width, int height, int fpsNum, int fpsDen, int maxFrames) {
        return new ReadOptions(maxFrames, width, height, fpsNum, fpsDen);
    }

    private static void requirePositive(String name, Integer value) {
        if (value != null && value <= 0) {
            throw new IllegalArgumentException(name + " must be positive, got " + value);
        }
    }
}
