package io.gvc.codec;

import io.gvc.codec.rate.BridgeRule;
import io.gvc.codec.variant.Variant;

/**
 * {@link CodecParams} by name: starts from its defaults (or from given settings) and sets what differs;
 * {@link #build} checks the whole against the limits. The one place besides the record header
 * that lists every field.
 */
public final class CodecParamsBuilder {
    private Variant variant = CodecParams.DEFAULT_VARIANT;
    private int gopFrames = CodecParams.DEFAULT_GOP_FRAMES;
    private int latentDownscale = CodecParams.DEFAULT_LATENT_DOWNSCALE;
    private int temporalStride = CodecParams.DEFAULT_TEMPORAL_STRIDE;
    private int codebookSize = CodecParams.DEFAULT_CODEBOOK_SIZE;
    private Integer m;                // null: rate control
    private Integer mTail;            // null: follows M
    private int tailLatentFrames = CodecParams.DEFAULT_TAIL_LATENT_FRAMES;
    private int steps = CodecParams.DEFAULT_STEPS;
    private int tailSteps = CodecParams.DEFAULT_TAIL_STEPS;
    private float shift = CodecParams.DEFAULT_SHIFT;
    private float gScale = CodecParams.DEFAULT_G_SCALE;
    private long seed = CodecParams.DEFAULT_SEED;
    private String intraCodec = CodecParams.DEFAULT_INTRA_CODEC;
    private Integer keyframeQuality;  // null: rate control
    private double targetBpp = CodecParams.DEFAULT_BPP;
    private Integer targetQuality;    // null: the rate control holds targetBpp
    private double boundaryShare = CodecParams.DEFAULT_BOUNDARY_SHARE;
    private boolean tailResidual;
    private String prompt = CodecParams.DEFAULT_PROMPT;
    private int threads = Runtime.getRuntime().availableProcessors();
    private int intraPeriod = CodecParams.DEFAULT_INTRA_PERIOD;
    private int maxSegments = CodecParams.DEFAULT_MAX_SEGMENTS;
    private BridgeRule bridgeRule = CodecParams.DEFAULT_BRIDGE_RULE;
    private boolean independentPeriods;

    CodecParamsBuilder() {
    }

    CodecParamsBuilder(CodecParams p) {
        variant = p.variant();
        gopFrames = p.gopFrames();
        latentDownscale = p.latentDownscale();
        temporalStride = p.temporalStride();
        codebookSize = p.codebookSize();
        m = p.m();
        mTail = p.mTail();
        tailLatentFrames = p.tailLatentFrames();
        steps = p.steps();
        tailSteps = p.tailSteps();
        shift = p.shift();
        gScale = p.gScale();
        seed = p.seed();
        intraCodec = p.intraCodec();
        keyframeQuality = p.keyframeQuality();
        targetBpp = p.targetBpp();
        targetQuality = p.targetQuality();
        boundaryShare = p.boundaryShare();
        tailResidual = p.tailResidual();
        prompt = p.prompt();
        threads = p.threads();
        intraPeriod = p.intraPeriod();
        maxSegments = p.maxSegments();
        bridgeRule = p.bridgeRule();
        independentPeriods = p.independentPeriods();
    }

    public CodecParams build() {
        return new CodecParams(variant, gopFrames, latentDownscale, temporalStride, codebookSize, m, mTail,
                tailLatentFrames, steps, tailSteps, shift, gScale, seed, intraCodec, keyframeQuality, targetBpp,
                targetQuality, boundaryShare, tailResidual, prompt, threads, intraPeriod, maxSegments, bridgeRule,
                independentPeriods);
    }

    public CodecParamsBuilder variant(Variant v) {
        variant = v;
        return this;
    }

    /** Frames per GOP, the shared boundary frame included. */
    public CodecParamsBuilder gopFrames(int frames) {
        gopFrames = frames;
        return this;
    }

    /** 1/N of the DCT kept per side; 0 picks it for the picture size. */
    public CodecParamsBuilder latentDownscale(int n) {
        latentDownscale = n;
        return this;
    }

    /** A latent frame every {@code n} pictures. */
    public CodecParamsBuilder temporalStride(int n) {
        temporalStride = n;
        return this;
    }

    /** K, the codebook size. */
    public CodecParamsBuilder codebookSize(int k) {
        codebookSize = k;
        return this;
    }

    /** M, atoms per step and latent frame; null lets the rate control choose it from the target bpp. */
    public CodecParamsBuilder m(Integer atoms) {
        m = atoms;
        return this;
    }

    /** I2V: atoms of the tail latent frames; null follows M. */
    public CodecParamsBuilder mTail(Integer atoms) {
        mTail = atoms;
        return this;
    }

    public CodecParamsBuilder tailLatentFrames(int n) {
        tailLatentFrames = n;
        return this;
    }

    public CodecParamsBuilder steps(int n) {
        steps = n;
        return this;
    }

    public CodecParamsBuilder tailSteps(int n) {
        tailSteps = n;
        return this;
    }

    public CodecParamsBuilder shift(float s) {
        shift = s;
        return this;
    }

    public CodecParamsBuilder gScale(float g) {
        gScale = g;
        return this;
    }

    public CodecParamsBuilder seed(long s) {
        seed = s;
        return this;
    }

    public CodecParamsBuilder intraCodec(String id) {
        intraCodec = id;
        return this;
    }

    /** Boundary-picture quality 1..100; null lets the rate control choose it. */
    public CodecParamsBuilder keyframeQuality(Integer q) {
        keyframeQuality = q;
        return this;
    }

    public CodecParamsBuilder targetBpp(double bpp) {
        targetBpp = bpp;
        return this;
    }

    /**
     * Constant-quality rate control (null: the rate control holds {@link #targetBpp}): every GOP's
     * keyframe chain at this quality, 1..100, the bits following the content, as x265's CRF does.
     */
    public CodecParamsBuilder targetQuality(Integer quality) {
        targetQuality = quality;
        return this;
    }

    public CodecParamsBuilder boundaryShare(double share) {
        boundaryShare = share;
        return this;
    }

    public CodecParamsBuilder tailResidual(boolean on) {
        tailResidual = on;
        return this;
    }

    public CodecParamsBuilder prompt(String text) {
        prompt = text;
        return this;
    }

    public CodecParamsBuilder threads(int n) {
        threads = n;
        return this;
    }

    public CodecParamsBuilder intraPeriod(int gops) {
        intraPeriod = gops;
        return this;
    }

    /** Every intra period a chain of its own ({@link RandomAccess}); off by default. */
    public CodecParamsBuilder independentPeriods(boolean independent) {
        independentPeriods = independent;
        return this;
    }

    public CodecParamsBuilder bridgeRule(BridgeRule rule) {
        bridgeRule = rule;
        return this;
    }

    public CodecParamsBuilder maxSegments(int segments) {
        maxSegments = segments;
        return this;
    }
}
