package io.gvc.cli;

import io.gvc.codec.CodecParams;
import io.gvc.codec.bitstream.Limits;
import io.gvc.codec.frame.Video;
import io.gvc.codec.intra.IntraCodecs;
import io.gvc.codec.prior.FlowPrior;
import io.gvc.codec.variant.Variant;
import io.gvc.eval.BdEntry;
import io.gvc.eval.EvalClip;
import io.gvc.eval.EvalRun;
import io.gvc.eval.EvalSettings;
import io.gvc.eval.PointSpec;
import io.gvc.eval.RateLadder;
import io.gvc.eval.SharedData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * `gvc eval`: GVC against x264, x265, boundary interpolation and GVC without atoms (gvc-m0) on the same
 * decoded frames. It lives in the cli package for the shared ModelOptions and input reading; the work
 * is {@link EvalRun}'s.
 */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = {"Rate-distortion evaluation of GVC against x264, x265, boundary interpolation",
            "and GVC without atoms (gvc-m0). Each clip is coded with GVC over a ladder of",
            "target rates (--bpp, as gvc encode codes by default) and/or constant qualities",
            "(--quality, as gvc encode --quality and x265's CRF code), M chosen per GOP by",
            "the rate control unless -M fixes it;",
            "with x264/x265 over a CRF ladder and with gvc-m0 over GVC's ladder, all from the",
            "same decoded frames; every encoded file is kept in --out.",
            "Measures bytes on disk, bpp, PSNR-Y/YUV, MS-SSIM, LPIPS and times; writes",
            "results.csv, results.json, charts, side-by-side pictures, report.html and,",
            "per point, CLIP/frames/FILE_frames.csv: each frame's PSNR-Y and LPIPS and what",
            "it is (intra, predicted or between keyframe with its bytes, bridged, generated).",
            "A rerun of the same command reuses the points in --out/points.jsonl.", ""},
        sortOptions = false, defaultValueProvider = CodecDefaults.class)
final class EvalCommand implements Callable<Integer> {

    @Option(names = {"-i", "--input"}, required = true, arity = "1..*", paramLabel = "CLIP",
            description = "Clips (.y4m, .mp4, .mkv, .webm, .mov, raw .yuv).")
    List<Path> inputs;

    @Option(names = "--variants", split = ",", defaultValue = "flf2v,i2v,t2v",
            description = "GVC variants (default: ${DEFAULT-VALUE}).")
    List<String> variants;

    @Option(names = {"--m", "-M"}, split = ",", paramLabel = "M",
            description = "GVC at fixed M (atoms per step and latent frame): every M at every target, "
                    + "points named m=M,quality=Q or m=M,bpp=B (default: none; the rate control picks M per GOP "
                    + "from each target, as gvc encode does).")
    List<Integer> ms;

    @Option(names = "--baselines", split = ",", defaultValue = "x264,x265,interp",
            description = "Codecs GVC is compared with: x264, x265, interp, gvc-m0 (default: ${DEFAULT-VALUE}). "
                    + "gvc-m0 is each GVC variant with no atoms (M = 0, M_tail = 0: keyframe chain and anchor "
                    + "only; same boundary codec, model and GOP), reported as gvc-m0-<variant> and swept over "
                    + "GVC's ladder (or --m0-quality / --m0-bpp); each variant's BD-rates against it are what its "
                    + "atoms buy.")
    List<String> baselines;

    @Option(names = "--crf", split = ",", defaultValue = "51,47,43,39,35,31,27,23,19,15",
            description = "x264/x265 CRF ladder; 51 is their lowest rate (default: ${DEFAULT-VALUE}).")
    List<Integer> crfs;

    @Option(names = "--interp-quality", split = ",", defaultValue = "1,10,20,35,50,65,80",
            description = "Boundary qualities 1..100 of the interpolation reference (default: ${DEFAULT-VALUE}).")
    List<Integer> interpQualities;

    @Option(names = "--m0-quality", split = ",", paramLabel = "Q",
            description = "gvc-m0 sweep: constant qualities 1..100, points named quality=Q (default: GVC's "
                    + "ladder, so both curves cover the same rates and each gvc-m0 point has the keyframes of the "
                    + "GVC point at its target).")
    List<Integer> m0Qualities;

    @Option(names = "--m0-bpp", split = ",", paramLabel = "BPP",
            description = "gvc-m0 sweep: target bpp of each point. With M = 0 a target only sets the boundary "
                    + "frames' budget (their share of it, as for GVC), so the ladder moves the boundary quality the "
                    + "rate control picks; --keyframe-quality does not apply to gvc-m0 (default: GVC's ladder).")
    List<Double> m0Bpps;

    @Option(names = "--frames", description = "Use the first N frames of each clip (default: all).")
    Integer frames;

    @Option(names = {"-o", "--out"}, defaultValue = "eval-out",
            description = "Output folder; keeps every encoded file (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--gop", description = "GVC frames per GOP (default: ${DEFAULT-VALUE}).")
    int gop;

    @CommandLine.Mixin
    KeyframePlanOptions keyframePlans = new KeyframePlanOptions();

    @CommandLine.Mixin
    RandomAccessOptions randomAccess = new RandomAccessOptions();

    @Option(names = "-K", description = "GVC codebook size (default: ${DEFAULT-VALUE}).")
    int k;

    @Option(names = "--quality", split = ",", paramLabel = "Q",
            description = "GVC sweep: constant qualities 1..100, one point per variant and value, named "
                    + "quality=Q, coded as gvc encode --quality codes: every GOP's keyframe chain at Q, the bits "
                    + "following the content as x265's CRF does, the atoms their share of them; e.g. "
                    + "8,18,28,38,48,58 covered about the rates of x265's CRF 51..31 on 320x240 clips. Given alone, it replaces the --bpp "
                    + "ladder (default: none).")
    List<Integer> qualities;

    @Option(names = "--bpp", split = ",", paramLabel = "BPP", // no default: CodecDefaults.NONE
            description = "GVC sweep: target bits per pixel of each point, one point per variant and value, "
                    + "named bpp=B; the boundary frames get their share of each target (as in gvc encode --bpp) "
                    + "and the rate control spends the rest on atoms, choosing M per GOP (with -M: the M given, "
                    + "the target then sets the boundaries' budget only). With --quality, both ladders run "
                    + "(default, when --quality is not given: " + DEFAULT_BPP_TEXT + ", as gvc encode codes by "
                    + "default).")
    List<Double> bpps;

    @Option(names = "--keyframe-quality", description = "GVC boundary quality 1..100 at every --bpp point; the "
            + "atoms still get their share of each target (default: chosen by each target's budget).")
    Integer keyframeQuality;

    @Option(names = "--intra", description = "Boundary codec of GVC and interp: x265, x264 or gvc-dct "
            + "(default: x265 when FFmpeg has it).")
    String intra;

    @Option(names = "--lpips", description = "LPIPS AlexNet weights (.npz) (default: ../shared/"
            + SharedData.LPIPS_WEIGHTS + " when present).")
    Path lpips;

    @Option(names = "--no-lpips", description = "Do not measure LPIPS.")
    boolean noLpips;

    @Option(names = "--snapshot-frame", description = "Frame shown side by side (default: the frame before the middle "
            + "of the first GOP, which GVC generates whether or not it cuts the GOP into segments).")
    Integer snapshotFrame;

    @Option(names = "--size", description = "Raw .yuv inputs: WxH (default: from a name like clip_320x192_12fps.yuv).")
    String size;

    @Option(names = "--fps", description = "Raw .yuv inputs: frame rate, e.g. 25 or 30000/1001 (default: from the name, else 25).")
    String fps;

    @CommandLine.Mixin
    ModelOptions modelOptions;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        List<Variant> vs = new ArrayList<>();
        for (String v : variants) {
            vs.add(Variant.parse(v));
        }
        for (String b : baselines) {
            if (!PointSpec.BASELINES.contains(b)) {
                throw new IllegalArgumentException("unknown baseline '" + b + "' (x264, x265, interp or gvc-m0)");
            }
        }
        RateLadder gvcLadder = RateLadder.fromOptions("--quality", qualities, "--bpp", bpps);
        if (gvcLadder.isEmpty()) {
            gvcLadder = RateLadder.ofBpp(DEFAULT_BPPS);
        }
        RateLadder m0Ladder = RateLadder.fromOptions("--m0-quality", m0Qualities, "--m0-bpp", m0Bpps);
        if (m0Ladder.isEmpty()) {
            m0Ladder = gvcLadder;
        }
        // the codec options against the bitstream's limits (codec/bitstream/Limits), before any model or clip is read
        int minGop = vs.stream().mapToInt(Variant::minGopFrames).max().orElse(2);
        Limits.checkRange("--gop", gop, minGop, Limits.MAX_GOP_FRAMES);
        Limits.checkRange("-K", k, 1, Limits.MAX_CODEBOOK);
        keyframePlans.check();
        randomAccess.check();
        for (int m : ms == null ? List.<Integer>of() : ms) {
            if (m < 0 || m > Limits.maxAtoms(k)) {
                throw new IllegalArgumentException("--m values must be 0..K (" + Limits.maxAtoms(k) + "), got " + m);
            }
        }
        for (int crf : crfs) {
            if (crf < 0 || crf > 51) {
                throw new IllegalArgumentException("--crf values must be 0..51, got " + crf);
            }
        }
        for (int q : interpQualities) {
            if (q < 1 || q > 100) {
                throw new IllegalArgumentException("--interp-quality values must be 1..100, got " + q);
            }
        }
        if (frames != null && frames < 1) {
            throw new IllegalArgumentException("--frames must be at least 1");
        }
        Map<Variant, FlowPrior> priors = modelOptions.priors(vs);
        CodecParams d = CodecParams.defaults();
        String intraId = intra != null ? intra : IntraCodecs.defaultId();
        IntraCodecs.byId(intraId);
        if (keyframeQuality != null && (keyframeQuality < 1 || keyframeQuality > 100)) {
            throw new IllegalArgumentException("--keyframe-quality must be 1..100, got " + keyframeQuality);
        }
        // M and the target are each point's own (EvalSettings.params); M null: the rate control's
        CodecParams gvc = randomAccess.apply(keyframePlans.apply(CodecParams.builder().gopFrames(gop).codebookSize(k).intraCodec(intraId)
                .keyframeQuality(keyframeQuality).threads(modelOptions.threads()))).build();
        Path weights = lpipsWeights();

        List<EvalClip> clips = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (Path in : inputs) {
            Video video = readClip(in);
            int n = video.frameCount();
            int snap = snapshotFrame != null ? Math.min(snapshotFrame, n - 1) : defaultSnapshot(gop, n);
            if (snap < 0) {
                throw new IllegalArgumentException("--snapshot-frame must be at least 0");
            }
            clips.add(new EvalClip(uniqueName(in, names), in, video, snap));
        }

        Map<String, Object> shown = new LinkedHashMap<>();
        shown.put("frames", frames == null ? "all" : frames);
        shown.put("gvc", String.format(Locale.ROOT, "variants %s, %s, %s, GOP %d, K %d, %d steps, "
                        + "boundaries by %s at %s, %d threads", variants, gvcLadder.describe(),
                ms == null || ms.isEmpty() ? "M chosen per GOP by the rate control"
                        : "M " + ms.stream().distinct().sorted().toList() + " at every target",
                gop, k, d.steps(), intraId,
                keyframeQuality != null ? "quality " + keyframeQuality + " at every target bpp"
                        : String.format(Locale.ROOT, "each target's quality, or their share (%s) of each target's budget",
                                d.boundaryShare()),
                modelOptions.threads()));
        shown.put("baselines", baselines);
        shown.put("x264/x265 CRF ladder", crfs);
        shown.put("interp boundary qualities", interpQualities);
        if (baselines.contains(PointSpec.M0)) {
            shown.put("gvc-m0", m0Ladder.describe() + " (M = 0, M_tail = 0, keyframes as GVC's at each target)");
        }
        shown.put("lpips", weights == null ? "not measured" : weights.toString());
        shown.put("model", modelOptions.model == null ? "each variant's shipped model" : modelOptions.model.toString());
        shown.put("output", out.toAbsolutePath().normalize().toString());

        EvalRun.Config config = new EvalRun.Config(clips, vs, ms, gvcLadder, baselines, crfs, interpQualities, m0Ladder, out,
                new EvalSettings(gvc, priors, modelOptions.streamPriors(), weights != null), weights, commandLine(), version(),
                priors.values().stream().anyMatch(p -> p instanceof io.gvc.model.prior.OnnxFlowPrior), shown);
        EvalRun.Summary s = EvalRun.run(config, System.err);
        print(s);
        return ExitCodes.OK;
    }

    /**
     * GVC's default ladder: target rates, as gvc encode holds by default. Constant quality
     * (--quality) was measured as the default on 2026-12-06 and not kept: docs/results.md, "Codec
     * v13".
     */
    static final String DEFAULT_BPP_TEXT = "0.004,0.008,0.016,0.03";
    static final List<Double> DEFAULT_BPPS = java.util.Arrays.stream(DEFAULT_BPP_TEXT.split(","))
            .map(Double::valueOf).toList();

    private Video readClip(Path in) throws BadInputException {
        return Inputs.clip(in, frames == null ? Integer.MAX_VALUE : frames, size, fps);
    }

    private Path lpipsWeights() throws BadInputException {
        if (noLpips) {
            return null;
        }
        if (lpips != null) {
            if (!Files.isRegularFile(lpips)) {
                throw new BadInputException("--lpips " + lpips + ": file not found");
            }
            return lpips;
        }
        Path found = SharedData.find(SharedData.LPIPS_WEIGHTS);
        if (found == null) {
            System.err.println("eval: LPIPS weights not found (" + SharedData.LPIPS_WEIGHTS
                    + " in the shared folder; --lpips names them): LPIPS is reported as null");
        }
        return found;
    }

    private static String uniqueName(Path in, Set<String> taken) {
        String file = in.getFileName().toString();
        int dot = file.lastIndexOf('.');
        String base = (dot > 0 ? file.substring(0, dot) : file).replaceAll("[^A-Za-z0-9._-]", "_");
        String name = base;
        for (int i = 2; !taken.add(name); i++) {
            name = base + "-" + i;
        }
        return name;
    }

    /** The command as typed (quoted where a shell would need it), for the top of the report. */
    private String commandLine() {
        // the parse result of a subcommand holds the whole original argument list, "eval" included
        StringBuilder b = new StringBuilder("gvc");
        for (String a : spec.commandLine().getParseResult().originalArgs()) {
            b.append(' ').append(a.matches("[A-Za-z0-9_./:=,+@%-]+") ? a : "'" + a.replace("'", "'\\''") + "'");
        }
        return b.toString();
    }

    private static String version() {
        Command c = GvcCli.class.getAnnotation(Command.class);
        return c == null || c.version().length == 0 ? "unknown" : c.version()[0];
    }

    private static void print(EvalRun.Summary s) {
        System.out.printf(Locale.ROOT, "%d points (%d computed, %d reused); report: %s%n", s.points(), s.computed(),
                s.reused(), s.report());
        for (BdEntry e : s.bdRate()) {
            System.out.printf(Locale.ROOT, "BD-rate %-10s %-9s vs %-12s %-8s %s%n", e.clip(), e.codec(), e.baseline(),
                    e.metric(), e.percent() != null ? String.format(Locale.ROOT, "%+.1f %%", e.percent())
                            : "n/a (" + e.reason() + ")");
        }
    }

    /**
     * The frame shown side by side unless --snapshot-frame says otherwise: the one before the middle
     * of the first GOP. The middle itself is a keyframe whenever the encoder cuts the GOP into 2, 4 or
     * 8 segments (a picture x265 coded), and showing it would hide the generated frames, which are
     * what GVC is judged on; the frame before it lies inside a segment in every plan.
     */
    static int defaultSnapshot(int gop, int frames) {
        int middle = Math.min(gop - 1, frames - 1) / 2;
        return Math.max(0, middle - 1);
    }
}
