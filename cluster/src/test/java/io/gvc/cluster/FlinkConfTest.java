package io.gvc.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.GlobalConfiguration;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The config.yaml the cluster writes, read back by Flink's own loader (Flink is on the test classpath). */
class FlinkConfTest {

    @TempDir
    Path tmp;

    private Configuration written(ClusterSettings s) throws Exception {
        ClusterLayout layout = new ClusterLayout(s.home());
        layout.create();
        FlinkConf.write(layout, FlinkConf.entries(s, layout, 6123, 8081));
        return GlobalConfiguration.loadConfiguration(layout.conf().toString());
    }

    private ClusterSettings settings() {
        return ClusterSettings.defaults(tmp.resolve("home with: odd chars"), tmp.resolve("lib"), null);
    }

    @Test
    void restartsWithExponentialBackoffAndKeepsCheckpointsOnCancel() throws Exception {
        Configuration c = written(settings());
        assertEquals("exponential-delay", c.get(RestartStrategyOptions.RESTART_STRATEGY));
        assertEquals(Duration.ofSeconds(1),
                c.get(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_INITIAL_BACKOFF));
        assertEquals(Duration.ofSeconds(10),
                c.get(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_MAX_BACKOFF));
        assertEquals(Integer.MAX_VALUE, c.get(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_ATTEMPTS),
                "no attempt limit");
        assertEquals(ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION,
                c.get(CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION));
        // a path with a space and a colon survives YAML
        assertEquals(new ClusterLayout(settings().home()).checkpoints().toUri().toString(),
                c.get(CheckpointingOptions.CHECKPOINTS_DIRECTORY));
        assertEquals(8081, c.get(RestOptions.PORT));
        assertEquals("localhost", c.get(RestOptions.BIND_ADDRESS));
    }

    @Test
    void nativePackagesLoadParentFirstOnlyWithANativeLib() throws Exception {
        assertEquals(List.of(), written(settings()).get(CoreOptions.ALWAYS_PARENT_FIRST_LOADER_PATTERNS_ADDITIONAL));
        Files.createDirectories(tmp.resolve("natives"));
        Configuration c = written(settings().withNativeLib(tmp.resolve("natives")));
        assertEquals(List.of("org.bytedeco.", "ai.onnxruntime."),
                c.get(CoreOptions.ALWAYS_PARENT_FIRST_LOADER_PATTERNS_ADDITIONAL));
    }

    @Test
    void extraSettingsOverrideTheDefaults() throws Exception {
        Configuration c = written(settings().withFlinkConf("restart-strategy.type", "fixed-delay")
                .withFlinkConf("heartbeat.timeout", "20 s"));
        assertEquals("fixed-delay", c.get(RestartStrategyOptions.RESTART_STRATEGY));
        assertEquals("20 s", c.toMap().get("heartbeat.timeout"));
    }

    @Test
    void settingsRefuseWhatCannotWork() throws Exception {
        IllegalArgumentException port = assertThrows(IllegalArgumentException.class,
                () -> settings().withPorts(70000, 0));
        assertEquals("REST port must be 0..65535 (0: any free port), got 70000", port.getMessage());
        IllegalArgumentException slots = assertThrows(IllegalArgumentException.class,
                () -> settings().withTaskManagers(1, 0));
        assertEquals("slots per task manager must be at least 1, got 0", slots.getMessage());
        IllegalArgumentException lib = assertThrows(IllegalArgumentException.class, () -> settings().checkLibs());
        assertTrue(lib.getMessage().contains("holds no Flink runtime jars"), lib.getMessage());
        Files.createDirectories(tmp.resolve("lib"));
        Files.createFile(tmp.resolve("lib/flink-runtime-2.2.1.jar"));
        settings().checkLibs();
        IllegalArgumentException natives = assertThrows(IllegalArgumentException.class,
                () -> settings().withNativeLib(tmp.resolve("missing")).checkLibs());
        assertTrue(natives.getMessage().startsWith("native lib folder " + tmp.resolve("missing")),
                natives.getMessage());
    }
}
