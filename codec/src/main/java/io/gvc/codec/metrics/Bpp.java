package io.gvc.codec.metrics;

/**
 * Bits per pixel, in the two conventions the project reports.
 *
 * <ul>
 *   <li>{@link #bitsPerPixel}: {@code bits / (frames · width · height)}, bits per luma-resolution pixel
 *       position (the usual image/video compression "bpp").</li>
 *   <li>{@link #bitsPerPixelPerChannel}: {@code bits / (frames · width · height · 3)}, the paper's
 *       convention, dividing additionally by three colour channels as if the picture were full-resolution
 *       RGB; it is exactly one third of {@link #bitsPerPixel}. It does not count 4:2:0 chroma samples
 *       (that would be 1.5 samples per pixel).</li>
 * </ul>
 */
public final class Bpp {

    private Bpp() {
    }

    /** {@code bits / (frames · width · height)}. */
    public static double bitsPerPixel(long bits, long frames, int width, int height) {
        return bits / pixels(bits, frames, width, height);
    }

    /** The paper's convention: {@code bits / (frames · width · height · 3)}. */
    public static double bitsPerPixelPerChannel(long bits, long frames, int width, int height) {
        return bits / (3.0 * pixels(bits, frames, width, height));
    }

    private static double pixels(long bits, long frames, int width, int height) {
        if (bits < 0 || frames <= 0 || width <= 0 || height <= 0) {
            throw new IllegalArgumentException("need bits >= 0 and positive frames and size, got " + bits
                    + " bits, " + frames + " frames, " + width + "x" + height);
        }
        return (double) frames * width * height;
    }
}
