package io.gvc.codec.metrics;

import io.gvc.codec.frame.Frame;

/**
 * Sums per-plane SSE and sample counts over many frames or GOPs, so that a sequence PSNR is computed from
 * the total SSE: {@code 10·log10(255² · ΣN / ΣSSE)}. This is the "global" (SSE-pooled) PSNR; it is not
 * the mean of per-frame PSNR values that some reference encoders print, which weights frames differently.
 * Because the totals are exact integers the result does not depend on the order or grouping of additions:
 * adding per-GOP SSE read from a bitstream gives bit-for-bit the same value as adding every frame.
 *
 * <p>Not thread-safe; use one accumulator per thread and {@link #add(PsnrAccumulator)} them.
 * Totals use exact arithmetic and throw {@link ArithmeticException} on (practically unreachable) overflow.
 */
public final class PsnrAccumulator {

    private long sseY, sseU, sseV, pixelsY, pixelsC;

    /**
     * Adds the SSE of one frame or group of frames. {@code pixelsC} is the sample count of one chroma plane
     * (U and V are the same size).
     */
    public PsnrAccumulator add(long sseY, long sseU, long sseV, long pixelsY, long pixelsC) {
        if (sseY < 0 || sseU < 0 || sseV < 0 || pixelsY < 0 || pixelsC < 0) {
            throw new IllegalArgumentException("negative SSE or sample count");
        }
        this.sseY = Math.addExact(this.sseY, sseY);
        this.sseU = Math.addExact(this.sseU, sseU);
        this.sseV = Math.addExact(this.sseV, sseV);
        this.pixelsY = Math.addExact(this.pixelsY, pixelsY);
        this.pixelsC = Math.addExact(this.pixelsC, pixelsC);
        return this;
    }

    public PsnrAccumulator add(YuvSse s) {
        return add(s.sseY(), s.sseU(), s.sseV(), s.pixelsY(), s.pixelsC());
    }

    /** Adds the error between a reference frame and a reconstructed frame of the same size. */
    public PsnrAccumulator add(Frame reference, Frame reconstructed) {
        return add(Psnr.frameSse(reference, reconstructed));
    }

    /** Adds everything another accumulator has summed. */
    public PsnrAccumulator add(PsnrAccumulator other) {
        return add(other.sseY, other.sseU, other.sseV, other.pixelsY, other.pixelsC);
    }

    /** The totals so far. */
    public YuvSse total() {
        return new YuvSse(sseY, sseU, sseV, pixelsY, pixelsC);
    }

    public boolean isEmpty() {
        return pixelsY == 0 && pixelsC == 0;
    }

    /** Sequence luma PSNR from the total SSE; fails while nothing has been added. */
    public double psnrY() {
        return total().psnrY();
    }

    public double psnrU() {
        return total().psnrU();
    }

    public double psnrV() {
        return total().psnrV();
    }

    /** 6:1:1 weighted YUV PSNR of the per-plane sequence PSNRs. */
    public double psnrYuv() {
        return total().psnrYuv();
    }
}
