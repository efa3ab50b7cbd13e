package io.gvc.cluster;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A standalone Flink session cluster on this machine, each process its own JVM, as Flink's
 * {@code jobmanager.sh} and {@code taskmanager.sh} start them: the entry point classes
 * {@code StandaloneSessionClusterEntrypoint} and {@code TaskManagerRunner}, Flink's Java 17
 * options, and the heap, direct and metaspace limits Flink derives from the configured process
 * size ({@code BashJavaUtils}, what the scripts call). TaskManagers are named tm-1, tm-2, ...
 * (their {@code taskmanager.resource-id}, which is also their id in the REST API).
 */
public final class FlinkSessionCluster implements AutoCloseable {

    static final String JOB_MANAGER_MAIN = "org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint";
    static final String TASK_MANAGER_MAIN = "org.apache.flink.runtime.taskexecutor.TaskManagerRunner";
    static final String BASH_JAVA_UTILS = "org.apache.flink.runtime.util.bash.BashJavaUtils";
    /** Liveness bound for a JVM to come up on a loaded machine, not an expectation. */
    static final Duration START_TIMEOUT = Duration.ofMinutes(3);
    static final Duration STOP_GRACE = Duration.ofSeconds(30);

    private final ClusterSettings settings;
    private final ClusterLayout layout;
    private final int restPort;
    private final FlinkRest rest;
    private final ChildJvm jobManager;
    private final Map<String, ChildJvm> taskManagers = new LinkedHashMap<>();
    private ResourceParams taskManagerParams;
    private int nextTaskManager = 1;

    private FlinkSessionCluster(ClusterSettings settings, ClusterLayout layout, int restPort, ChildJvm jobManager) {
        this.settings = settings;
        this.layout = layout;
        this.restPort = restPort;
        this.rest = FlinkRest.at(restPort);
        this.jobManager = jobManager;
    }

    /**
     * Writes the configuration, starts the JobManager, waits for its REST API, then starts
     * {@code settings.taskManagers()} TaskManagers and waits until all have registered. On any
     * failure everything started so far is stopped.
     */
    public static FlinkSessionCluster start(ClusterSettings settings) throws IOException, InterruptedException {
        settings.checkLibs();
        ClusterLayout layout = new ClusterLayout(settings.home());
        layout.create();
        int rpcPort = Ports.free();
        int restPort = settings.restPort() != 0 ? settings.restPort() : Ports.free();
        Ports.checkFree("Flink REST", restPort);
        FlinkConf.write(layout, FlinkConf.entries(settings, layout, rpcPort, restPort));

        ResourceParams jm = ResourceParams.of(settings, layout, "GET_JM_RESOURCE_PARAMS");
        List<String> args = new ArrayList<>(List.of("--configDir", layout.conf().toString()));
        args.addAll(jm.dynamicProperties());
        ChildJvm jobManager = ChildJvm.start("jobmanager", jvmOptions(layout, "jobmanager", jm.jvmOptions()),
                classpath(settings), JOB_MANAGER_MAIN, args, layout.home(), layout.console("jobmanager"));
        FlinkSessionCluster cluster = new FlinkSessionCluster(settings, layout, restPort, jobManager);
        try {
            Poll.until("the JobManager's REST API on port " + restPort, START_TIMEOUT, () -> {
                cluster.checkAlive(jobManager);
                return Optional.of(cluster.rest.overview());
            }, cluster::jobManagerTail);
            for (int i = 0; i < settings.taskManagers(); i++) {
                cluster.addTaskManager();
            }
            return cluster;
        } catch (IOException | InterruptedException | RuntimeException e) {
            cluster.close();
            throw e;
        }
    }

    /** Starts one more TaskManager and waits until it has registered; returns its id. */
    public synchronized String addTaskManager() throws IOException, InterruptedException {
        if (taskManagerParams == null) {
            taskManagerParams = ResourceParams.of(settings, layout, "GET_TM_RESOURCE_PARAMS");
        }
        String id = "tm-" + nextTaskManager++;
        List<String> args = new ArrayList<>(List.of("--configDir", layout.conf().toString(),
                "-D", "taskmanager.resource-id=" + id));
        args.addAll(taskManagerParams.dynamicProperties());
        ChildJvm tm = ChildJvm.start(id, jvmOptions(layout, id, taskManagerParams.jvmOptions()), classpath(settings),
                TASK_MANAGER_MAIN, args, layout.home(), layout.console(id));
        taskManagers.put(id, tm);
        Poll.until("TaskManager " + id + " to register with the JobManager", START_TIMEOUT, () -> {
            checkAlive(tm);
            return rest.taskManagerIds().contains(id) ? Optional.of(id) : Optional.empty();
        }, () -> id + " log tail:\n" + Logs.tail(layout.log(id), 30) + "\n" + tm.consoleTail(10));
        return id;
    }

    /** SIGKILLs a TaskManager, as a lost machine: its slots and tasks vanish without notice. */
    public synchronized void killTaskManager(String id) throws InterruptedException {
        taskManager(id).kill();
    }

    public synchronized ChildJvm taskManager(String id) {
        ChildJvm tm = taskManagers.get(id);
        if (tm == null) {
            throw new IllegalArgumentException("no TaskManager " + id + " (have " + taskManagers.keySet() + ")");
        }
        return tm;
    }

    /** Every TaskManager this cluster started, by id, in start order (killed ones included). */
    public synchronized Map<String, ChildJvm> taskManagers() {
        return Map.copyOf(taskManagers);
    }

    public ChildJvm jobManager() {
        return jobManager;
    }

    public FlinkRest rest() {
        return rest;
    }

    public int restPort() {
        return restPort;
    }

    public ClusterLayout layout() {
        return layout;
    }

    /** TaskManagers first (they deregister), then the JobManager; SIGKILL after a grace period. */
    @Override
    public synchronized void close() {
        for (ChildJvm tm : taskManagers.values()) {
            tm.stopQuietly(STOP_GRACE);
        }
        jobManager.stopQuietly(STOP_GRACE);
    }

    private void checkAlive(ChildJvm p) throws Poll.GaveUp {
        if (!p.isAlive()) {
            throw new Poll.GaveUp(p.name() + " exited with code " + p.exitValue() + "; its output:\n"
                    + p.consoleTail(30) + "\n" + Logs.tail(layout.log(p.name()), 30));
        }
    }

    private String jobManagerTail() {
        return "jobmanager log tail:\n" + Logs.tail(layout.log("jobmanager"), 30) + "\n" + jobManager.consoleTail(10);
    }

    /** Flink's jars, then the native lib's (a distribution's lib/ folder with those jars added). */
    static String classpath(ClusterSettings s) {
        String cp = s.flinkLib().resolve("*").toString();
        return s.nativeLib() == null ? cp : cp + java.io.File.pathSeparator + s.nativeLib().resolve("*");
    }

    /** Flink's Java 17 options, the memory limits, one log file, and every temporary file under home. */
    static List<String> jvmOptions(ClusterLayout layout, String name, List<String> memory) {
        List<String> o = new ArrayList<>(FlinkJavaOptions.JAVA_17);
        o.addAll(memory);
        o.add("-Dlog.file=" + layout.log(name));
        o.add("-Dlog4j.configurationFile=" + layout.conf().resolve("log4j.properties").toUri());
        o.add("-Djava.io.tmpdir=" + layout.tmp());
        o.add("-Dorg.bytedeco.javacpp.cachedir=" + layout.javacppCache());
        return o;
    }

    /**
     * What Flink's scripts compute before starting a process: JVM memory options and the memory
     * settings the process then gets as dynamic properties ({@code BashJavaUtils GET_*_RESOURCE_PARAMS}).
     */
    record ResourceParams(List<String> jvmOptions, List<String> dynamicProperties) {

        private static final String PREFIX = "BASH_JAVA_UTILS_EXEC_RESULT:";

        static ResourceParams of(ClusterSettings s, ClusterLayout layout, String command)
                throws IOException, InterruptedException {
            List<String> cmd = new ArrayList<>(List.of(ChildJvm.javaExecutable().toString(), "-cp", classpath(s),
                    "-Dlog4j.configurationFile=" + layout.conf().resolve("log4j.properties").toUri(),
                    "-Dlog.file=" + layout.log("bash-java-utils"),
                    BASH_JAVA_UTILS, command, "--configDir", layout.conf().toString()));
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out;
            try (InputStream in = p.getInputStream()) {
                out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            if (!p.waitFor(2, TimeUnit.MINUTES) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new IOException(BASH_JAVA_UTILS + " " + command + " failed:\n" + out);
            }
            List<String> results = out.lines().filter(l -> l.startsWith(PREFIX))
                    .map(l -> l.substring(PREFIX.length()).trim()).toList();
            if (results.size() < 2) {
                throw new IOException(BASH_JAVA_UTILS + " " + command + " printed no memory settings:\n" + out);
            }
            List<String> jvm = Arrays.stream(results.get(results.size() - 2).split("\\s+")).filter(t -> !t.isEmpty())
                    .toList();
            List<String> dynamic = Arrays.stream(results.get(results.size() - 1).split("\\s+"))
                    .filter(t -> !t.isEmpty()).toList();
            return new ResourceParams(jvm, dynamic);
        }
    }
}
