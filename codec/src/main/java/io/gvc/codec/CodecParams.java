package io.gvc.codec;

import io.gvc.codec.intra.DctIntraCodec;
import io.gvc.codec.variant.Variant;

/**
 * Encoder settings. {@code m} and {@code keyframeQuality} are null when rate control should choose
 * them from {@code targetBpp}; {@code latentDownscale} 0 means "pick for the picture size".
 *
 * <p>Defaults suit every size, because bits per atom do not depend on resolution: K = 1024 (the
 * prototype found 4096 only 0.05-0.15 dB better at equal bits), 12 steps of which 10 stochastic
 * (fewer steps with more atoms each matched 20 steps at half the search), a latent frame every
 * second picture, and a target of 0.03 bits per pixel.
 */
public record CodecParams(Variant variant, int gopFrames, int latentDownscale, int temporalStride,
                          int codebookSize, Integer m, Integer mTail, int tailLatentFrames, int steps, int tailSteps,
                          float shift, float gScale, long seed, String intraCodec, Integer keyframeQuality,
                          double targetBpp, double boundaryShare, boolean tailResidual, String prompt, int threads,
                          int intraPeriod, int maxSegments) {

    public static final double DEFAULT_BPP = 0.03;
    /**
     * Frames per GOP, shared boundary included. Measured on the tuning clips with the keyframe
     * chain and the bridge, no atoms: on man-skiing (fast motion) 17 needed 26 % fewer bytes than 33
     * for a better LPIPS (16977 bytes 0.249 against 22832 bytes 0.331) and 9 was better still; on
     * yoga (static camera) 33 was better than 17 (both measured with no atoms, at share 0.5, before
     * the SSIM rule of the fidelity knob). Half the bridge's span also halves the ghosting of
     * things that move; mid-GOP keyframes ({@link #DEFAULT_MAX_SEGMENTS}) cut it further per GOP.
     */
    public static final int DEFAULT_GOP_FRAMES = 17;
    /**
     * Share of a GOP's bit budget for its boundary pictures; the atoms get the rest. Measured on the
     * tuning clips (yoga and man-skiing of ../shared/data/video/train, 65 frames, x265 keyframe
     * chain, learned prior): at 0.004-0.008 bpp, 0.8 gave lower LPIPS at equal bytes than 0.5 on
     * both (yoga GOP 17: 13293 bytes LPIPS 0.199 against 12708 bytes 0.273), because the bridge
     * and the boundaries carry what a viewer sees and the atoms mostly buy PSNR. Measured on
     * 2026-12-04 with the fidelity knob still fitted by least squares alone (commit 8f6ed45's codec),
     * not re-measured since the SSIM rule.
     */
    public static final double DEFAULT_BOUNDARY_SHARE = 0.8;
    /**
     * Every this many GOPs the last boundary is coded intra, a point where a decoder can join the
     * stream; the boundaries between are predicted from the previous one. 8 GOPs of 33 frames is
     * about 10 s at 25 fps.
     */
    public static final int DEFAULT_INTRA_PERIOD = 8;

    /**
     * A GOP may be cut into up to this many segments by mid-GOP keyframes (1, 2, 4 and 8 are tried,
     * {@link io.gvc.codec.rate.KeyframePlans}), chosen per GOP by measured cost within the bits the
     * uncut GOP spends. Measured on the tuning clips (33 frames, x265 chain, learned prior, targets
     * 0.004-0.016 bpp, 2026-12-04): on man-skiing (fast, handheld) cutting into up to 4 took PSNR-Y
     * from 19.4 to 28.5 dB at 0.0048 bpp and removed the torn double image one bridge across the
     * GOP showed; on yoga (static camera) no GOP was cut, so it codes as before. Up to 8 (bitstream
     * version 4, x265 CRF 51..35, targets to 0.03): man-skiing's LPIPS BD-rate against x265 went
     * from +22.0 % (up to 4) to +2.6 %, PSNR-Y from +828 % to +72 % (at 0.008 bpp 32.9 dB in 19797
     * bytes against 28.7 dB in 20134: with 4 segments its PSNR stalled near 29 dB at any rate);
     * yoga coded byte for byte as with 4 at the targets measured with both. The per-GOP answer to the GOP length the tuning clips
     * disagreed on.
     */
    public static final int DEFAULT_MAX_SEGMENTS = 8;
    /** The most segments the option allows: a packet holds at most 16 keyframe pictures. */
    public static final int MAX_SEGMENTS = 8;

    public static CodecParams defaults() {
        return new CodecParams(Variant.FLF2V, DEFAULT_GOP_FRAMES, 0, 2, 1024, null, null, 2, 12, 2, 3f, 3f, 0x6776635f73656564L,
                DctIntraCodec.ID, null, DEFAULT_BPP, DEFAULT_BOUNDARY_SHARE, false, "",
                Runtime.getRuntime().availableProcessors());
    }

    public CodecParams {
        if (gopFrames < 2) {
            throw new IllegalArgumentException("GOP must have at least 2 frames, got " + gopFrames);
        }
        if (codebookSize < 1) {
            throw new IllegalArgumentException("K must be >= 1, got " + codebookSize);
        }
        // one M limit for the options, this record, the writer and the reader (Limits.MAX_ATOMS)
        int maxM = Math.min(codebookSize, io.gvc.codec.bitstream.Limits.MAX_ATOMS);
        if (m != null && (m < 0 || m > maxM)) {
            throw new IllegalArgumentException("M must be within 0.." + maxM + " (K = " + codebookSize
                    + ", at most " + io.gvc.codec.bitstream.Limits.MAX_ATOMS + "), got " + m);
        }
        if (mTail != null && (mTail < 0 || mTail > maxM)) {
            throw new IllegalArgumentException("M_tail must be within 0.." + maxM + ", got " + mTail);
        }
        if (keyframeQuality != null && (keyframeQuality < 1 || keyframeQuality > 100)) {
            throw new IllegalArgumentException("keyframe quality must be 1..100, got " + keyframeQuality);
        }
        if (!(targetBpp > 0)) {
            throw new IllegalArgumentException("target bpp must be positive, got " + targetBpp);
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1");
        }
        if (maxSegments < 1 || maxSegments > MAX_SEGMENTS) {
            throw new IllegalArgumentException("max segments must be within 1.." + MAX_SEGMENTS + ", got " + maxSegments);
        }
        if (intraPeriod < 1) {
            throw new IllegalArgumentException("intra period must be >= 1 GOP, got " + intraPeriod);
        }
        prompt = prompt == null ? "" : prompt;
    }

    /** The settings with the default intra period and segments ({@link #DEFAULT_INTRA_PERIOD}, {@link #DEFAULT_MAX_SEGMENTS}). */
    public CodecParams(Variant variant, int gopFrames, int latentDownscale, int temporalStride, int codebookSize,
                       Integer m, Integer mTail, int tailLatentFrames, int steps, int tailSteps, float shift,
                       float gScale, long seed, String intraCodec, Integer keyframeQuality, double targetBpp,
                       double boundaryShare, boolean tailResidual, String prompt, int threads) {
        this(variant, gopFrames, latentDownscale, temporalStride, codebookSize, m, mTail, tailLatentFrames, steps,
                tailSteps, shift, gScale, seed, intraCodec, keyframeQuality, targetBpp, boundaryShare, tailResidual,
                prompt, threads, DEFAULT_INTRA_PERIOD, DEFAULT_MAX_SEGMENTS);
    }

    public CodecParams withMaxSegments(int segments) {
        return new CodecParams(variant, gopFrames, latentDownscale, temporalStride, codebookSize, m, mTail,
                tailLatentFrames, steps, tailSteps, shift, gScale, seed, intraCodec, keyframeQuality, targetBpp,
                boundaryShare, tailResidual, prompt, threads, intraPeriod, segments);
    }

    public CodecParams withIntraPeriod(int gops) {
        return new CodecParams(variant, gopFrames, latentDownscale, temporalStride, codebookSize, m, mTail,
                tailLatentFrames, steps, tailSteps, shift, gScale, seed, intraCodec, keyframeQuality, targetBpp,
                boundaryShare, tailResidual, prompt, threads, gops, maxSegments);
    }

    public CodecParams withVariant(Variant v) {
        return new CodecParams(v, gopFrames, latentDownscale, temporalStride, codebookSize, m, mTail, tailLatentFrames,
                steps, tailSteps, shift, gScale, seed, intraCodec, keyframeQuality, targetBpp, boundaryShare,
                tailResidual, prompt, threads, intraPeriod, maxSegments);
    }

    public CodecParams withAtoms(Integer newM) {
        return new CodecParams(variant, gopFrames, latentDownscale, temporalStride, codebookSize, newM, mTail,
                tailLatentFrames, steps, tailSteps, shift, gScale, seed, intraCodec, keyframeQuality, targetBpp,
                boundaryShare, tailResidual, prompt, threads, intraPeriod, maxSegments);
    }

    public CodecParams withTargetBpp(double bpp) {
        return new CodecParams(variant, gopFrames, latentDownscale, temporalStride, codebookSize, m, mTail,
                tailLatentFrames, steps, tailSteps, shift, gScale, seed, intraCodec, keyframeQuality, bpp,
                boundaryShare, tailResidual, prompt, threads, intraPeriod, maxSegments);
    }

    public CodecParams withThreads(int n) {
        return new CodecParams(variant, gopFrames, latentDownscale, temporalStride, codebookSize, m, mTail,
                tailLatentFrames, steps, tailSteps, shift, gScale, seed, intraCodec, keyframeQuality, targetBpp,
                boundaryShare, tailResidual, prompt, n, intraPeriod, maxSegments);
    }

    public CodecParams withIntra(String codecId, Integer quality) {
        return new CodecParams(variant, gopFrames, latentDownscale, temporalStride, codebookSize, m, mTail,
                tailLatentFrames, steps, tailSteps, shift, gScale, seed, codecId, quality, targetBpp,
                boundaryShare, tailResidual, prompt, threads, intraPeriod, maxSegments);
    }

    public CodecParams withGopFrames(int frames) {
        return new CodecParams(variant, frames, latentDownscale, temporalStride, codebookSize, m, mTail,
                tailLatentFrames, steps, tailSteps, shift, gScale, seed, intraCodec, keyframeQuality, targetBpp,
                boundaryShare, tailResidual, prompt, threads, intraPeriod, maxSegments);
    }

    public CodecParams withPrompt(String text) {
        return new CodecParams(variant, gopFrames, latentDownscale, temporalStride, codebookSize, m, mTail,
                tailLatentFrames, steps, tailSteps, shift, gScale, seed, intraCodec, keyframeQuality, targetBpp,
                boundaryShare, tailResidual, text, threads, intraPeriod, maxSegments);
    }
}
