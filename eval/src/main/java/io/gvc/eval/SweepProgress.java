package io.gvc.eval;

import io.gvc.codec.Progress;
import java.io.PrintStream;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * The sweep's progress on stderr: a line per point with its figures, the elapsed time and an ETA for
 * the whole sweep. The ETA prices each pending point by its codec's measured seconds per unit of work
 * (pixels x frames) so far, so a slow GVC variant does not make the x264 points look slow; a codec not
 * measured yet is priced at the mean of those that were. Before the first measurement there is no ETA.
 */
final class SweepProgress {

    private final List<PointSpec> plan;
    private final ToDoubleFunction<PointSpec> work;
    private final PrintStream err;
    private final boolean tty = System.console() != null;
    private final boolean[] finished;
    private final Map<String, double[]> spent = new HashMap<>(); // codec -> {seconds, work}
    private final long start = System.nanoTime();
    private int reused;

    /** @param work relative cost of a point, e.g. pixels x frames of its clip */
    SweepProgress(List<PointSpec> plan, ToDoubleFunction<PointSpec> work, PrintStream err) {
        this.plan = plan;
        this.work = work;
        this.err = err;
        this.finished = new boolean[plan.size()];
    }

    /** A point taken from an earlier run's points.jsonl. */
    void reused(int index) {
        finished[index] = true;
        reused++;
    }

    int reusedCount() {
        return reused;
    }

    /** Before running point {@code index}: a GOP-level progress callback for GVC (shown on terminals only). */
    Progress starting(int index) {
        String head = head(index);
        if (tty) {
            err.print("\r" + head + " ..." + " ".repeat(20));
            err.flush();
        }
        return (gop, gops, frames, seconds) -> {
            if (tty) {
                err.printf(Locale.ROOT, "\r%s: GOP %d/%d, %.1f fps | %s", head, gop + 1, gops,
                        seconds > 0 ? frames / seconds : 0, clock(eta(index, seconds)));
                err.flush();
            }
        };
    }

    /** After point {@code index} took {@code seconds}. */
    void done(int index, PointResult r, double seconds) {
        PointSpec p = plan.get(index);
        finished[index] = true;
        double[] s = spent.computeIfAbsent(p.codec(), k -> new double[2]);
        s[0] += seconds;
        s[1] += work.applyAsDouble(p);
        err.printf(Locale.ROOT, "%s%s: %d bytes, %.4f bpp, PSNR-Y %.2f dB, %.1f s | %s%n", tty ? "\r" : "",
                head(index), r.bytes(), r.bpp(), Metric.PSNR_Y.value(r), seconds, clock(eta(-1, 0)));
        err.flush();
    }

    private String head(int index) {
        PointSpec p = plan.get(index);
        return String.format(Locale.ROOT, "eval [%d/%d] %s %s", index + 1, plan.size(), p.clip(), p.label());
    }

    /**
     * Seconds left for every unfinished point, NaN while nothing was measured. {@code running} is the
     * point in progress (-1 for none), of which {@code runningSeconds} are already spent.
     */
    double eta(int running, double runningSeconds) {
        double totalS = 0, totalW = 0;
        for (double[] s : spent.values()) {
            totalS += s[0];
            totalW += s[1];
        }
        if (totalW == 0) {
            return Double.NaN;
        }
        double mean = totalS / totalW, left = 0;
        for (int i = 0; i < plan.size(); i++) {
            if (finished[i]) {
                continue;
            }
            double[] s = spent.get(plan.get(i).codec());
            double est = work.applyAsDouble(plan.get(i)) * (s != null && s[1] > 0 ? s[0] / s[1] : mean);
            left += i == running ? Math.max(0, est - runningSeconds) : est;
        }
        return left;
    }

    private String clock(double etaSeconds) {
        double elapsed = (System.nanoTime() - start) / 1e9;
        return "elapsed " + hms(elapsed) + ", ETA " + (Double.isNaN(etaSeconds) ? "--" : hms(etaSeconds));
    }

    static String hms(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }
}
