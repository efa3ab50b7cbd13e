package io.gvc.jobs.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Optional;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.configuration.ReadableConfig;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Test;

/** What the jobs set on their environment: restarts only when asked, checkpoints kept on failure and cancellation. */
class JobSetupTest {

    static ReadableConfig configured(String... args) throws Exception {
        StreamExecutionEnvironment env = new StreamExecutionEnvironment();
        JobSetup.configure(env, JobOptions.parse(args));
        return env.getConfiguration();
    }

    @Test
    void byDefaultTheClusterChoosesTheRestartStrategy() throws Exception {
        ReadableConfig c = configured("--bootstrap", "kafka:9092");
        assertEquals(Optional.empty(), c.getOptional(RestartStrategyOptions.RESTART_STRATEGY));
        assertEquals(ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION,
                c.get(CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION));
        assertFalse(c.getOptional(CheckpointingOptions.CHECKPOINTS_DIRECTORY).isPresent());
    }

    @Test
    void exponentialDelayWaitsWithoutAnAttemptLimit() throws Exception {
        ReadableConfig c = configured("--bootstrap", "kafka:9092", "--restart-strategy", "exponential-delay",
                "--restart-max-backoff-ms", "120000", "--checkpoint-dir", "file:///var/gvc/checkpoints");
        assertEquals("exponential-delay", c.get(RestartStrategyOptions.RESTART_STRATEGY));
        assertEquals(Duration.ofSeconds(1), c.get(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_INITIAL_BACKOFF));
        assertEquals(Duration.ofMinutes(2), c.get(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_MAX_BACKOFF));
        assertEquals(Integer.MAX_VALUE, c.get(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_ATTEMPTS));
        assertEquals("file:///var/gvc/checkpoints", c.get(CheckpointingOptions.CHECKPOINTS_DIRECTORY));
    }

    @Test
    void localModeUsesExponentialDelay() {
        Restarts r = Restarts.exponential();
        assertFalse(r.fromCluster());
        assertEquals(Duration.ofMinutes(1), r.maxBackoff());
        assertTrue(Restarts.cluster().fromCluster());
    }

    @Test
    void badRestartOptionsAreNamed() {
        assertEquals("--restart-strategy must be cluster or exponential-delay, got 'fixed-delay'",
                assertThrows(IllegalArgumentException.class, () -> configured("--bootstrap", "k:1",
                        "--restart-strategy", "fixed-delay")).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> configured("--bootstrap", "k:1",
                "--restart-attempts", "10")).getMessage().startsWith("--restart-attempts is gone"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> configured("--bootstrap", "k:1",
                "--restart-strategy", "exponential-delay", "--restart-max-backoff-ms", "10"))
                .getMessage().startsWith("restart backoff must be positive with max >= initial"));
    }
}
