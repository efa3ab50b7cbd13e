package io.gvc.codec.prng;

/**
 * The project's exactly reproducible map from 32 random bits to an (approximately) standard normal
 * value: {@code (popcount(w) - 16) / sqrt(8)}.
 *
 * <p>Why: Box-Muller or an inverse CDF need log, sin or erf, whose last bit may differ between
 * platforms and JIT intrinsics. A popcount is exact integer arithmetic; by the central limit theorem
 * the Binomial(32, 1/2) sum is close to normal (mean 16, variance 8, 33 levels, tails cut at
 * +-5.66 sigma), which is all a Gaussian codebook needs: i.i.d., zero mean, unit variance.
 *
 * <p>Because every value is an integer multiple of 1/sqrt(8), sums of atoms can be accumulated as
 * exact integers ({@link #level}) and scaled once at the end, which keeps the decoder's noise
 * independent of summation order.
 */
public final class GaussianMapping {

    /** 1 / sqrt(8), the scale of one level. */
    public static final float LEVEL_SCALE = (float) (1.0 / Math.sqrt(8.0));

    private GaussianMapping() {
    }

    /** The integer level popcount(w) - 16, in [-16, 16]. */
    public static int level(int w) {
        return Integer.bitCount(w) - 16;
    }

    /** The normal value for 32 random bits. */
    public static float normal(int w) {
        return level(w) * LEVEL_SCALE;
    }
}
