package io.gvc.codec;

import io.gvc.codec.bitstream.ImpliedConfig;
import io.gvc.codec.bitstream.Limits;
import io.gvc.codec.intra.DctIntraCodec;
import io.gvc.codec.rate.BridgeRule;
import io.gvc.codec.variant.Variant;

/**
 * Encoder settings, built by name with {@link #builder()} ({@link CodecParamsBuilder}) from the
 * defaults declared here, the one place they are decided. {@code m} and {@code keyframeQuality} are
 * null when rate control should choose them. The rate control holds {@code targetBpp} (bits per
 * GOP), or, where {@code targetQuality} is set, that quality of every GOP's keyframe chain (constant
 * quality, like x265's CRF: the bits follow the content); {@code latentDownscale} 0 means "pick for
 * the picture size".
 *
 * <p>Defaults suit every size, because bits per atom do not depend on resolution: K = 1024 (the
 * prototype found 4096 only 0.05-0.15 dB better at equal bits), 12 steps of which 10 stochastic
 * (fewer steps with more atoms each matched 20 steps at half the search), a latent frame every
 * second picture, and a target of 0.03 bits per pixel.
 *
 * <p>The defaults a stream's config may leave out (F, K, the steps, shift, noise scale and seed) are
 * the bitstream's {@link ImpliedConfig} values, taken from there, so that a stream coded with them
 * spends one byte on those fields (bitstream version 14); the reasons for each stay here.
 */
public record CodecParams(Variant variant, int gopFrames, int latentDownscale, int temporalStride,
                          int codebookSize, Integer m, Integer mTail, int tailLatentFrames, int steps, int tailSteps,
                          float shift, float gScale, long seed, String intraCodec, Integer keyframeQuality,
                          double targetBpp, Integer targetQuality, double boundaryShare, boolean tailResidual,
                          String prompt, int threads, int intraPeriod, int maxSegments, BridgeRule bridgeRule,
                          boolean independentPeriods) {

    public static final double DEFAULT_BPP = 0.03;
    /**
     * Frames per GOP, shared boundary included. Measured on the tuning clips with the keyframe
     * chain and the bridge, no atoms: on man-skiing (fast motion) 17 needed 26 % fewer bytes than 33
     * for a better LPIPS (16977 bytes 0.249 against 22832 bytes 0.331) and 9 was better still; on
     * yoga (static camera) 33 was better than 17 (both measured with no atoms, at share 0.5, before
     * the SSIM rule of the fidelity knob). Half the bridge's span also halves the ghosting of
     * things that move; mid-GOP keyframes ({@link #DEFAULT_MAX_SEGMENTS}) cut it further per GOP.
     */
    public static final int DEFAULT_GOP_FRAMES = ImpliedConfig.GOP_FRAMES_VALUE;
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
     * stream; the boundaries between are predicted from the previous one ({@link RandomAccess}).
     * 8 GOPs of 17 frames is about 5 s at 25 fps.
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
     * yoga coded byte for byte as with 4 at the targets measured with both. The per-GOP answer to
     * the GOP length the tuning clips disagreed on. Not 16 (every frame a keyframe where SSIM says so;
     * measured as an experiment on bitstream version 5, not in the code): man-skiing's PSNR-Y BD-rate
     * went from +69.6 % to +33.1 % and MS-SSIM from +60.5 % to +38.7 %, but LPIPS from +1.3 % to +5.6 %
     * (keyframes at a lower quality each), and LPIPS is what the codec is tuned for. Measured again with
     * codec v7's bridge offsets (2026-12-05, docs/results.md "Codec v7"): the same trade (man-skiing
     * PSNR-Y +51.6 -> +14.8 %, LPIPS -5.8 -> -4.8 %).
     */
    public static final int DEFAULT_MAX_SEGMENTS = 8;
    /** Every anchor mode, chosen by measured cost ({@link BridgeRule} has the measurements). */
    public static final BridgeRule DEFAULT_BRIDGE_RULE = BridgeRule.AUTO;
    public static final Variant DEFAULT_VARIANT = Variant.FLF2V;
    /** 0: the latent downscale is picked for the picture size ({@code DctLatentSpace.defaultDownscale}). */
    public static final int DEFAULT_LATENT_DOWNSCALE = 0;
    /** A latent frame every second picture; the pictures between are interpolated. */
    public static final int DEFAULT_TEMPORAL_STRIDE = 2;
    /** K: the prototype found 4096 only 0.05-0.15 dB better at equal bits. */
    public static final int DEFAULT_CODEBOOK_SIZE = ImpliedConfig.CODEBOOK_SIZE_VALUE;
    /** I2V: latent frames at the end of a GOP that get M_tail atoms. */
    public static final int DEFAULT_TAIL_LATENT_FRAMES = 2;
    /** Fewer steps with more atoms each matched 20 steps at half the search. */
    public static final int DEFAULT_STEPS = ImpliedConfig.STEPS_VALUE;
    /** Deterministic Euler steps at the end, without atoms. */
    public static final int DEFAULT_TAIL_STEPS = ImpliedConfig.TAIL_STEPS_VALUE;
    public static final float DEFAULT_SHIFT = ImpliedConfig.SHIFT_VALUE;
    public static final float DEFAULT_G_SCALE = ImpliedConfig.G_SCALE_VALUE;
    /** The project's fixed codebook seed: "gvc_seed". */
    public static final long DEFAULT_SEED = ImpliedConfig.SEED_VALUE;
    /** The pure-Java boundary codec; the CLI and the live encoder pick theirs with {@code IntraCodecs.defaultId()}. */
    public static final String DEFAULT_INTRA_CODEC = DctIntraCodec.ID;
    public static final String DEFAULT_PROMPT = "";

    /** Every setting at its default (threads: all cores). */
    public static CodecParams defaults() {
        return builder().build();
    }

    /** A builder that starts from the defaults. */
    public static CodecParamsBuilder builder() {
        return new CodecParamsBuilder();
    }

    /** A builder that starts from these settings. */
    public CodecParamsBuilder toBuilder() {
        return new CodecParamsBuilder(this);
    }

    /**
     * Every setting against {@link Limits}, the bounds the bitstream writer and reader apply too, so
     * settings that pass here code a stream every decoder reads.
     */
    public CodecParams {
        java.util.Objects.requireNonNull(variant, "variant");
        java.util.Objects.requireNonNull(intraCodec, "intraCodec");
        java.util.Objects.requireNonNull(bridgeRule, "bridgeRule");
        Limits.checkRange("GOP frames", gopFrames, variant.minGopFrames(), Limits.MAX_GOP_FRAMES);
        if (latentDownscale != 0) { // 0: picked for the picture size
            Limits.checkRange("latent downscale", latentDownscale, 1, Limits.MAX_DOWNSCALE);
        }
        Limits.checkRange("temporal stride", temporalStride, 1, Limits.MAX_STRIDE);
        Limits.checkRange("K", codebookSize, 1, Limits.MAX_CODEBOOK);
        int maxM = Limits.maxAtoms(codebookSize);
        if (m != null && (m < 0 || m > maxM)) {
            throw new IllegalArgumentException("M must be within 0.." + maxM + " (K = " + codebookSize
                    + ", at most " + Limits.MAX_ATOMS + "), got " + m);
        }
        if (mTail != null && (mTail < 0 || mTail > maxM)) {
            throw new IllegalArgumentException("M_tail must be within 0.." + maxM + ", got " + mTail);
        }
        Limits.checkRange("tail latent frames", tailLatentFrames, 0, Limits.MAX_TAIL_LATENT_FRAMES);
        Limits.checkRange("steps", steps, 1, Limits.MAX_STEPS);
        Limits.checkRange("tail steps", tailSteps, 0, steps);
        if (!(shift > 0) || Float.isInfinite(shift)) {
            throw new IllegalArgumentException("shift must be positive and finite, got " + shift);
        }
        if (!(gScale >= 0) || Float.isInfinite(gScale)) {
            throw new IllegalArgumentException("g scale must be >= 0 and finite, got " + gScale);
        }
        if (keyframeQuality != null && (keyframeQuality < Limits.MIN_QUALITY || keyframeQuality > Limits.MAX_QUALITY)) {
            throw new IllegalArgumentException("keyframe quality must be " + Limits.MIN_QUALITY + ".."
                    + Limits.MAX_QUALITY + ", got " + keyframeQuality);
        }
        if (targetQuality != null) {
            if (targetQuality < Limits.MIN_QUALITY || targetQuality > Limits.MAX_QUALITY) {
                throw new IllegalArgumentException("target quality must be " + Limits.MIN_QUALITY + ".."
                        + Limits.MAX_QUALITY + ", got " + targetQuality);
            }
            if (keyframeQuality != null) {
                throw new IllegalArgumentException("a target quality and a fixed keyframe quality exclude each other");
            }
            if (!(boundaryShare > 0)) {
                throw new IllegalArgumentException("a target quality needs a boundary share above 0 (the atoms get a"
                        + " share of what the keyframes spend), got " + boundaryShare);
            }
        }
        if (!(targetBpp > 0)) {
            throw new IllegalArgumentException("target bpp must be positive, got " + targetBpp);
        }
        if (!(boundaryShare >= 0 && boundaryShare <= 1)) {
            throw new IllegalArgumentException("boundary share must be within 0..1, got " + boundaryShare);
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1");
        }
        if (maxSegments < 1 || maxSegments > Limits.MAX_SEGMENTS) {
            throw new IllegalArgumentException("max segments must be within 1.." + Limits.MAX_SEGMENTS + ", got "
                    + maxSegments);
        }
        if (intraPeriod < 1 || intraPeriod > Limits.MAX_INTRA_PERIOD) {
            throw new IllegalArgumentException("intra period must be within 1.." + Limits.MAX_INTRA_PERIOD
                    + " GOPs, got " + intraPeriod);
        }
        prompt = Limits.checkPrompt("prompt", prompt == null ? "" : prompt);
    }

    public CodecParams withMaxSegments(int segments) {
        return toBuilder().maxSegments(segments).build();
    }

    public CodecParams withBridgeRule(BridgeRule rule) {
        return toBuilder().bridgeRule(rule).build();
    }

    public CodecParams withIntraPeriod(int gops) {
        return toBuilder().intraPeriod(gops).build();
    }

    /** The same settings with every intra period a chain of its own ({@link RandomAccess}), or not. */
    public CodecParams withIndependentPeriods(boolean independent) {
        return toBuilder().independentPeriods(independent).build();
    }

    /** Where the keyframe chain lets a decoder join and starts again. */
    public RandomAccess randomAccess() {
        return RandomAccess.of(this);
    }

    public CodecParams withVariant(Variant v) {
        return toBuilder().variant(v).build();
    }

    public CodecParams withAtoms(Integer newM) {
        return toBuilder().m(newM).build();
    }

    public CodecParams withTargetBpp(double bpp) {
        return toBuilder().targetBpp(bpp).build();
    }

    public CodecParams withTargetQuality(Integer quality) {
        return toBuilder().targetQuality(quality).build();
    }

    /** Whether the rate control holds a quality ({@link #targetQuality}) rather than a rate ({@link #targetBpp}). */
    public boolean holdsQuality() {
        return targetQuality != null;
    }

    public CodecParams withThreads(int n) {
        return toBuilder().threads(n).build();
    }

    public CodecParams withIntra(String codecId, Integer quality) {
        return toBuilder().intraCodec(codecId).keyframeQuality(quality).build();
    }

    public CodecParams withGopFrames(int frames) {
        return toBuilder().gopFrames(frames).build();
    }

    public CodecParams withPrompt(String text) {
        return toBuilder().prompt(text).build();
    }
}
