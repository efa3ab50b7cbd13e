package io.gvc.cluster;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Optional;

/**
 * The project's embedded KRaft broker ({@code io.gvc.kafka.broker.EmbeddedKafka}) in a JVM of its
 * own, on a fixed port with its data kept under the cluster's home: it can be stopped and started
 * again under running jobs, which reconnect to the same address and find their topics, offsets
 * and transactions. Its main installs the GVC topics (default names) at every start.
 */
public final class BrokerProcess implements AutoCloseable {

    public static final String MAIN = "io.gvc.kafka.broker.EmbeddedKafka";
    private static final String NAME = "kafka";
    private static final String READY = "bootstrap.servers=";

    private final ClusterLayout layout;
    private final String classpath;
    private final int port;
    private ChildJvm process;
    private int starts;

    private BrokerProcess(ClusterLayout layout, String classpath, int port) {
        this.layout = layout;
        this.classpath = classpath;
        this.port = port;
    }

    /**
     * Starts the broker and waits until it serves clients.
     *
     * @param classpath a classpath holding the broker (kafka-config and its dependencies, or the
     *                  gvc CLI's jar)
     * @param port      client port; 0 picks a free one, kept for every restart
     */
    public static BrokerProcess start(ClusterLayout layout, String classpath, int port)
            throws IOException, InterruptedException {
        layout.create();
        int p = port != 0 ? port : Ports.free();
        Ports.checkFree("Kafka", p);
        BrokerProcess b = new BrokerProcess(layout, classpath, p);
        b.startProcess();
        return b;
    }

    /** localhost:port, the same across restarts. */
    public String bootstrapServers() {
        return "localhost:" + port;
    }

    public int port() {
        return port;
    }

    public synchronized ChildJvm process() {
        return process;
    }

    /** Stops the broker cleanly (SIGTERM: it closes its logs and leaves its controller) and starts it again. */
    public synchronized void restart() throws IOException, InterruptedException {
        process.stop(FlinkSessionCluster.STOP_GRACE);
        startProcess();
    }

    @Override
    public synchronized void close() {
        if (process != null) {
            process.stopQuietly(FlinkSessionCluster.STOP_GRACE);
        }
    }

    private void startProcess() throws IOException, InterruptedException {
        Files.writeString(layout.conf().resolve("kafka-log4j.properties"), BROKER_LOG4J, StandardCharsets.UTF_8);
        List<String> jvm = List.of("-Xmx1g",
                "-Dlog.file=" + layout.log(NAME),
                "-Dlog4j.configurationFile=" + layout.conf().resolve("kafka-log4j.properties").toUri(),
                "-Djava.io.tmpdir=" + layout.tmp());
        process = ChildJvm.start(NAME, jvm, classpath, MAIN,
                List.of("--dir", layout.kafkaData().toString(), "--port", Integer.toString(port)),
                layout.home(), layout.console(NAME));
        int want = ++starts;
        ChildJvm p = process;
        Poll.until("the Kafka broker on port " + port, FlinkSessionCluster.START_TIMEOUT, () -> {
            if (!p.isAlive()) {
                throw new Poll.GaveUp("the broker exited with code " + p.exitValue() + ":\n" + p.consoleTail(40));
            }
            return readyLines() >= want ? Optional.of(true) : Optional.empty();
        }, () -> p.consoleTail(20));
    }

    private long readyLines() throws IOException {
        try (var lines = Files.lines(layout.console(NAME), StandardCharsets.ISO_8859_1)) {
            return lines.filter(l -> l.startsWith(READY)).count();
        }
    }

    /** The broker's log in log/kafka.log: its own INFO lines, no per-request chatter. */
    static final String BROKER_LOG4J = """
            rootLogger.level = INFO
            rootLogger.appenderRef.file.ref = MainAppender
            logger.requests.name = kafka.request.logger
            logger.requests.level = WARN
            logger.state.name = state.change.logger
            logger.state.level = WARN
            appender.main.name = MainAppender
            appender.main.type = File
            appender.main.append = true
            appender.main.fileName = ${sys:log.file}
            appender.main.layout.type = PatternLayout
            appender.main.layout.pattern = %d{yyyy-MM-dd HH:mm:ss,SSS} %-5p %-40c - %m%n
            """;
}
