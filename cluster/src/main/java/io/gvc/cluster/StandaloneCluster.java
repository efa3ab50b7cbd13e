package io.gvc.cluster;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The local cluster of {@code gvc cluster start|stop|status}: the broker and the Flink session
 * cluster, left running when the starting command exits. What a later command needs to find and
 * stop them is written to {@code home/cluster.properties} (ports, process ids) and, for shells,
 * {@code home/cluster.env} ({@code FLINK_REST}, {@code KAFKA_BOOTSTRAP}).
 */
public final class StandaloneCluster {

    static final String STATE = "cluster.properties";
    static final String ENV = "cluster.env";

    private StandaloneCluster() {
    }

    /** What is running, as the state file says. */
    public record State(Path home, int restPort, String kafkaBootstrap, Map<String, Long> pids) {

        public String restUrl() {
            return "http://localhost:" + restPort;
        }

        /** The processes that are still alive, by name. */
        public Map<String, Long> alive() {
            Map<String, Long> a = new LinkedHashMap<>();
            pids.forEach((name, pid) -> {
                if (ours(pid, home)) {
                    a.put(name, pid);
                }
            });
            return a;
        }
    }

    /**
     * Starts the broker (unless {@code settings.brokerClasspath()} is null) and the Flink cluster,
     * waits until all are up, records them, and returns. On failure, stops whatever it started.
     *
     * @throws IllegalStateException when a cluster recorded in {@code home} is still running
     */
    public static State start(ClusterSettings settings) throws IOException, InterruptedException {
        ClusterLayout layout = new ClusterLayout(settings.home());
        checkNotRunning(layout.home());
        layout.create();
        BrokerProcess broker = null;
        try {
            if (settings.brokerClasspath() != null) {
                broker = BrokerProcess.start(layout, settings.brokerClasspath(), settings.kafkaPort());
            }
            FlinkSessionCluster flink = FlinkSessionCluster.start(settings);
            try {
                return record(layout, flink, broker);
            } catch (IOException | RuntimeException e) {
                flink.close();
                throw e;
            }
        } catch (IOException | InterruptedException | RuntimeException e) {
            if (broker != null) {
                broker.close();
            }
            throw e;
        }
    }

    private static State record(ClusterLayout layout, FlinkSessionCluster flink, BrokerProcess broker)
            throws IOException {
        Map<String, Long> pids = new LinkedHashMap<>();
        flink.taskManagers().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> pids.put(e.getKey(), e.getValue().pid()));
        pids.put(flink.jobManager().name(), flink.jobManager().pid());
        if (broker != null) {
            pids.put(broker.process().name(), broker.process().pid());
        }
        State s = new State(layout.home(), flink.restPort(), broker == null ? "" : broker.bootstrapServers(), pids);
        write(s);
        return s;
    }

    /** @throws IllegalStateException when a cluster recorded in {@code home} still has processes running */
    public static void checkNotRunning(Path home) throws IOException {
        Optional<State> previous = read(home);
        if (previous.isPresent() && !previous.get().alive().isEmpty()) {
            throw new IllegalStateException("a cluster is already running in " + previous.get().home() + " ("
                    + previous.get().alive() + "); stop it first: gvc cluster stop --dir " + previous.get().home());
        }
    }

    /** The recorded cluster in {@code home}, if one was started there. */
    public static Optional<State> read(Path home) throws IOException {
        Path f = home.toAbsolutePath().normalize().resolve(STATE);
        if (!Files.exists(f)) {
            return Optional.empty();
        }
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
            p.load(r);
        }
        Map<String, Long> pids = new LinkedHashMap<>();
        for (String name : p.getProperty("processes", "").split(",")) {
            if (!name.isBlank()) {
                pids.put(name, Long.parseLong(p.getProperty("pid." + name)));
            }
        }
        return Optional.of(new State(home.toAbsolutePath().normalize(), Integer.parseInt(p.getProperty("rest.port")),
                p.getProperty("kafka.bootstrap", ""), pids));
    }

    /**
     * Stops every recorded process that is still running, in order (TaskManagers, JobManager,
     * broker): SIGTERM, then SIGKILL after {@code grace}.
     *
     * @return the names of the processes that were running and are stopped now
     */
    public static List<String> stop(Path home, Duration grace) throws IOException, InterruptedException {
        State s = read(home).orElseThrow(() -> new IllegalArgumentException("no cluster was started in "
                + home.toAbsolutePath().normalize() + " (no " + STATE + ")"));
        List<String> stopped = new ArrayList<>();
        for (var e : s.alive().entrySet()) {
            Optional<ProcessHandle> h = ProcessHandle.of(e.getValue());
            if (h.isEmpty()) {
                continue;
            }
            h.get().destroy();
            try {
                h.get().onExit().get(grace.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException | ExecutionException timeout) {
                h.get().destroyForcibly();
                waitQuietly(h.get().onExit());
            }
            stopped.add(e.getKey());
        }
        return stopped;
    }

    private static void waitQuietly(CompletableFuture<ProcessHandle> exit) throws InterruptedException {
        try {
            exit.get(30, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            // nothing more to do than SIGKILL
        }
    }

    /**
     * Whether pid is a live process of the cluster in {@code home}: every process of the cluster
     * names its home on its command line, so a recycled pid is never mistaken for one of ours.
     */
    static boolean ours(long pid, Path home) {
        return ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                .flatMap(h -> h.info().commandLine())
                .map(cmd -> cmd.contains(home.toString()))
                .orElse(false);
    }

    private static void write(State s) throws IOException {
        Properties p = new Properties();
        p.setProperty("rest.port", Integer.toString(s.restPort()));
        p.setProperty("rest.url", s.restUrl());
        p.setProperty("kafka.bootstrap", s.kafkaBootstrap());
        p.setProperty("processes", String.join(",", s.pids().keySet()));
        s.pids().forEach((name, pid) -> p.setProperty("pid." + name, Long.toString(pid)));
        try (Writer w = Files.newBufferedWriter(s.home().resolve(STATE), StandardCharsets.UTF_8)) {
            p.store(w, "gvc cluster start: what runs in this folder");
        }
        Files.writeString(s.home().resolve(ENV), "FLINK_REST=" + s.restUrl() + "\nKAFKA_BOOTSTRAP="
                + s.kafkaBootstrap() + "\n", StandardCharsets.UTF_8);
    }
}
