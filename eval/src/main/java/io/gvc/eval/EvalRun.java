package io.gvc.eval;

import io.gvc.codec.variant.Variant;
import io.gvc.model.lpips.Lpips;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One evaluation sweep from start to report: run (or reuse) every planned point, then compute the
 * BD-rates and write results.csv, results.json, the charts, the side-by-side pictures and report.html.
 * The command line ({@code gvc eval}) only parses options into a {@link Config}.
 */
public final class EvalRun {

    /**
     * @param ms           GVC at fixed M: every M at every target of {@code bpps}; null or empty for
     *                     rate-controlled M (the default: as {@code gvc encode} codes)
     * @param bpps         GVC's target bpp ladder, one point per variant and value (and M where fixed)
     * @param m0Bpps       gvc-m0's target bpp ladder (used when gvc-m0 is among the baselines)
     * @param lpipsWeights the LPIPS .npz, null to measure without LPIPS
     * @param gvcVersion   for the report's versions table
     * @param reportSettings the settings as the report lists them
     */
    public record Config(List<EvalClip> clips, List<Variant> variants, List<Integer> ms, RateLadder gvcLadder,
                         List<String> baselines,
                         List<Integer> crfs, List<Integer> interpQualities, RateLadder m0Ladder, Path out,
                         EvalSettings settings,
                         Path lpipsWeights, String commandLine, String gvcVersion, boolean onnxPrior,
                         Map<String, Object> reportSettings) {
    }

    /** What a run did: points in the plan, how many came from an earlier run, and its outputs. */
    public record Summary(int points, int reused, int computed, List<PointResult> results, List<BdEntry> bdRate,
                          Path report) {
    }

    private EvalRun() {
    }

    public static Summary run(Config c, PrintStream err) throws IOException {
        Path out = Files.createDirectories(c.out());
        SweepPlan plan = SweepPlan.of(c.clips().stream().map(EvalClip::name).toList(), c.variants(), c.ms(),
                c.gvcLadder(), c.baselines(), c.crfs(), c.interpQualities(), c.m0Ladder());
        ResultStore store = new ResultStore(out);
        Map<String, PointResult> stored = store.load();
        SweepProgress progress = new SweepProgress(plan.points(),
                p -> (double) clip(c, p.clip()).frames() * clip(c, p.clip()).width() * clip(c, p.clip()).height(), err);

        List<PointResult> results = new ArrayList<>();
        int computed = 0;
        try (Lpips lpips = c.lpipsWeights() == null ? null : Lpips.open(c.lpipsWeights())) {
            PointRunner runner = new PointRunner(out, c.settings(), lpips);
            for (EvalClip clip : c.clips()) {
                runner.writeSourceSnapshot(clip);
            }
            for (int i = 0; i < plan.size(); i++) {
                PointSpec spec = plan.points().get(i);
                EvalClip clip = clip(c, spec.clip());
                PointResult old = stored.get(spec.key());
                if (store.reusable(old, c.settings().fingerprint(spec, clip), c.lpipsWeights() != null)) {
                    progress.reused(i);
                    results.add(old);
                    continue;
                }
                long t0 = System.nanoTime();
                PointResult r = runner.run(spec, clip, progress.starting(i));
                store.append(r);
                progress.done(i, r, (System.nanoTime() - t0) / 1e9);
                results.add(r);
                computed++;
            }
        }
        if (progress.reusedCount() > 0) {
            err.printf(Locale.ROOT, "eval: %d of %d points reused from %s, %d computed%n", progress.reusedCount(),
                    plan.size(), store.pointsFile(), computed);
        }

        List<Metric> metrics = Metric.compared(c.lpipsWeights() != null);
        List<BdEntry> bd = BdRateTable.compute(results, metrics);
        List<Coverage> coverage = BdRateTable.coverage(results);
        RunInfo run = new RunInfo(c.commandLine(), Versions.collect(c.gvcVersion(), c.settings().priorLabels(),
                c.lpipsWeights() != null || c.onnxPrior()), c.reportSettings());
        store.writeCsv(results);
        store.writeJson(run, results, bd, coverage);

        List<HtmlReport.ClipSection> sections = new ArrayList<>();
        for (EvalClip clip : c.clips()) {
            List<PointResult> ps = results.stream().filter(p -> p.clip().equals(clip.name())).toList();
            sections.add(new HtmlReport.ClipSection(clip, ps,
                    bd.stream().filter(e -> e.clip().equals(clip.name())).toList(),
                    coverage.stream().filter(e -> e.clip().equals(clip.name())).toList(),
                    RdPlots.write(out, clip.name(), ps, metrics), Comparisons.write(out, clip, ps),
                    FramePlots.write(out, clip.name(), ps)));
        }
        Path report = out.resolve("report.html");
        HtmlReport.write(report, run, metrics, sections);
        return new Summary(plan.size(), progress.reusedCount(), computed, results, bd, report);
    }

    private static EvalClip clip(Config c, String name) {
        for (EvalClip clip : c.clips()) {
            if (clip.name().equals(name)) {
                return clip;
            }
        }
        throw new IllegalStateException("no clip " + name);
    }
}
