package io.gvc.jobs.cli;

import io.gvc.codec.CodecParams;
import io.gvc.codec.StreamEncoder;
import io.gvc.codec.StreamInfo;
import io.gvc.codec.frame.Video;
import io.gvc.codec.intra.IntraCodecs;
import io.gvc.codec.prior.FlowPrior;
import io.gvc.codec.variant.Variant;
import io.gvc.jobs.media.VideoWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "encode", mixinStandardHelpOptions = true,
        description = {"Encode a video file (.y4m, .mp4, .mkv, .webm, .mov, or raw .yuv with --size) to a .gvc stream.",
            "Without -M, rate control picks M and the boundary quality per GOP to land near --bpp."},
        sortOptions = false)
final class EncodeCommand implements Callable<Integer> {

    @Option(names = {"-i", "--input"}, required = true, description = "Input video.")
    Path input;

    @Option(names = {"-o", "--output"}, required = true, description = "Output .gvc file.")
    Path output;

    @Option(names = "--frames", description = "Encode only the first N frames (default: all).")
    Integer frames;

    @Option(names = "--bpp", description = "Target bits per pixel, all bits counted (default: ${DEFAULT-VALUE}).",
            defaultValue = "0.03")
    double bpp;

    @Option(names = "--variant", description = "flf2v (first+last frame, default), i2v (first frame + tail atoms), "
            + "t2v (prompt only).", defaultValue = "flf2v")
    String variant;

    @Option(names = "--gop", description = "Frames per GOP, shared boundary included (default: ${DEFAULT-VALUE}).",
            defaultValue = "33")
    int gop;

    @Option(names = "-K", description = "Codebook size: atoms per step and latent frame (default: ${DEFAULT-VALUE}).",
            defaultValue = "1024")
    int k;

    @Option(names = "-M", description = "Atoms chosen per step and latent frame; overrides --bpp's choice.")
    Integer m;

    @Option(names = "--m-tail", description = "I2V: atoms for the last latent frames (default: 2 x M).")
    Integer mTail;

    @Option(names = "--steps", description = "Sampler steps (default: ${DEFAULT-VALUE}).", defaultValue = "12")
    int steps;

    @Option(names = "--tail-steps", description = "Deterministic Euler steps at the end, no atoms (default: ${DEFAULT-VALUE}).",
            defaultValue = "2")
    int tailSteps;

    @Option(names = "--shift", description = "Time-grid shift (default: ${DEFAULT-VALUE}).", defaultValue = "3")
    float shift;

    @Option(names = "--g-scale", description = "SDE noise scale g = g_scale t^2 (default: ${DEFAULT-VALUE}).",
            defaultValue = "3")
    float gScale;

    @Option(names = "--stride", description = "A latent frame every N pictures (default: ${DEFAULT-VALUE}).",
            defaultValue = "2")
    int stride;

    @Option(names = "--latent-downscale", description = "Latent keeps 1/N of the DCT per side (default: by size).")
    int latentDownscale;

    @Option(names = "--prompt", description = "T2V: the text prompt carried as side information.", defaultValue = "")
    String prompt;

    @Option(names = "--keyframe-quality", description = "Boundary-frame quality 1..100 (default: chosen by --bpp).")
    Integer keyframeQuality;

    @Option(names = "--intra", description = "Boundary-frame codec: x265, x264 or gvc-dct (default: x265 when FFmpeg has it).")
    String intra;

    @Option(names = "--tail-residual", description = "I2V: also send a coarse residual of the last latent frame.")
    boolean tailResidual;

    @Option(names = "--seed", description = "Codebook seed (default: the project's fixed seed).")
    Long seed;

    @Option(names = "--recon", description = "Also write the decoder's reconstruction (.y4m or .mp4).")
    Path recon;

    @CommandLine.Mixin
    ModelOptions modelOptions;

    @Override
    public Integer call() throws Exception {
        Video video = Inputs.video(input, frames == null ? Integer.MAX_VALUE : frames, null, null);
        FlowPrior prior = modelOptions.prior(Variant.parse(variant));
        CodecParams d = CodecParams.defaults();
        String intraId = intra != null ? intra : IntraCodecs.available().containsKey("x265") ? "x265" : d.intraCodec();
        IntraCodecs.byId(intraId); // fail early, naming the codecs there are
        CodecParams p = new CodecParams(Variant.parse(variant), gop, latentDownscale, stride, k, m, mTail,
                d.tailLatentFrames(), steps, tailSteps, shift, gScale, seed != null ? seed : d.seed(), intraId,
                keyframeQuality, bpp, d.boundaryShare(), tailResidual, prompt,
                modelOptions.threads());
        System.err.printf(Locale.ROOT, "encode: %s, %d frames %dx%d, %s, K=%d, %s, boundaries by %s%n", input,
                video.frameCount(), video.format().width(), video.format().height(), p.variant(), k,
                m != null ? "M=" + m : "target " + bpp + " bpp", intraId);
        StreamEncoder.Result r = StreamEncoder.encode(video, p, prior, new ProgressLine("encode", System.err));
        Path parent = output.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.write(output, r.file());
        if (recon != null) {
            VideoWriter.write(r.reconstruction(), recon);
        }
        StreamInfo info = StreamInfo.of(r.file());
        System.out.printf(Locale.ROOT, "%s: %d bytes, %.4f bpp (%.5f per colour sample, paper convention), "
                        + "%.1f kbit/s, PSNR-Y %.2f dB%n", output, info.bytes(), info.bpp(), info.bppPerColourSample(),
                info.kbps(), info.encoderSse().psnrY());
        return ExitCodes.OK;
    }
}
