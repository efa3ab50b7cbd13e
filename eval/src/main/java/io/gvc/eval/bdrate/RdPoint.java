package io.gvc.eval.bdrate;



/**
 * One operating point of a rate-distortion curve: a positive rate (any unit, e.g. kbit/s or bpp, the same
 * for both curves compared) and a quality (e.g. PSNR in dB or MS-SSIM; higher is better).
 */
public record RdPoint(double rate, double quality) {

    public RdPoint {
        if (!(rate > 0) || !Double.isFinite(rate)) {
            throw new IllegalArgumentException("rate must be positive and finite, got " + rate);
        }
        if (!Double.isFinite(quality)) {
            throw new IllegalArgumentException("quality must be finite, got " + quality);
        }
    }
}
