package io.gvc.cluster;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The cluster's {@code conf/config.yaml} (flat keys, as Flink 2 reads them) and its log4j
 * configuration. The settings that matter for GVC, and why:
 * <ul>
 * <li>Restarts: exponential backoff from 1 s to 10 s, never giving up, so a job waits out a lost
 *     TaskManager however long its replacement takes (a fixed number of quick restarts fails the
 *     job while no slot is free). A job that sets its own strategy overrides this one.</li>
 * <li>Checkpoints: on the file system under home/checkpoints and kept when a job is cancelled or
 *     fails for good, so it can be resumed from its last checkpoint.</li>
 * <li>Everything on localhost; RPC, REST and Kafka on the ports given, blob and TaskManager ports free.</li>
 * <li>Managed memory small: the jobs keep their state on the heap, which gets the memory instead.</li>
 * <li>With a native lib (JavaCPP, FFmpeg, ONNX Runtime on the cluster's classpath), their packages
 *     load parent-first: every job uses the copy the process loaded once, instead of loading the
 *     natives again in its own class loader, which can never be collected (docs/live.md).</li>
 * <li>The REST API's metrics are refreshed every second instead of every 10 s.</li>
 * </ul>
 */
public final class FlinkConf {

    /** Packages of the native lib, loaded parent-first (a YAML list). */
    static final String NATIVE_PACKAGES = "[org.bytedeco., ai.onnxruntime.]";

    private FlinkConf() {
    }

    /** Every config.yaml entry of a cluster with these settings and ports. */
    public static Map<String, String> entries(ClusterSettings s, ClusterLayout layout, int rpcPort, int restPort) {
        Map<String, String> c = new LinkedHashMap<>();
        c.put("jobmanager.rpc.address", "localhost");
        c.put("jobmanager.rpc.port", Integer.toString(rpcPort));
        c.put("jobmanager.bind-host", "localhost");
        c.put("taskmanager.bind-host", "localhost");
        c.put("taskmanager.host", "localhost");
        c.put("taskmanager.rpc.port", "0");
        c.put("blob.server.port", "0");
        c.put("rest.address", "localhost");
        c.put("rest.bind-address", "localhost");
        c.put("rest.port", Integer.toString(restPort));
        c.put("jobmanager.memory.process.size", s.jobManagerMemory());
        c.put("taskmanager.memory.process.size", s.taskManagerMemory());
        c.put("taskmanager.memory.managed.size", "64m");
        c.put("taskmanager.numberOfTaskSlots", Integer.toString(s.slotsPerTaskManager()));
        c.put("parallelism.default", "1");
        c.put("execution.checkpointing.dir", layout.checkpoints().toUri().toString());
        c.put("execution.checkpointing.savepoint-dir", layout.savepoints().toUri().toString());
        c.put("execution.checkpointing.externalized-checkpoint-retention", "RETAIN_ON_CANCELLATION");
        c.put("restart-strategy.type", "exponential-delay");
        c.put("restart-strategy.exponential-delay.initial-backoff", "1 s");
        c.put("restart-strategy.exponential-delay.max-backoff", "10 s");
        c.put("restart-strategy.exponential-delay.backoff-multiplier", "2.0");
        c.put("restart-strategy.exponential-delay.reset-backoff-threshold", "1 min");
        c.put("restart-strategy.exponential-delay.jitter-factor", "0.1");
        c.put("io.tmp.dirs", layout.tmp().toString());
        c.put("web.upload.dir", layout.uploads().toString());
        c.put("metrics.fetcher.update-interval", "1 s");
        if (s.nativeLib() != null) {
            c.put("classloader.parent-first-patterns.additional", NATIVE_PACKAGES);
        }
        c.putAll(s.flinkConf());
        return c;
    }

    /** Writes config.yaml and log4j.properties into {@code layout.conf()}. */
    static void write(ClusterLayout layout, Map<String, String> entries) throws IOException {
        StringBuilder yaml = new StringBuilder("# written by io.gvc.cluster.FlinkConf\n");
        entries.forEach((k, v) -> yaml.append(k).append(": ").append(yamlValue(v)).append('\n'));
        Files.writeString(layout.conf().resolve("config.yaml"), yaml, StandardCharsets.UTF_8);
        Files.writeString(layout.conf().resolve("log4j.properties"), LOG4J, StandardCharsets.UTF_8);
    }

    /** Values quoted where YAML would read them as something else (e.g. a path with a colon); lists as they are. */
    private static String yamlValue(String v) {
        if ((v.matches("[A-Za-z0-9_./ -]*") && !v.isEmpty()) || v.matches("\\[[A-Za-z0-9_., -]*]")) {
            return v;
        }
        return "'" + v.replace("'", "''") + "'";
    }

    /** One log file per process (log.file), as Flink's own log4j.properties; Kafka clients at WARN. */
    static final String LOG4J = """
            monitorInterval = 30
            rootLogger.level = INFO
            rootLogger.appenderRef.file.ref = MainAppender
            logger.kafka.name = org.apache.kafka
            logger.kafka.level = WARN
            logger.pekko.name = org.apache.pekko
            logger.pekko.level = INFO
            logger.netty.name = org.jboss.netty.channel.DefaultChannelPipeline
            logger.netty.level = OFF
            appender.main.name = MainAppender
            appender.main.type = File
            appender.main.append = true
            appender.main.fileName = ${sys:log.file}
            appender.main.layout.type = PatternLayout
            appender.main.layout.pattern = %d{yyyy-MM-dd HH:mm:ss,SSS} %-5p %-60c %x - %m%n
            """;
}
