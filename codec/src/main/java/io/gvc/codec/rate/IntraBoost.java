package io.gvc.codec.rate;

/**
 * How much finer than the rest of its GOP's keyframes a picture that is intra by rule (the chain's
 * start, a random-access point) is coded: the more of it the pictures after it reuse, the finer,
 * because every predicted keyframe and every bridged frame after it inherits its texture where
 * nothing moves. x265's CU-tree makes the same trade block by block inside its own GOP; the chain's
 * pictures are coded one at a time with it off, so the chain makes it once per intra picture.
 *
 * <p>Reuse is measured, not assumed: the GOP's last frame predicted from the intra picture against
 * the same frame coded intra, both at the decision quality. A static scene predicts at a fraction
 * of intra's bytes (yoga, 16 frames on: 0.25 of intra), a moving camera at nearly all of them
 * (man-skiing 0.97, fire2 0.83).
 *
 * <p>Measured on the tuning clips (`gvc eval --frames 33`, x265 CRF 51..35, targets 0.004..0.03):
 * yoga's intra picture is coded 3 QP finer (reuse 0.75), man-skiing's not at all (0.03), so
 * man-skiing's streams are codec v10's; yoga's GVC curve against v10's (BD-rate of one against
 * the other, same points) LPIPS -2.8 %, PSNR-Y -6.0 %, MS-SSIM -4.4 %. A fixed boost on every clip
 * whatever its reuse (3 QP, and 6 QP, each with the period's intra share raised to pay for it)
 * gained more on yoga (LPIPS BD-rate against x265 -15.6 and -11.3 %, v10 -10.3 %) and lost on
 * man-skiing (-2.3 and -2.6 %, v10 -9.3 %); a boost offered as another keyframe plan and left to
 * the SSIM of the anchors ({@link AnchorDecision}) gained on neither. {@link #MAX_LEVELS} 4 is the
 * one scale of the measured boost that was tried. Held-out results: docs/results.md, "Codec v11".
 *
 * <p>The budget grows by what the finer picture measures to cost ({@link
 * RateController#boundaryBudget(long, int, int, double)}), and nothing else gives for it: a
 * stream whose intra picture is boosted spends a little over the target. Taking it from the
 * period's predicted pictures instead (the period's share of an intra picture raised from 2.5 to
 * 3.4) measured a little better on yoga (LPIPS -3.6 % against v10) but changed every GOP's budget where
 * nothing is boosted too, which flipped keyframe plans at lower rates (man-skiing +0.9 % against
 * v10; seen afterwards on the held-out archery clip, which nothing boosts: +20.1 %).
 */
public final class IntraBoost {

    /** The boost, in the codec's levels (x265: QP), of a picture that nothing after it needs to code again. */
    public static final int MAX_LEVELS = 4;

    private IntraBoost() {
    }

    /**
     * The boost for an intra picture whose successor predicts in {@code predictedBytes} against
     * {@code intraBytes} coded intra: {@link #MAX_LEVELS} times the share of the picture reused,
     * rounded to a whole level.
     */
    public static int levels(long predictedBytes, long intraBytes) {
        if (intraBytes <= 0) {
            return 0;
        }
        double reuse = Math.max(0, Math.min(1, 1 - (double) predictedBytes / intraBytes));
        return (int) Math.round(MAX_LEVELS * reuse);
    }
}
