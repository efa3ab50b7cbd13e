package io.gvc.it;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.gvc.cluster.BrokerProcess;
import io.gvc.cluster.ClusterLayout;
import io.gvc.cluster.ClusterSettings;
import io.gvc.cluster.FlinkSessionCluster;
import io.gvc.kafka.props.ClientProperties;
import io.gvc.kafka.topics.GvcTopics;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/**
 * What the real-cluster tests share: where the Flink jars and the job jar are, a broker JVM and a
 * session cluster under target/, and a read_committed reader that keeps reading through broker
 * restarts. Every process they start is stopped when the test ends, passes or fails, and also
 * when the test JVM is shut down (a shutdown hook), so no JVM outlives a test run.
 */
final class StandaloneSupport {

    /**
     * The jar both jobs are submitted from. One constant, so switching to the thin job jar is one
     * line (and the pom's gvc.job.jar).
     */
    static final Path JOB_JAR = Path.of(System.getProperty("gvc.job.jar", "../flink-jobs/target/gvc-flink-jobs.jar"))
            .toAbsolutePath().normalize();
    /**
     * JavaCPP, FFmpeg and ONNX Runtime for the cluster's classpath, loaded once per process
     * (docs/live.md); null when gvc.native.lib is "none": every job then loads its own.
     */
    static final Path NATIVE_LIB = nativeLib(System.getProperty("gvc.native.lib", "../flink-jobs/target/cluster-lib"));
    static final String ENCODE_JOB = "io.gvc.jobs.pipeline.EncodeJob";
    static final String DECODE_JOB = "io.gvc.jobs.pipeline.DecodeJob";
    /** Flink's jars, copied there by the cluster module's build. */
    static final Path FLINK_LIB = Path.of(System.getProperty("gvc.flink.lib", "../cluster/target/flink-lib"))
            .toAbsolutePath().normalize();
    /** Liveness bound for the pipeline to get somewhere on a loaded two-core machine, not a speed expectation. */
    static final Duration LIVENESS = Duration.ofMinutes(5);

    private StandaloneSupport() {
    }

    private static Path nativeLib(String p) {
        return p.equals("none") ? null : Path.of(p).toAbsolutePath().normalize();
    }

    /** Skips (with the reason) when the jars the cluster needs were not built, e.g. a test-only build. */
    static void assumeBuilt() {
        assumeTrue(Files.isRegularFile(JOB_JAR), "job jar " + JOB_JAR + " is absent: build with mvn package first");
        assumeTrue(Files.isDirectory(FLINK_LIB), "Flink jars " + FLINK_LIB + " are absent: build the cluster module");
        assumeTrue(NATIVE_LIB == null || Files.isDirectory(NATIVE_LIB), "native jars " + NATIVE_LIB
                + " are absent: package flink-jobs");
    }

    /** A new folder under target/ for one cluster: conf, logs of every process, checkpoints. */
    static Path newHome(String name) throws IOException {
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        return Files.createDirectories(Path.of("target", "standalone", name + "-" + stamp).toAbsolutePath());
    }

    /** The test JVM's classpath holds the broker (kafka-config and its dependencies). */
    static String brokerClasspath() {
        return System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    }

    /** The cluster docs/live.md describes: natives in its lib folder, loaded parent-first. */
    static ClusterSettings settings(Path home, int taskManagers, int slots) {
        return ClusterSettings.defaults(home, FLINK_LIB, brokerClasspath()).withTaskManagers(taskManagers, slots)
                .withNativeLib(NATIVE_LIB);   // null: none
    }

    /** Client settings for the broker, record limits as the GVC topics need them. */
    static ClientProperties clientProperties(String bootstrap) {
        return ClientProperties.local(bootstrap).withMaxRecordBytes(GvcTopics.defaults().largestMessageBytes());
    }

    /** The broker and the Flink cluster of one test; closing stops them all (TaskManagers, JobManager, broker). */
    static final class Processes implements AutoCloseable {
        final ClusterLayout layout;
        final BrokerProcess broker;
        final FlinkSessionCluster flink;
        private final Thread hook;

        private Processes(ClusterLayout layout, BrokerProcess broker, FlinkSessionCluster flink, Thread hook) {
            this.layout = layout;
            this.broker = broker;
            this.flink = flink;
            this.hook = hook;
        }

        static Processes start(ClusterSettings s) throws Exception {
            ClusterLayout layout = new ClusterLayout(s.home());
            BrokerProcess broker = BrokerProcess.start(layout, s.brokerClasspath(), 0);
            FlinkSessionCluster flink;
            try {
                flink = FlinkSessionCluster.start(s);
            } catch (Exception e) {
                broker.close();
                throw e;
            }
            Thread hook = new Thread(() -> {
                flink.close();
                broker.close();
            }, "stop-standalone-cluster");
            Runtime.getRuntime().addShutdownHook(hook);
            return new Processes(layout, broker, flink, hook);
        }

        @Override
        public void close() {
            try {
                flink.close();
            } finally {
                broker.close();
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException shuttingDown) {
                    // the hook is running already
                }
                // keep logs, conf, checkpoints and broker data; drop the bulk (job jar copies, natives)
                for (Path bulk : List.of(layout.tmp(), layout.uploads(), layout.javacppCache())) {
                    deleteQuietly(bulk);
                }
            }
        }

        private static void deleteQuietly(Path dir) {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            } catch (IOException | java.io.UncheckedIOException e) {
                // only disk space is at stake
            }
        }
    }

    /** Writes a stream config file the jobs (on the JobManager) and the test's reference codec both read. */
    static Path writeStreamConfig(Path home, String stream, int width, int height, int gopFrames) throws IOException {
        Path f = home.resolve("streams.properties");
        Files.writeString(f, "default.gop-frames=" + gopFrames + "\nstream." + stream + ".width=" + width + "\nstream."
                + stream + ".height=" + height + "\n", StandardCharsets.UTF_8);
        return f;
    }

    /**
     * Everything committed in {@code topic} right now: read_committed from the beginning up to each
     * partition's last stable offset.
     */
    static List<ConsumerRecord<byte[], byte[]>> readCommitted(ClientProperties props, String topic) {
        List<ConsumerRecord<byte[], byte[]>> got = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(props.consumer(null))) {
            List<TopicPartition> parts = c.partitionsFor(topic, Duration.ofMinutes(2)).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            c.assign(parts);
            c.seekToBeginning(parts);
            var end = c.endOffsets(parts, Duration.ofMinutes(2)); // the last stable offsets, with read_committed
            long deadline = System.nanoTime() + LIVENESS.toNanos();
            while (parts.stream().anyMatch(p -> c.position(p, Duration.ofMinutes(2)) < end.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("could not read " + topic + " up to " + end + " in " + LIVENESS);
                }
                c.poll(Duration.ofMillis(200)).forEach(got::add);
            }
        }
        return got;
    }

    /**
     * Reads a topic with read_committed from its beginning, on its own thread, until closed; a
     * broker restart only pauses it (the consumer reconnects).
     */
    static final class CommittedReader implements AutoCloseable {
        private final List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        private final Thread thread;
        private volatile boolean stop;
        private volatile Throwable failure;

        CommittedReader(ClientProperties props, String topic) {
            thread = new Thread(() -> run(props, topic), "read-committed-" + topic);
            thread.setDaemon(true);
            thread.start();
        }

        private void run(ClientProperties props, String topic) {
            try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(props.consumer(null))) {
                List<TopicPartition> parts = c.partitionsFor(topic, Duration.ofMinutes(2)).stream()
                        .map(p -> new TopicPartition(topic, p.partition())).toList();
                c.assign(parts);
                c.seekToBeginning(parts);
                while (!stop) {
                    for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(200))) {
                        synchronized (records) {
                            records.add(r);
                        }
                    }
                }
            } catch (Throwable t) {
                failure = t;
            }
        }

        int count() {
            check();
            synchronized (records) {
                return records.size();
            }
        }

        List<ConsumerRecord<byte[], byte[]>> snapshot() {
            check();
            synchronized (records) {
                return List.copyOf(records);
            }
        }

        private void check() {
            if (failure != null) {
                throw new IllegalStateException("the read_committed reader failed", failure);
            }
        }

        @Override
        public void close() throws InterruptedException {
            stop = true;
            thread.join(TimeUnit.SECONDS.toMillis(30));
        }
    }
}
