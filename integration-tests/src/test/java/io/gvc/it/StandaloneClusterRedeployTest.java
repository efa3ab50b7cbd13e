package io.gvc.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.gvc.cluster.ChildJvm;
import io.gvc.cluster.FlinkRest;
import io.gvc.cluster.Poll;
import io.gvc.codec.GopPartition;
import io.gvc.codec.frame.Video;
import io.gvc.codec.variant.Variant;
import io.gvc.kafka.props.ClientProperties;
import io.gvc.kafka.topics.GvcTopics;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * One TaskManager of a real standalone session cluster, many deployments: the encode job (the jar
 * through the REST API) is run and cancelled 12 times, each run coding one real GOP (so the
 * encoder opens its model and codecs). The TaskManager must survive all of them; its metaspace is
 * read after each, following a full GC, from the REST API. A jar run without an entry class
 * (what the web UI does by default) must not take the cluster down.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StandaloneClusterRedeployTest {

    static final int DEPLOYMENTS = 12;
    static final String STREAM = "cam1";
    static final String METASPACE = "Status.JVM.Memory.Metaspace.Used";
    static final String CLASSES_LOADED = "Status.JVM.ClassLoader.ClassesLoaded";
    static final String CLASSES_UNLOADED = "Status.JVM.ClassLoader.ClassesUnloaded";
    /**
     * Average metaspace growth per deployment (after a full GC) above which classes of cancelled
     * jobs stay loaded: a job's classloader holds ~18 MB of classes, so one kept per deployment
     * shows as ~18 MB; a released one as about nothing.
     */
    static final double FLAT_MB_PER_DEPLOYMENT = 2.0;

    static StandaloneSupport.Processes cluster;
    static Path home;
    static String jarId;
    static String taskManager;

    @BeforeAll
    static void start() throws Exception {
        StandaloneSupport.assumeBuilt();
        Video clip = LiveTestSupport.carphoneCrop(9, 0, 0, 96, 64); // skips when the clip is absent
        home = StandaloneSupport.newHome("redeploy");
        cluster = StandaloneSupport.Processes.start(StandaloneSupport.settings(home, 1, 2));
        taskManager = cluster.flink.rest().taskManagerIds().get(0);
        ClientProperties props = StandaloneSupport.clientProperties(cluster.broker.bootstrapServers());
        // one GOP waits in the raw topic: every deployment (its own consumer group) codes it once
        var gop = LiveTestSupport.rawGops(STREAM, clip, new GopPartition(Variant.FLF2V, 9, 9)).get(0);
        LiveTestSupport.produce(props, List.of(LiveTestSupport.record(props.topics().rawGops().name(), gop)));
        StandaloneSupport.writeStreamConfig(home, STREAM, 96, 64, 9);
        jarId = cluster.flink.rest().uploadJar(StandaloneSupport.JOB_JAR);
    }

    @AfterAll
    static void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    @Order(1)
    void twelveDeploymentsLeaveTheTaskManagerAliveWithMetaspaceFlat() throws Exception {
        FlinkRest rest = cluster.flink.rest();
        ChildJvm tm = cluster.flink.taskManager(taskManager);
        ClientProperties props = StandaloneSupport.clientProperties(cluster.broker.bootstrapServers());
        GvcTopics topics = props.topics();
        List<String> args = List.of("--bootstrap", cluster.broker.bootstrapServers(), "--stream-config",
                home.resolve("streams.properties").toString(), "--codec-threads", "1",
                "--checkpoint-interval-ms", "500", "--transactional-id-prefix", "redeploy");

        List<Sample> samples = new ArrayList<>();
        samples.add(sample(rest, tm, 0));
        try (var packets = new StandaloneSupport.CommittedReader(props, topics.bitstream().name())) {
            for (int i = 1; i <= DEPLOYMENTS; i++) {
                List<String> run = new ArrayList<>(args);
                run.addAll(List.of("--encode-group", "redeploy-" + i));
                String job;
                try {
                    job = rest.runJar(jarId, FlinkRest.JarRun.of(StandaloneSupport.ENCODE_JOB, run));
                } catch (IOException e) {
                    fail("deployment " + i + " could not be submitted (TaskManager " + tm + "): " + e.getMessage()
                            + "\n" + report(samples));
                    return;
                }
                int want = i;
                Poll.until("deployment " + i + " to code its GOP", StandaloneSupport.LIVENESS, () -> {
                    checkAlive(tm, samples);
                    return packets.count() >= want ? Optional.of(true) : Optional.empty();
                });
                rest.cancel(job);
                Poll.until("deployment " + i + " cancelled and its slot free", StandaloneSupport.LIVENESS, () -> {
                    checkAlive(tm, samples);
                    var o = rest.overview();
                    return rest.jobState(job).equals("CANCELED")
                            && o.path("slots-available").asInt() == o.path("slots-total").asInt()
                            ? Optional.of(true) : Optional.empty();
                });
                samples.add(sample(rest, tm, i));
                System.out.println("[StandaloneClusterRedeployTest] " + samples.get(samples.size() - 1));
            }
        }
        String report = report(samples);
        System.out.println("[StandaloneClusterRedeployTest]\n" + report);
        Files.writeString(home.resolve("redeploy-report.txt"), report, StandardCharsets.UTF_8);

        assertTrue(tm.isAlive(), "TaskManager process died:\n" + report);
        assertEquals(List.of(taskManager), rest.taskManagerIds(), "the same TaskManager, still registered");
        // growth from the median of deployments 2-6 to that of 8-12: the first deployment also loads what
        // stays for good (Flink's own classes), and a single reading may still hold one more cancelled job
        double perDeployment = (median(samples.subList(8, 13)) - median(samples.subList(2, 7))) / 6;
        assertTrue(perDeployment < FLAT_MB_PER_DEPLOYMENT, String.format(Locale.ROOT,
                "metaspace grows %.1f MB per deployment after a full GC:%n%s", perDeployment, report));
    }

    @Test
    @Order(2)
    void runningTheJarWithoutAnEntryClassLeavesTheClusterUp() throws Exception {
        FlinkRest rest = cluster.flink.rest();
        String answer;
        try {
            answer = "answered " + rest.post("/jars/" + jarId + "/run", "{}");
        } catch (FlinkRest.RestException e) {
            answer = "answered " + e.status() + ": " + e.body();
        } catch (IOException e) {
            answer = "no answer: " + e;
        }
        System.out.println("[StandaloneClusterRedeployTest] run without an entry class " + answer);
        // a JobManager that exits does so while answering or right after: watch for that a few seconds
        boolean exited = cluster.flink.jobManager().waitForExit(Duration.ofSeconds(10));
        assertTrue(!exited, "the JobManager exited (code " + (exited ? cluster.flink.jobManager().exitValue() : 0)
                + ") after a jar run without an entry class, which " + answer + "\n"
                + cluster.flink.jobManager().consoleTail(20));
        assertTrue(rest.overview().path("taskmanagers").asInt() == 1, "the REST API answers, the TaskManager is there");
        assertEquals(List.of(taskManager), rest.taskManagerIds());
    }

    private static double median(List<Sample> s) {
        double[] v = s.stream().mapToDouble(Sample::metaspaceMb).sorted().toArray();
        return v[v.length / 2];
    }

    private static void checkAlive(ChildJvm tm, List<Sample> samples) throws Poll.GaveUp {
        if (!tm.isAlive()) {
            throw new Poll.GaveUp("TaskManager " + tm + " died (exit code " + tm.exitValue() + ")\n"
                    + report(samples) + "\n" + tm.consoleTail(20));
        }
    }

    /** Metaspace and classes after a full GC in the TaskManager, as its REST metrics show them. */
    private static Sample sample(FlinkRest rest, ChildJvm tm, int deployment) throws Exception {
        String oldGcCount = oldGenerationGcCount(rest);
        long before = Long.parseLong(rest.taskManagerMetrics(taskManager, List.of(oldGcCount)).getOrDefault(oldGcCount,
                "0"));
        fullGc(tm);
        // the REST API's metrics are fetched from the TaskManager at most once a second: wait for the GC to show
        Map<String, String> m = Poll.until("the full GC to show in the TaskManager's metrics", Duration.ofMinutes(1),
                () -> {
                    Map<String, String> got = rest.taskManagerMetrics(taskManager,
                            List.of(oldGcCount, METASPACE, CLASSES_LOADED, CLASSES_UNLOADED));
                    return Long.parseLong(got.getOrDefault(oldGcCount, "0")) > before ? Optional.of(got)
                            : Optional.empty();
                });
        return new Sample(deployment, Long.parseLong(m.get(METASPACE)) / 1e6, Long.parseLong(m.get(CLASSES_LOADED)),
                Long.parseLong(m.get(CLASSES_UNLOADED)), sizeMb(cluster.layout.javacppCache()));
    }

    /** The metric counting full collections: G1's old generation collector (once the REST API has fetched them). */
    private static String oldGenerationGcCount(FlinkRest rest) throws Exception {
        return Poll.until("the TaskManager's GC metrics in the REST API", Duration.ofMinutes(1), () -> rest
                .taskManagerMetricNames(taskManager).stream()
                .filter(n -> n.startsWith("Status.JVM.GarbageCollector.") && n.endsWith(".Count") && n.contains("Old"))
                .findFirst());
    }

    /** A full, class-unloading GC in the TaskManager, through the JDK's jcmd. */
    private static void fullGc(ChildJvm tm) throws Exception {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        Process p = new ProcessBuilder(jcmd.toString(), Long.toString(tm.pid()), "GC.run").redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(2, TimeUnit.MINUTES) || p.exitValue() != 0) {
            throw new IOException("jcmd " + tm.pid() + " GC.run failed: " + out);
        }
    }

    private static double sizeMb(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return 0;
        }
        try (var files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum() / 1e6;
        }
    }

    private static String report(List<Sample> samples) {
        StringBuilder b = new StringBuilder("deployment  metaspace MB  classes loaded  unloaded  JavaCPP cache MB\n");
        for (Sample s : samples) {
            b.append(String.format(Locale.ROOT, "%10d  %12.1f  %14d  %8d  %16.1f%n", s.deployment(), s.metaspaceMb(),
                    s.classesLoaded(), s.classesUnloaded(), s.javacppCacheMb()));
        }
        return b.toString();
    }

    record Sample(int deployment, double metaspaceMb, long classesLoaded, long classesUnloaded,
                  double javacppCacheMb) {
    }
}
