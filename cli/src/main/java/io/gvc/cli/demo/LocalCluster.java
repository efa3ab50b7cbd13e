package io.gvc.cli.demo;

import io.gvc.cli.serve.FlinkRestMetrics;
import java.net.URI;
import java.util.Map;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * A real Flink cluster inside this JVM (JobManager, one TaskManager, the web dashboard), for local
 * mode. Jobs are submitted through its REST endpoint, exactly as {@code flink run} would, so each
 * job shows up on the dashboard under its own name.
 */
public final class LocalCluster implements AutoCloseable {

    private final MiniCluster cluster;
    private final URI rest;

    private LocalCluster(MiniCluster cluster, URI rest) {
        this.cluster = cluster;
        this.rest = rest;
    }

    /**
     * @param ports dashboard/REST port or range, e.g. "8081" or "8081-8099" (the first free one is taken)
     * @param slots task slots of the one TaskManager
     */
    public static LocalCluster start(String ports, int slots) throws Exception {
        Configuration c = new Configuration();
        c.set(RestOptions.BIND_PORT, ports);
        c.set(RestOptions.ADDRESS, "localhost");
        c.set(TaskManagerOptions.NUM_TASK_SLOTS, slots);
        MiniCluster mc = new MiniCluster(new MiniClusterConfiguration.Builder()
                .setConfiguration(c).setNumTaskManagers(1).setNumSlotsPerTaskManager(slots).build());
        try {
            mc.start();
            return new LocalCluster(mc, mc.getRestAddress().get());
        } catch (Exception e) {
            mc.close();
            throw e;
        }
    }

    /** The dashboard, e.g. http://localhost:8081. */
    public URI dashboard() {
        return rest;
    }

    /** GET /overview of the dashboard's REST API (task managers, slots, jobs), as the JSON text it answers. */
    public String overview() {
        try {
            return get("/overview");
        } catch (java.io.IOException e) {
            return "unreachable: " + e.getMessage();
        }
    }

    /**
     * The per-stream GVC metrics the dashboard shows for every running job, read back through its
     * REST API ({@code /jobs/:id/vertices/:vid/metrics}): name (operator.stream.id.metric) to value.
     * One read: the dashboard fetches metrics from the task managers in the background, so it may
     * lag; {@link #streamMetrics(java.util.function.Predicate, java.time.Duration)} waits for what is wanted.
     */
    public java.util.Map<String, String> streamMetrics() throws java.io.IOException {
        return readStreamMetrics();
    }

    /**
     * The per-stream metrics once {@code complete} holds for them, polled every 500 ms for at most
     * {@code timeout}; after that, the last read, complete or not.
     */
    public java.util.Map<String, String> streamMetrics(java.util.function.Predicate<java.util.Map<String, String>> complete,
            java.time.Duration timeout) throws java.io.IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        java.util.Map<String, String> m = readStreamMetrics();
        while (!complete.test(m) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            m = readStreamMetrics();
        }
        return m;
    }

    private java.util.Map<String, String> readStreamMetrics() throws java.io.IOException {
        return new FlinkRestMetrics(rest).read();
    }

    private String get(String path) throws java.io.IOException {
        return new FlinkRestMetrics(rest).get(path);
    }

    /** A fresh environment whose jobs run on this cluster. */
    public StreamExecutionEnvironment environment() {
        return StreamExecutionEnvironment.createRemoteEnvironment(rest.getHost(), rest.getPort(), new Configuration());
    }

    @Override
    public void close() throws Exception {
        cluster.close();
    }
}
