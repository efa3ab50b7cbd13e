package io.gvc.jobs.pipeline;

import java.net.URI;
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
            var client = java.net.http.HttpClient.newHttpClient();
            var req = java.net.http.HttpRequest.newBuilder(rest.resolve("/overview"))
                    .timeout(java.time.Duration.ofSeconds(10)).build();
            var resp = client.send(req, java.net.http.HttpResponse.BodyHandlers.ofString());
            return resp.statusCode() == 200 ? resp.body() : "HTTP " + resp.statusCode();
        } catch (java.io.IOException e) {
            return "unreachable: " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
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
