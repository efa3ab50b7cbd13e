package io.gvc.cli;

import io.gvc.codec.CodecParams;
import io.gvc.codec.StreamEncoder;
import io.gvc.codec.StreamInfo;
import io.gvc.codec.bitstream.Limits;
import io.gvc.codec.frame.Video;
import io.gvc.codec.intra.IntraCodecs;
import io.gvc.codec.prior.FlowPrior;
import io.gvc.codec.variant.Variant;
import io.gvc.media.VideoWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "encode", mixinStandardHelpOptions = true,
        description = {"Encode a video file (.y4m, .mp4, .mkv, .webm, .mov, or raw .yuv with --size) to a .gvc stream.",
            "Without -M, rate control picks M and the boundary quality per GOP to land near --bpp,",
            "or holds the keyframe chain at --quality (constant quality, like x265's CRF)."},
        sortOptions = false, defaultValueProvider = CodecDefaults.class)
final class EncodeCommand implements Callable<Integer> {

    @Option(names = {"-i", "--input"}, required = true, description = "Input video.")
    Path input;

    @Option(names = {"-o", "--output"}, required = true, description = "Output .gvc file.")
    Path output;

    @Option(names = "--frames", description = "Encode only the first N frames, N >= 1 (default: all).")
    Integer frames;

    @Option(names = "--size", paramLabel = "WxH",
            description = "Raw .yuv input: picture size, e.g. 176x144 (default: from a name like clip_320x192_12fps.yuv).")
    String size;

    @Option(names = "--fps", paramLabel = "RATE",
            description = "Raw .yuv input: frame rate, e.g. 25 or 30000/1001 (default: from the name, else 25).")
    String fps;

    @Option(names = "--bpp", description = "Target bits per pixel, all bits counted (default: ${DEFAULT-VALUE}).")
    double bpp;

    @Option(names = "--quality", description = "Constant-quality rate control instead of --bpp, like x265's --crf: "
            + "every GOP's keyframe chain at this quality, 1..100 (higher is finer), mid-GOP keyframes and between "
            + "pictures chosen within what that chain costs, the atoms their share of it; the bits follow the "
            + "content. Excludes --keyframe-quality.")
    Integer quality;

    @Option(names = "--variant", description = "flf2v (first+last frame, default), i2v (first frame + tail atoms), "
            + "t2v (prompt only).")
    String variant;

    @Option(names = "--gop", description = "Frames per GOP, shared boundary included, 2.." + Limits.MAX_GOP_FRAMES
            + " (default: ${DEFAULT-VALUE}).")
    int gop;

    @Option(names = "-K", description = "Codebook size: atoms per step and latent frame, 1.." + Limits.MAX_CODEBOOK
            + " (default: ${DEFAULT-VALUE}).")
    int k;

    @Option(names = "-M", description = "Atoms chosen per step and latent frame; overrides --bpp's choice.")
    Integer m;

    @Option(names = "--m-tail", description = "I2V: atoms for the last latent frames (default: 2 x M).")
    Integer mTail;

    @Option(names = "--steps", description = "Sampler steps (default: ${DEFAULT-VALUE}).")
    int steps;

    @Option(names = "--tail-steps", description = "Deterministic Euler steps at the end, no atoms (default: ${DEFAULT-VALUE}).")
    int tailSteps;

    @Option(names = "--shift", description = "Time-grid shift (default: ${DEFAULT-VALUE}).")
    float shift;

    @Option(names = "--g-scale", description = "SDE noise scale g = g_scale t^2 (default: ${DEFAULT-VALUE}).")
    float gScale;

    @Option(names = "--stride", description = "A latent frame every N pictures (default: ${DEFAULT-VALUE}).")
    int stride;

    @Option(names = "--latent-downscale", description = "Latent keeps 1/N of the DCT per side, 1.." + Limits.MAX_DOWNSCALE
            + " (default: by size).")
    int latentDownscale;

    @Option(names = "--prompt", description = "T2V: the text prompt carried as side information (at most "
            + Limits.MAX_PROMPT_BYTES + " bytes of UTF-8).")
    String prompt;

    @Option(names = "--keyframe-quality", description = "Boundary-frame quality 1..100 (default: chosen by --bpp).")
    Integer keyframeQuality;

    @Option(names = "--intra", description = "Boundary-frame codec: x265, x264 or gvc-dct (default: x265 when FFmpeg has it).")
    String intra;

    @CommandLine.Mixin
    RandomAccessOptions randomAccess = new RandomAccessOptions();

    @CommandLine.Mixin
    KeyframePlanOptions keyframePlans = new KeyframePlanOptions();

    @Option(names = "--tail-residual", description = "I2V: also send a coarse residual of the last latent frame.")
    boolean tailResidual;

    @Option(names = "--seed", description = "Codebook seed (default: the project's fixed seed).")
    Long seed;

    @Option(names = "--recon", description = "Also write the decoder's reconstruction (.y4m or .mp4).")
    Path recon;

    @CommandLine.Mixin
    ModelOptions modelOptions;

    /**
     * Every option against the limits the bitstream reader applies (codec/bitstream/Limits), before
     * anything is read: a bad one is a usage error (exit 2) naming the option and its range.
     */
    private CodecParams checkedParams(String intraId) {
        Variant v = Variant.parse(variant);
        if (frames != null) {
            Limits.checkRange("--frames", frames, 1, Integer.MAX_VALUE);
        }
        Limits.checkRange("--gop", gop, v.minGopFrames(), Limits.MAX_GOP_FRAMES);
        Limits.checkRange("-K", k, 1, Limits.MAX_CODEBOOK);
        if (m != null) {
            Limits.checkRange("-M", m, 0, Limits.maxAtoms(k));
        }
        if (mTail != null) {
            Limits.checkRange("--m-tail", mTail, 0, Limits.maxAtoms(k));
        }
        Limits.checkRange("--steps", steps, 1, Limits.MAX_STEPS);
        Limits.checkRange("--tail-steps", tailSteps, 0, steps);
        Limits.checkRange("--stride", stride, 1, Limits.MAX_STRIDE);
        if (latentDownscale != 0) { // 0: chosen by the picture size
            Limits.checkRange("--latent-downscale", latentDownscale, 1, Limits.MAX_DOWNSCALE);
        }
        if (keyframeQuality != null) {
            Limits.checkRange("--keyframe-quality", keyframeQuality, Limits.MIN_QUALITY, Limits.MAX_QUALITY);
        }
        if (quality != null) {
            Limits.checkRange("--quality", quality, Limits.MIN_QUALITY, Limits.MAX_QUALITY);
            if (keyframeQuality != null) {
                throw new IllegalArgumentException("--quality and --keyframe-quality exclude each other: --quality "
                        + "holds the chain's quality and lets the rate control place keyframes, --keyframe-quality fixes "
                        + "every keyframe");
            }
        }
        randomAccess.check();
        keyframePlans.check();
        Limits.checkPrompt("--prompt", prompt);
        if (!(shift > 0)) {
            throw new IllegalArgumentException("--shift must be positive, got " + shift);
        }
        if (!(gScale >= 0) || Float.isInfinite(gScale)) {
            throw new IllegalArgumentException("--g-scale must be >= 0 and finite, got " + gScale);
        }
        if (!(bpp > 0) || Double.isInfinite(bpp)) {
            throw new IllegalArgumentException("--bpp must be positive and finite, got " + bpp);
        }
        if (modelOptions.threads != null) {
            Limits.checkRange("--threads", modelOptions.threads, 1, Limits.MAX_THREADS);
        }
        io.gvc.codec.CodecParamsBuilder p = CodecParams.builder().variant(v).gopFrames(gop).latentDownscale(latentDownscale)
                .temporalStride(stride).codebookSize(k).m(m).mTail(mTail).steps(steps).tailSteps(tailSteps)
                .shift(shift).gScale(gScale).intraCodec(intraId).keyframeQuality(keyframeQuality).targetBpp(bpp).targetQuality(quality)
                .tailResidual(tailResidual).prompt(prompt).threads(modelOptions.threads());
        keyframePlans.apply(p);
        randomAccess.apply(p);
        if (seed != null) {
            p.seed(seed);
        }
        return p.build();
    }

    @Override
    public Integer call() throws Exception {
        String intraId = intra != null ? intra : IntraCodecs.defaultId();
        CodecParams p = checkedParams(intraId);
        IntraCodecs.byId(intraId); // fail early, naming the codecs there are
        if (recon != null) {
            Outputs.checkVideoExtension("--recon", recon);
        }
        Outputs.checkWritable("--output", output);
        if (recon != null) {
            Outputs.checkWritable("--recon", recon);
        }
        Inputs.checkClip(input, size, fps);
        FlowPrior prior = modelOptions.prior(p.variant());
        Video video = Inputs.clip(input, frames == null ? Integer.MAX_VALUE : frames, size, fps);
        System.err.printf(Locale.ROOT, "encode: %s, %d frames %dx%d, %s, K=%d, %s, boundaries by %s%n", input,
                video.frameCount(), video.format().width(), video.format().height(), p.variant(), k,
                m != null ? "M=" + m : quality != null ? "quality " + quality : "target " + bpp + " bpp", intraId);
        StreamEncoder.Result r = StreamEncoder.encode(video, p, prior, new ProgressLine("encode", System.err));
        Outputs.write(output, r.file());
        if (recon != null) {
            Outputs.write(recon, to -> VideoWriter.write(r.reconstruction(), to));
        }
        StreamInfo info = StreamInfo.of(r.file());
        System.out.printf(Locale.ROOT, "%s: %d bytes, %.4f bpp (%.5f per colour sample, paper convention), "
                        + "%.1f kbit/s, PSNR-Y %.2f dB%n", output, info.bytes(), info.bpp(), info.bppPerColourSample(),
                info.kbps(), info.encoderSse().psnrY());
        return ExitCodes.OK;
    }
}
