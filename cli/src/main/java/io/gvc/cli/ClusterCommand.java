package io.gvc.cli;

import io.gvc.cluster.ClusterSettings;
import io.gvc.cluster.StandaloneCluster;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "cluster", mixinStandardHelpOptions = true,
        description = {"A local standalone Flink session cluster and Kafka broker for the live pipeline, each "
            + "process its own JVM, started from the build's jars (no downloads): a JobManager with the REST API "
            + "and web UI, TaskManagers, and the embedded KRaft broker. The same setup as a real cluster "
            + "(docs/live.md): Flink's Java 17 options, exponential-delay restarts, checkpoints kept on cancel, "
            + "FFmpeg and ONNX Runtime loaded once per TaskManager. Submit the jobs from "
            + "flink-jobs/target/gvc-flink-jobs.jar through the REST API."},
        subcommands = {ClusterCommand.Start.class, ClusterCommand.Stop.class, ClusterCommand.Status.class})
final class ClusterCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "say which: cluster start, stop or status");
    }

    static final class Dir {
        @Option(names = "--dir", paramLabel = "DIR", defaultValue = "gvc-cluster",
                description = "The cluster's folder: conf, log (one .log and .out per process), checkpoints, "
                        + "kafka (the broker's data), cluster.properties and cluster.env (default: ${DEFAULT-VALUE}).")
        Path dir;
    }

    @Command(name = "start", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Start the broker, a JobManager and the TaskManagers, wait until all are up, print their "
                + "addresses and return; they keep running until `gvc cluster stop`. "
                + "DIR/cluster.env holds FLINK_REST and KAFKA_BOOTSTRAP for shells (source it). "
                + "The GVC topics are created on the broker at its start."},
            footer = {"", "Example:", "  gvc cluster start --dir gvc-cluster && . gvc-cluster/cluster.env",
                "  curl -s $FLINK_REST/overview"})
    static final class Start implements Callable<Integer> {

        @CommandLine.Mixin
        Dir dir;

        @Option(names = "--task-managers", paramLabel = "N", defaultValue = "2",
                description = "TaskManagers to start (default: ${DEFAULT-VALUE}).")
        int taskManagers;

        @Option(names = "--slots", paramLabel = "N", defaultValue = "2",
                description = "Task slots per TaskManager (default: ${DEFAULT-VALUE}).")
        int slots;

        @Option(names = "--rest-port", paramLabel = "PORT", defaultValue = "0",
                description = "Port of the REST API and web UI (default: 0, any free port; Flink's usual is 8081).")
        int restPort;

        @Option(names = "--kafka-port", paramLabel = "PORT", defaultValue = "0",
                description = "Port of the broker (default: 0, any free port).")
        int kafkaPort;

        @Option(names = "--no-kafka", description = "Start no broker (the jobs will use one of yours).")
        boolean noKafka;

        @Option(names = "--taskmanager-memory", paramLabel = "SIZE", defaultValue = "1600m",
                description = "taskmanager.memory.process.size of each TaskManager (default: ${DEFAULT-VALUE}).")
        String taskManagerMemory;

        @Option(names = "--conf", paramLabel = "KEY=VALUE",
                description = "Any other Flink setting for config.yaml, e.g. --conf heartbeat.timeout=20s; repeatable.")
        Map<String, String> conf;

        @Option(names = "--flink-lib", paramLabel = "DIR",
                description = "Flink's jars (default: cluster/target/flink-lib of this build).")
        Path flinkLib;

        @Option(names = "--native-lib", paramLabel = "DIR",
                description = "JavaCPP, FFmpeg and ONNX Runtime jars, loaded once per process "
                        + "(default: flink-jobs/target/cluster-lib of this build).")
        Path nativeLib;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            if (taskManagers < 1 || slots < 1) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "--task-managers and --slots must be >= 1");
            }
            Path home = gvcHome();
            ClusterSettings s = new ClusterSettings(dir.dir,
                    flinkLib != null ? flinkLib : home.resolve("cluster/target/flink-lib"),
                    nativeLib != null ? nativeLib : home.resolve("flink-jobs/target/cluster-lib"),
                    noKafka ? null : System.getProperty("java.class.path"), taskManagers, slots, restPort, kafkaPort,
                    "1024m", taskManagerMemory, conf == null ? Map.of() : conf);
            try {
                s.checkLibs();
            } catch (IllegalArgumentException e) {
                throw new BadInputException(e.getMessage());
            }
            StandaloneCluster.State st;
            try {
                StandaloneCluster.checkNotRunning(s.home());
                System.err.println("gvc cluster: starting in " + s.home() + " (logs in " + s.home().resolve("log")
                        + ")");
                st = StandaloneCluster.start(s);
            } catch (IllegalStateException e) {
                throw new BadInputException(e.getMessage());
            }
            System.out.println("Flink REST API and web UI: " + st.restUrl());
            if (!st.kafkaBootstrap().isEmpty()) {
                System.out.println("Kafka bootstrap servers:    " + st.kafkaBootstrap());
            }
            System.out.println("processes: " + st.pids());
            System.out.println("shell variables: . " + st.home().resolve("cluster.env"));
            System.out.println("stop: gvc cluster stop --dir " + st.home());
            return ExitCodes.OK;
        }
    }

    @Command(name = "stop", mixinStandardHelpOptions = true,
            description = {"Stop the cluster started in DIR: TaskManagers, JobManager, broker (SIGTERM, then SIGKILL "
                + "after --grace-seconds). Checkpoints, logs and the broker's data stay in DIR."})
    static final class Stop implements Callable<Integer> {

        @CommandLine.Mixin
        Dir dir;

        @Option(names = "--grace-seconds", paramLabel = "S", defaultValue = "30",
                description = "How long each process may take to shut down cleanly (default: ${DEFAULT-VALUE}).")
        int grace;

        @Override
        public Integer call() throws Exception {
            List<String> stopped;
            try {
                stopped = StandaloneCluster.stop(dir.dir, Duration.ofSeconds(grace));
            } catch (IllegalArgumentException e) {
                throw new BadInputException(e.getMessage());
            }
            System.out.println(stopped.isEmpty() ? "nothing was running in " + dir.dir.toAbsolutePath().normalize()
                    : "stopped " + String.join(", ", stopped));
            return ExitCodes.OK;
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true,
            description = {"Say which processes of the cluster in DIR are running, and its addresses. "
                + "Exit code 0 when all are running, 1 when some or none are."})
    static final class Status implements Callable<Integer> {

        @CommandLine.Mixin
        Dir dir;

        @Override
        public Integer call() throws Exception {
            Optional<StandaloneCluster.State> s = StandaloneCluster.read(dir.dir);
            if (s.isEmpty()) {
                System.out.println("no cluster was started in " + dir.dir.toAbsolutePath().normalize());
                return 1;
            }
            Map<String, Long> alive = s.get().alive();
            for (var e : s.get().pids().entrySet()) {
                System.out.println(e.getKey() + " (pid " + e.getValue() + "): "
                        + (alive.containsKey(e.getKey()) ? "running" : "not running"));
            }
            System.out.println("Flink REST API: " + s.get().restUrl());
            if (!s.get().kafkaBootstrap().isEmpty()) {
                System.out.println("Kafka bootstrap servers: " + s.get().kafkaBootstrap());
            }
            return alive.size() == s.get().pids().size() ? ExitCodes.OK : 1;
        }
    }

    /**
     * The project folder: ./gvc passes it as gvc.home; otherwise the folder three levels above
     * this jar (cli/target/gvc-cli.jar).
     */
    static Path gvcHome() throws URISyntaxException {
        String h = System.getProperty("gvc.home");
        if (h != null) {
            return Path.of(h);
        }
        Path jar = Path.of(ClusterCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path guess = jar.getParent() == null || jar.getParent().getParent() == null ? jar
                : jar.getParent().getParent().getParent();
        return Files.isDirectory(guess) ? guess : Path.of(".");
    }
}
