package io.gvc.cli;

import io.gvc.codec.Progress;
import java.io.PrintStream;
import java.util.Locale;

/** "encode: GOP 3/8, 12.4 fps, ETA 0:07" on one refreshed stderr line (a plain line per GOP when not a TTY). */
final class ProgressLine implements Progress {

    private final String verb;
    private final PrintStream out;
    private final boolean tty = System.console() != null;

    ProgressLine(String verb, PrintStream out) {
        this.verb = verb;
        this.out = out;
    }

    @Override
    public void gopDone(long i, long n, long frames, double seconds) {
        double fps = seconds > 0 ? frames / seconds : 0;
        double eta = i + 1 < n && i >= 0 ? seconds / (i + 1) * (n - i - 1) : 0;
        String line = String.format(Locale.ROOT, "%s: GOP %d/%d, %d frames, %.1f fps, ETA %d:%02d", verb, i + 1, n,
                frames, fps, (long) eta / 60, (long) eta % 60);
        if (tty) {
            out.print("\r" + line + (i + 1 == n ? "\n" : ""));
        } else {
            out.println(line);
        }
        out.flush();
    }
}
