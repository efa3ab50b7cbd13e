package io.gvc.cluster;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Waits for a condition by asking again and again, up to a generous deadline: starting JVMs and
 * jobs on a loaded two-core machine takes as long as it takes, and a fixed sleep would be either
 * too short or wasteful.
 */
public final class Poll {

    private static final long PAUSE_MS = 250;

    private Poll() {
    }

    /** A condition that may also say why it cannot hold any more (a process died), to stop waiting early. */
    @FunctionalInterface
    public interface Probe<T> {
        /** The value once the condition holds, empty while it does not yet. */
        Optional<T> probe() throws Exception;
    }

    /**
     * Returns the probe's value as soon as it has one.
     *
     * @param what    what is awaited, for the timeout message
     * @param timeout liveness bound, not a speed expectation
     * @param context says more when the wait fails (e.g. a process's log tail)
     * @throws IllegalStateException on timeout, with the last error the probe threw
     */
    public static <T> T until(String what, Duration timeout, Probe<T> probe, Supplier<String> context)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Exception last = null;
        while (true) {
            try {
                Optional<T> v = probe.probe();
                if (v.isPresent()) {
                    return v.get();
                }
                last = null;
            } catch (GaveUp e) {
                throw new IllegalStateException(what + ": " + e.getMessage() + context(context), e);
            } catch (InterruptedException e) {
                throw e;
            } catch (Exception e) {
                last = e;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("gave up after " + timeout.toSeconds() + " s waiting for " + what
                        + (last == null ? "" : " (last error: " + last + ")") + context(context), last);
            }
            Thread.sleep(PAUSE_MS);
        }
    }

    /** As {@link #until(String, Duration, Probe, Supplier)} with no extra context. */
    public static <T> T until(String what, Duration timeout, Probe<T> probe) throws InterruptedException {
        return until(what, timeout, probe, () -> "");
    }

    private static String context(Supplier<String> context) {
        String c = context.get();
        return c == null || c.isEmpty() ? "" : "\n" + c;
    }

    /** Thrown by a probe when the condition can no longer come true: the wait ends at once. */
    public static final class GaveUp extends Exception {
        private static final long serialVersionUID = 1L;

        public GaveUp(String message) {
            super(message);
        }
    }
}
