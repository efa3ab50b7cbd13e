package io.gvc.eval;



/**
 * The quality measures of every point, as named in results.json and the report. BD-rate needs "higher
 * is better"; LPIPS is a distance, so its curves use the negated value ({@link #quality}). BD-rate does
 * not change under an affine map of the quality axis, so negating is exact, not an approximation.
 */
public enum Metric {
    PSNR_Y("psnr_y", "PSNR-Y (dB)", true),
    PSNR_YUV("psnr_yuv", "PSNR-YUV 6:1:1 (dB)", true),
    MS_SSIM("ms_ssim", "MS-SSIM (luma)", true),
    LPIPS("lpips", "LPIPS AlexNet (lower is better)", false);

    /** Field name in results.json / results.csv. */
    public final String key;
    public final String label;
    public final boolean higherIsBetter;

    Metric(String key, String label, boolean higherIsBetter) {
        this.key = key;
        this.label = label;
        this.higherIsBetter = higherIsBetter;
    }

    /** The measured value of a point, null where it was not measured (LPIPS without weights). */
    public Double value(PointResult p) {
        return switch (this) {
            case PSNR_Y -> p.psnrY();
            case PSNR_YUV -> p.psnrYuv();
            case MS_SSIM -> p.msSsim();
            case LPIPS -> p.lpips();
        };
    }

    /** The value on a higher-is-better scale, for BD-rate. */
    public double quality(double value) {
        return higherIsBetter ? value : -value;
    }
}
