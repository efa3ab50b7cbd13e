package io.gvc.jobs.pipeline;

import java.time.Duration;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;

/**
 * How a job restarts after a failure. By default the job sets nothing and takes the cluster's
 * restart strategy ({@code restart-strategy.*} in the cluster's config; with checkpoints on and
 * nothing configured, Flink's own exponential delay). Where GVC sets one (local mode, or
 * {@code --restart-strategy exponential-delay}) it is an exponential backoff without an attempt
 * limit: after a lost TaskManager every attempt fails with NoResourceAvailableException until a
 * replacement registers, which can take minutes, so a fixed number of quick attempts would give
 * up first.
 *
 * @param fromCluster  true: leave the strategy to the cluster
 * @param initialBackoff first wait (exponential only)
 * @param maxBackoff   longest wait between two attempts (exponential only)
 */
public record Restarts(boolean fromCluster, Duration initialBackoff, Duration maxBackoff) {

    /** Each wait is this much longer than the one before, up to {@link #maxBackoff}. */
    static final double MULTIPLIER = 2.0;
    /** Waits vary by this share so that jobs failed together do not retry in step. */
    static final double JITTER = 0.1;
    /** A job that ran this long without failing starts again from {@link #initialBackoff}. */
    static final Duration RESET_AFTER = Duration.ofMinutes(10);

    public Restarts {
        if (!fromCluster && (initialBackoff.isNegative() || initialBackoff.isZero()
                || maxBackoff.compareTo(initialBackoff) < 0)) {
            throw new IllegalArgumentException("restart backoff must be positive with max >= initial, got initial "
                    + initialBackoff.toMillis() + " ms, max " + maxBackoff.toMillis() + " ms");
        }
    }

    /** The cluster's restart strategy. */
    public static Restarts cluster() {
        return new Restarts(true, Duration.ZERO, Duration.ZERO);
    }

    /** Exponential backoff from 1 s up to {@code maxBackoff}, retrying without limit. */
    public static Restarts exponential(Duration maxBackoff) {
        return new Restarts(false, Duration.ofSeconds(1), maxBackoff);
    }

    /** Exponential backoff from 1 s to 1 min: a TaskManager replaced within minutes is waited for. */
    public static Restarts exponential() {
        return exponential(Duration.ofMinutes(1));
    }

    /** Sets the strategy on a job's configuration; sets nothing for {@link #cluster()}. */
    public void applyTo(Configuration c) {
        if (fromCluster) {
            return;
        }
        c.set(RestartStrategyOptions.RESTART_STRATEGY, "exponential-delay");
        c.set(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_INITIAL_BACKOFF, initialBackoff);
        c.set(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_MAX_BACKOFF, maxBackoff);
        c.set(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_BACKOFF_MULTIPLIER, MULTIPLIER);
        c.set(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_JITTER_FACTOR, JITTER);
        c.set(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_RESET_BACKOFF_THRESHOLD, RESET_AFTER);
        c.set(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_ATTEMPTS, Integer.MAX_VALUE);
    }

    public String describe() {
        return fromCluster ? "the cluster's restart strategy"
                : "exponential delay " + initialBackoff.toMillis() + " ms .. " + maxBackoff.toMillis()
                        + " ms, no attempt limit";
    }
}
