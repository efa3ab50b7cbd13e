package io.gvc.cluster;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What to start: where the cluster keeps its files, the Flink jars, the broker's classpath, how
 * many TaskManagers with how many slots, which ports (0: any free one), JVM sizes, and Flink
 * settings that override the defaults of {@link FlinkConf}.
 *
 * @param home                 the cluster's folder: conf, logs, checkpoints, temporary files, broker data
 * @param flinkLib             folder of Flink's jars (the build's cluster/target/flink-lib)
 * @param nativeLib            folder of jars with native code to load once per process, parent-first
 *                             (the build's flink-jobs/target/cluster-lib: JavaCPP, FFmpeg, ONNX Runtime);
 *                             null: none, and every job loads its own copies (docs/live.md)
 * @param brokerClasspath      classpath holding io.gvc.kafka.broker.EmbeddedKafka; null: start no broker
 * @param taskManagers         TaskManagers to start
 * @param slotsPerTaskManager  task slots of each TaskManager
 * @param restPort             the JobManager's REST API and web UI; 0: a free port
 * @param kafkaPort            the broker's client port; 0: a free port
 * @param jobManagerMemory     jobmanager.memory.process.size
 * @param taskManagerMemory    taskmanager.memory.process.size
 * @param flinkConf            extra or overriding config.yaml entries
 */
public record ClusterSettings(Path home, Path flinkLib, Path nativeLib, String brokerClasspath, int taskManagers,
                              int slotsPerTaskManager, int restPort, int kafkaPort, String jobManagerMemory,
                              String taskManagerMemory, Map<String, String> flinkConf) {

    public ClusterSettings {
        if (taskManagers < 0) {
            throw new IllegalArgumentException("task managers must be 0 or more, got " + taskManagers);
        }
        if (slotsPerTaskManager < 1) {
            throw new IllegalArgumentException("slots per task manager must be at least 1, got " + slotsPerTaskManager);
        }
        checkPort("REST", restPort);
        checkPort("Kafka", kafkaPort);
        home = home.toAbsolutePath().normalize();
        flinkLib = flinkLib.toAbsolutePath().normalize();
        nativeLib = nativeLib == null ? null : nativeLib.toAbsolutePath().normalize();
        flinkConf = Map.copyOf(flinkConf);
    }

    /** Two TaskManagers of two slots, free ports, the broker on {@code brokerClasspath}, no native lib. */
    public static ClusterSettings defaults(Path home, Path flinkLib, String brokerClasspath) {
        return new ClusterSettings(home, flinkLib, null, brokerClasspath, 2, 2, 0, 0, "1024m", "1600m", Map.of());
    }

    /** The jars of {@code folder} go on every process's classpath and their packages load parent-first. */
    public ClusterSettings withNativeLib(Path folder) {
        return new ClusterSettings(home, flinkLib, folder, brokerClasspath, taskManagers, slotsPerTaskManager,
                restPort, kafkaPort, jobManagerMemory, taskManagerMemory, flinkConf);
    }

    public ClusterSettings withTaskManagers(int n, int slots) {
        return new ClusterSettings(home, flinkLib, nativeLib, brokerClasspath, n, slots, restPort, kafkaPort,
                jobManagerMemory, taskManagerMemory, flinkConf);
    }

    public ClusterSettings withPorts(int rest, int kafka) {
        return new ClusterSettings(home, flinkLib, nativeLib, brokerClasspath, taskManagers, slotsPerTaskManager, rest,
                kafka, jobManagerMemory, taskManagerMemory, flinkConf);
    }

    /** Adds (or replaces) one config.yaml entry. */
    public ClusterSettings withFlinkConf(String key, String value) {
        Map<String, String> m = new LinkedHashMap<>(flinkConf);
        m.put(key, value);
        return new ClusterSettings(home, flinkLib, nativeLib, brokerClasspath, taskManagers, slotsPerTaskManager,
                restPort, kafkaPort, jobManagerMemory, taskManagerMemory, m);
    }

    /** Flink's lib folder must hold its runtime and the native lib must exist: else say how to build them. */
    public void checkLibs() {
        boolean ok = false;
        if (Files.isDirectory(flinkLib)) {
            try (var files = Files.list(flinkLib)) {
                ok = files.anyMatch(f -> f.getFileName().toString().startsWith("flink-runtime-"));
            } catch (java.io.IOException e) {
                ok = false;
            }
        }
        if (!ok) {
            throw new IllegalArgumentException(flinkLib + " holds no Flink runtime jars; build them first with the"
                    + " README's build step (the cluster module copies them to cluster/target/flink-lib)");
        }
        if (nativeLib != null && !Files.isDirectory(nativeLib)) {
            throw new IllegalArgumentException("native lib folder " + nativeLib + " does not exist; build it with the"
                    + " README's build step (flink-jobs/target/cluster-lib)");
        }
    }

    private static void checkPort(String what, int port) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException(what + " port must be 0..65535 (0: any free port), got " + port);
        }
    }
}
