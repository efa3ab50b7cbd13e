package io.gvc.codec.metrics;

/**
 * Squared-error totals of a picture or of many pictures: SSE per plane and the number of samples they were
 * summed over ({@code pixelsC} counts the samples of one chroma plane; U and V have the same count).
 * PSNR values are derived from these totals with {@link Psnr#psnr(long, long)}, capped at 100 dB.
 */
public record YuvSse(long sseY, long sseU, long sseV, long pixelsY, long pixelsC) {

    public YuvSse {
        if (sseY < 0 || sseU < 0 || sseV < 0 || pixelsY < 0 || pixelsC < 0) {
            throw new IllegalArgumentException("negative SSE or sample count: " + sseY + ", " + sseU + ", "
                    + sseV + ", " + pixelsY + ", " + pixelsC);
        }
    }

    public double psnrY() {
        return Psnr.psnr(sseY, pixelsY);
    }

    public double psnrU() {
        return Psnr.psnr(sseU, pixelsC);
    }

    public double psnrV() {
        return Psnr.psnr(sseV, pixelsC);
    }

    /** {@code (6·PSNR_Y + PSNR_U + PSNR_V) / 8}. */
    public double psnrYuv() {
        return Psnr.weightedYuv(psnrY(), psnrU(), psnrV());
    }

    /** Mean squared error of the luma samples. */
    public double mseY() {
        return (double) sseY / pixelsY;
    }
}
