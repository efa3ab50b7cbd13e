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
                          double targetBpp, double boundaryShare, boolean tailResidual, String prompt, int threads) {

    public static final double DEFAULT_BPP = 0.03;

    public static CodecParams defaults() {
        return new CodecParams(Variant.FLF2V, 33, 0, 2, 1024, null, null, 2, 12, 2, 3f, 3f, 0x6776635f73656564L,
                DctIntraCodec.ID, null, DEFAULT_BPP, 0.5, false, "", Runtime.getRuntime().availableProcessors());
    }

    public CodecParams {
        if (gopFrames < 2) {
            throw new IllegalArgumentException("GOP must have at least 2 frames, got " + gopFrames);
        }
        if (codebookSize < 1) {
            throw new IllegalArgumentException("K must be >= 1, got " + codebookSize);
        }
        if (m != null && (m < 0 || m > codebookSize)) {
            throw new IllegalArgumentException("M must be within 0..K (" + codebookSize + "), got " + m);
        }
        if (mTail != null && (mTail < 0 || mTail > codebookSize)) {
            throw new IllegalArgumentException("M_tail must be within 0..K, got " + mTail);
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
        prompt = prompt == null ? "" : prompt;
    }

    public CodecParams withVariant(Variant v) {
        return new CodecParams(v, gopFrames, latentDownscale, temporalStride, codebookSize, m, mTail, tailLatentFrames,
                steps, tailSteps, shift, gScale, seed, intraCodec, keyframeQuality, targetBpp, boundaryShare,
                tailResidual, prompt, threads);
    }

    public CodecParams withAtoms(Integer newM) {
        return new CodecParams(variant, gopFrames, latentDownscale, temporalStride, codebookSize, newM, mTail,
                tailLatentFrames, steps, tailSteps, shift, gScale, seed, intraCodec, keyframeQuality, targetBpp,
                boundaryShare, tailResidual, prompt, threads);
    }

    public CodecParams withTargetBpp(double bpp) {
        return new CodecParams(variant, gopFrames, latentDownscale, temporalStride, codebookSize, m, mTail,
                tailLatentFrames, steps, tailSteps, shift, gScale, seed, intraCodec, keyframeQuality, bpp,
                boundaryShare, tailResidual, prompt, threads);
    }

    public CodecParams withThreads(int n) {
        return new CodecParams(variant, gopFrames, latentDownscale, temporalStride, codebookSize, m, mTail,
                tailLatentFrames, steps, tailSteps, shift, gScale, seed, intraCodec, keyframeQuality, targetBpp,
                boundaryShare, tailResidual, prompt, n);
    }

    public CodecParams withIntra(String codecId, Integer quality) {
        return new CodecParams(variant, gopFrames, latentDownscale, temporalStride, codebookSize, m, mTail,
                tailLatentFrames, steps, tailSteps, shift, gScale, seed, codecId, quality, targetBpp,
                boundaryShare, tailResidual, prompt, threads);
    }

    public CodecParams withGopFrames(int frames) {
        return new CodecParams(variant, frames, latentDownscale, temporalStride, codebookSize, m, mTail,
                tailLatentFrames, steps, tailSteps, shift, gScale, seed, intraCodec, keyframeQuality, targetBpp,
                boundaryShare, tailResidual, prompt, threads);
    }

    public CodecParams withPrompt(String text) {
        return new CodecParams(variant, gopFrames, latentDownscale, temporalStride, codebookSize, m, mTail,
                tailLatentFrames, steps, tailSteps, shift, gScale, seed, intraCodec, keyframeQuality, targetBpp,
                boundaryShare, tailResidual, text, threads);
    }
}
