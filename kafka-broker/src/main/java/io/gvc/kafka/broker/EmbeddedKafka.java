package io.gvc.kafka.broker;

import io.gvc.kafka.props.ClientProperties;
import io.gvc.kafka.topics.GvcTopics;
import io.gvc.kafka.topics.InstallReport;
import io.gvc.kafka.topics.TopicInstaller;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * A real single-node Kafka (KRaft, one process that is both broker and controller) inside this
 * JVM, on a random localhost port, for local mode and tests. Built on KafkaClusterTestKit from
 * kafka-test-common-runtime, so it is the same broker code as a production 4.2 cluster.
 *
 * <p>Configured for GVC: record size limits raised together (STACK.md trap 7), internal topics
 * with replication factor and min ISR 1, transactions allowed up to the usual 15 min cap (GVC
 * asks for 60 s, trap 8), topic auto-creation off (install the topics with {@link TopicInstaller}).
 * <pre>
 * try (EmbeddedKafka kafka = EmbeddedKafka.builder(dir).start()) {
 *     ClientProperties props = kafka.clientProperties();
 *     ...
 * }
 * </pre>
 */
public final class EmbeddedKafka implements AutoCloseable {

    /** Name of the client listener of a broker on a fixed port (see {@link Builder#port}). */
    private static final String FIXED_LISTENER = "GVC";

    private final KafkaClusterTestKit cluster;
    private final String bootstrapServers;
    private final Path dataDirectory;
    private final Duration startupTime;
    private final int maxMessageBytes;
    private volatile boolean closed;

    private EmbeddedKafka(KafkaClusterTestKit cluster, String bootstrapServers, Path dataDirectory,
                          Duration startupTime, int maxMessageBytes) {
        this.cluster = cluster;
        this.bootstrapServers = bootstrapServers;
        this.dataDirectory = dataDirectory;
        this.startupTime = startupTime;
        this.maxMessageBytes = maxMessageBytes;
    }

    /** A broker whose logs go in a new folder under {@code parentDirectory}. */
    public static Builder builder(Path parentDirectory) {
        return new Builder(parentDirectory);
    }

    /** Starts a broker with the GVC defaults under {@code parentDirectory}. */
    public static EmbeddedKafka start(Path parentDirectory) throws IOException {
        return builder(parentDirectory).start();
    }

    /** host:port list for bootstrap.servers. */
    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** Plaintext client settings for this broker, limits matching its message.max.bytes. */
    public ClientProperties clientProperties() {
        return ClientProperties.local(bootstrapServers()).withMaxRecordBytes(maxMessageBytes);
    }

    /** Creates the topics (idempotent). */
    public InstallReport installTopics(GvcTopics topics) throws InterruptedException {
        return TopicInstaller.install(clientProperties().admin(), topics);
    }

    /** The folder holding this broker's metadata and log directories. */
    public Path dataDirectory() {
        return dataDirectory;
    }

    /** From build to the broker being ready for clients. */
    public Duration startupTime() {
        return startupTime;
    }

    public int maxMessageBytes() {
        return maxMessageBytes;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            cluster.close();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("embedded Kafka did not shut down cleanly", e);
        }
    }

    public static final class Builder {
        private final Path parent;
        private int maxMessageBytes = GvcTopics.defaults().largestMessageBytes();
        private boolean deleteOnClose = true;
        private boolean autoCreateTopics = false;
        private int port;              // 0: any free port
        private Path fixedDirectory;   // null: a new folder under parent
        private final Map<String, String> extra = new LinkedHashMap<>();

        private Builder(Path parent) {
            this.parent = parent;
        }

        /** Broker message.max.bytes and replica.fetch.max.bytes (default: the largest GVC topic's max.message.bytes). */
        public Builder maxMessageBytes(int bytes) {
            this.maxMessageBytes = bytes;
            return this;
        }

        /** Remove the data folder on close (default true). */
        public Builder deleteOnClose(boolean delete) {
            this.deleteOnClose = delete;
            return this;
        }

        /**
         * Listen for clients on this port (default 0: any free port). A broker restarted on the same
         * port and {@link #dataDirectory} is the same broker to its clients, which reconnect.
         */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("broker port must be 0..65535, got " + port);
            }
            this.port = port;
            return this;
        }

        /**
         * Keep the broker's data in exactly this folder (created if absent) instead of a new one
         * under the parent, and never delete it: a broker started again on the same folder comes
         * back with its topics, offsets and transactions (its cluster id is kept in the folder).
         */
        public Builder dataDirectory(Path dir) {
            this.fixedDirectory = dir;
            this.deleteOnClose = false;
            return this;
        }

        /** Allow auto.create.topics.enable (default false, so a missing topic is an error). */
        public Builder autoCreateTopics(boolean enable) {
            this.autoCreateTopics = enable;
            return this;
        }

        /** Any other broker setting; applied last. */
        public Builder brokerProperty(String key, String value) {
            extra.put(key, value);
            return this;
        }

        /** The broker settings this builder will use (besides listeners and directories, which the test kit sets). */
        public Map<String, String> brokerProperties() {
            Map<String, String> p = new LinkedHashMap<>();
            String max = Integer.toString(maxMessageBytes);
            p.put("message.max.bytes", max);
            p.put("replica.fetch.max.bytes", max);
            p.put("replica.fetch.response.max.bytes", Integer.toString(Math.max(10 << 20, maxMessageBytes)));
            // a produce request carries the whole record: the socket limit must exceed it (default 100 MiB)
            p.put("socket.request.max.bytes", Integer.toString(Math.max(100 << 20, maxMessageBytes + (1 << 20))));
            p.put("offsets.topic.replication.factor", "1");
            p.put("offsets.topic.num.partitions", "4");
            p.put("transaction.state.log.replication.factor", "1");
            p.put("transaction.state.log.min.isr", "1");
            p.put("transaction.state.log.num.partitions", "4");
            p.put("share.coordinator.state.topic.replication.factor", "1");
            p.put("share.coordinator.state.topic.min.isr", "1");
            p.put("default.replication.factor", "1");
            p.put("min.insync.replicas", "1");
            p.put("transaction.max.timeout.ms", Long.toString(Duration.ofMinutes(15).toMillis()));
            p.put("group.initial.rebalance.delay.ms", "0");
            p.put("auto.create.topics.enable", Boolean.toString(autoCreateTopics));
            // the test kit enables unreleased features and API versions; local mode should behave like a 4.2 cluster
            p.put("unstable.api.versions.enable", "false");
            p.put("unstable.feature.versions.enable", "false");
            p.putAll(extra);
            return p;
        }

        public EmbeddedKafka start() throws IOException {
            long t0 = System.nanoTime();
            Path dir;
            if (fixedDirectory != null) {
                dir = Files.createDirectories(fixedDirectory);
            } else {
                Files.createDirectories(parent);
                dir = Files.createTempDirectory(parent, "kraft-");
            }
            KafkaClusterTestKit cluster = null;
            try {
                TestKitNodes.Builder nb = new TestKitNodes.Builder();
                productionMetadataVersion(nb);
                if (fixedDirectory != null) {
                    // formatting is skipped for a formatted folder, but only if the cluster id matches
                    nb.setClusterId(ClusterId.of(dir));
                }
                TestKitNodes nodes = nb
                        .setCombined(true)
                        .setNumBrokerNodes(1)
                        .setNumControllerNodes(1)
                        .setBaseDirectory(dir)
                        .build();
                KafkaClusterTestKit.Builder b = new KafkaClusterTestKit.Builder(nodes).setDeleteOnClose(deleteOnClose);
                brokerProperties().forEach(b::setConfigProp);
                if (port != 0) {
                    // The test kit binds its own listeners to random ports before the broker starts, by
                    // listener name; a listener it does not know binds the port asked for. The test kit
                    // only fills in listener settings that are not set. The controller keeps the port
                    // the kit pre-binds for it, which only this node uses.
                    String controller = nodes.controllerListenerName().value();
                    b.setConfigProp("listeners", FIXED_LISTENER + "://localhost:" + port + "," + controller
                            + "://localhost:0");
                    b.setConfigProp("listener.security.protocol.map", FIXED_LISTENER + ":PLAINTEXT," + controller
                            + ":" + nodes.controllerListenerProtocol().name);
                    b.setConfigProp("inter.broker.listener.name", FIXED_LISTENER);
                }
                cluster = b.build();
                if (!formatted(dir)) {   // a kept folder is formatted once, at its first start
                    cluster.format();
                }
                cluster.startup();
                cluster.waitForReadyBrokers();
                String bootstrap = port != 0 ? "localhost:" + port : cluster.bootstrapServers();
                return new EmbeddedKafka(cluster, bootstrap, dir, Duration.ofNanos(System.nanoTime() - t0),
                        maxMessageBytes);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                closeQuietly(cluster);
                throw new IOException("interrupted while starting embedded Kafka", e);
            } catch (Exception e) {
                closeQuietly(cluster);
                throw new IOException("embedded Kafka did not start: " + e.getMessage(), e);
            }
        }

        /**
         * The test kit bootstraps the newest <em>testing</em> metadata.version (unreleased); use the
         * newest production one instead. MetadataVersion lives in kafka-server-common, which is only
         * a runtime dependency here, hence reflection; if that fails the test kit's default stays.
         */
        private static void productionMetadataVersion(TestKitNodes.Builder nb) {
            try {
                Class<?> mv = Class.forName("org.apache.kafka.server.common.MetadataVersion");
                Object production = mv.getMethod("latestProduction").invoke(null);
                TestKitNodes.Builder.class.getMethod("setBootstrapMetadataVersion", mv).invoke(nb, production);
            } catch (ReflectiveOperationException | LinkageError e) {
                // keep the test kit's default
            }
        }

        /** Whether a broker has run in {@code dir} before: its log folders carry meta.properties. */
        private static boolean formatted(Path dir) throws IOException {
            try (var files = Files.walk(dir, 2)) {
                return files.anyMatch(f -> f.getFileName().toString().equals("meta.properties"));
            }
        }

        private static void closeQuietly(KafkaClusterTestKit c) {
            if (c != null) {
                try {
                    c.close();
                } catch (Exception ignored) {
                    // already failing
                }
            }
        }
    }

    /**
     * Runs a broker until killed (SIGTERM shuts it down cleanly), prints bootstrap.servers and
     * installs the GVC topics:
     * <pre>
     * EmbeddedKafka [DATA-PARENT-DIR]          a new data folder under the parent (target/embedded-kafka), any free port
     * EmbeddedKafka --dir DIR [--port N]       exactly this data folder, kept: started again, it is the same broker
     * </pre>
     */
    public static void main(String[] args) throws Exception {
        Builder b = parseMain(args);
        EmbeddedKafka kafka = b.start();
        Runtime.getRuntime().addShutdownHook(new Thread(kafka::close, "embedded-kafka-shutdown"));
        System.out.println("bootstrap.servers=" + kafka.bootstrapServers() + " (started in "
                + kafka.startupTime().toMillis() + " ms, data in " + kafka.dataDirectory() + ")");
        System.out.print(kafka.installTopics(GvcTopics.defaults()));
        new CountDownLatch(1).await();
    }

    static Builder parseMain(String[] args) {
        Path parent = Path.of("target/embedded-kafka");
        Path dir = null;
        int port = 0;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--dir") || a.equals("--port")) {
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException(a + " needs a value");
                }
                String v = args[++i];
                if (a.equals("--dir")) {
                    dir = Path.of(v);
                } else {
                    try {
                        port = Integer.parseInt(v);
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("--port must be a number, got " + v);
                    }
                }
            } else if (a.startsWith("-")) {
                throw new IllegalArgumentException("unknown option " + a
                        + " (usage: EmbeddedKafka [DATA-PARENT-DIR] | --dir DIR [--port N])");
            } else {
                parent = Path.of(a);
            }
        }
        Builder b = builder(parent).deleteOnClose(false).port(port);
        return dir == null ? b : b.dataDirectory(dir);
    }

    /** The cluster id of a kept data folder: made once, stored in the folder, the same at every restart. */
    private static final class ClusterId {
        private ClusterId() {
        }

        static String of(Path dir) throws IOException {
            Path file = dir.resolve("gvc-cluster-id");
            if (Files.exists(file)) {
                return Files.readString(file).trim();
            }
            String id = org.apache.kafka.common.Uuid.randomUuid().toString();
            Files.writeString(file, id + "\n");
            return id;
        }
    }
}
