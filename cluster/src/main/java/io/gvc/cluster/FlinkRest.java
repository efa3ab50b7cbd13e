package io.gvc.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * A client of the JobManager's REST API, the one the web UI and {@code flink run} use: upload a
 * jar, run an entry class of it, watch jobs, their checkpoints and metrics, cancel them.
 * Endpoints as documented for Flink 2.2 ("REST API" in Flink's operations docs).
 */
public final class FlinkRest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(60);
    /** Uploading a job jar of a few hundred MB to a busy JobManager takes a while. */
    private static final Duration UPLOAD_TIMEOUT = Duration.ofMinutes(5);

    private final URI base;
    private final HttpClient http;

    public FlinkRest(URI base) {
        this.base = base;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    }

    public static FlinkRest at(int port) {
        return new FlinkRest(URI.create("http://localhost:" + port));
    }

    public URI base() {
        return base;
    }

    /** A non-2xx answer, with the server's body (Flink puts its error list there). */
    public static final class RestException extends IOException {
        private static final long serialVersionUID = 1L;
        private final int status;
        private final String body;

        RestException(String call, int status, String body) {
            super(call + " answered " + status + ": " + body);
            this.status = status;
            this.body = body;
        }

        public int status() {
            return status;
        }

        public String body() {
            return body;
        }
    }

    /** The parameters of {@code POST /jars/:jarid/run}. */
    public record JarRun(String entryClass, List<String> programArgs, String savepointPath) {

        public JarRun {
            programArgs = List.copyOf(programArgs);
        }

        public static JarRun of(String entryClass, List<String> args) {
            return new JarRun(entryClass, args, null);
        }

        /** The same run resumed from a retained checkpoint or a savepoint. */
        public JarRun resumingFrom(String path) {
            return new JarRun(entryClass, programArgs, path);
        }

        String body() {
            ObjectNode b = JSON.createObjectNode();
            if (entryClass != null) {
                b.put("entryClass", entryClass);
            }
            var args = b.putArray("programArgsList");
            programArgs.forEach(args::add);
            if (savepointPath != null) {
                b.put("savepointPath", savepointPath);
            }
            return b.toString();
        }
    }

    public JsonNode get(String path) throws IOException, InterruptedException {
        return send("GET " + path, HttpRequest.newBuilder(base.resolve(path)).timeout(CALL_TIMEOUT).GET().build());
    }

    /** {@code /overview}: TaskManagers, slots, jobs by state. */
    public JsonNode overview() throws IOException, InterruptedException {
        return get("/overview");
    }

    /** The ids of the registered TaskManagers (their taskmanager.resource-id). */
    public List<String> taskManagerIds() throws IOException, InterruptedException {
        List<String> ids = new ArrayList<>();
        get("/taskmanagers").path("taskmanagers").forEach(tm -> ids.add(tm.path("id").asText()));
        return ids;
    }

    /** Uploads a jar; returns its id for {@link #runJar}. */
    public String uploadJar(Path jar) throws IOException, InterruptedException {
        String boundary = "gvc-" + UUID.randomUUID();
        String head = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"jarfile\"; filename=\""
                + jar.getFileName() + "\"\r\nContent-Type: application/x-java-archive\r\n\r\n";
        String tail = "\r\n--" + boundary + "--\r\n";
        HttpRequest req = HttpRequest.newBuilder(base.resolve("/jars/upload")).timeout(UPLOAD_TIMEOUT)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.concat(
                        HttpRequest.BodyPublishers.ofString(head),
                        HttpRequest.BodyPublishers.ofFile(jar),
                        HttpRequest.BodyPublishers.ofString(tail)))
                .build();
        JsonNode r = send("POST /jars/upload " + jar, req);
        String file = r.path("filename").asText();
        if (file.isEmpty()) {
            throw new IOException("jar upload answered without a file name: " + r);
        }
        return Path.of(file).getFileName().toString();
    }

    /** Runs an entry class of an uploaded jar (its main runs on the JobManager); returns the job id. */
    public String runJar(String jarId, JarRun run) throws IOException, InterruptedException {
        JsonNode r = post("/jars/" + jarId + "/run", run.body());
        String job = r.path("jobid").asText();
        if (job.isEmpty()) {
            throw new IOException("jar run answered without a job id: " + r);
        }
        return job;
    }

    public void deleteJar(String jarId) throws IOException, InterruptedException {
        send("DELETE /jars/" + jarId, HttpRequest.newBuilder(base.resolve("/jars/" + jarId)).timeout(CALL_TIMEOUT)
                .DELETE().build());
    }

    public JsonNode post(String path, String jsonBody) throws IOException, InterruptedException {
        return send("POST " + path, HttpRequest.newBuilder(base.resolve(path)).timeout(UPLOAD_TIMEOUT)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(jsonBody)).build());
    }

    /** {@code /jobs/:jobid}: state and vertices. */
    public JsonNode job(String jobId) throws IOException, InterruptedException {
        return get("/jobs/" + jobId);
    }

    public String jobState(String jobId) throws IOException, InterruptedException {
        return job(jobId).path("state").asText();
    }

    /** Whether the job and every one of its tasks is RUNNING (a RUNNING job may still be deploying tasks). */
    public boolean allTasksRunning(String jobId) throws IOException, InterruptedException {
        JsonNode j = job(jobId);
        if (!j.path("state").asText().equals("RUNNING")) {
            return false;
        }
        for (JsonNode v : j.path("vertices")) {
            int running = v.path("tasks").path("RUNNING").asInt();
            if (running != v.path("parallelism").asInt()) {
                return false;
            }
        }
        return true;
    }

    /** The id of the job's vertex whose name contains {@code namePart} (operators chained into it count). */
    public String vertexId(String jobId, String namePart) throws IOException, InterruptedException {
        List<String> names = new ArrayList<>();
        for (JsonNode v : job(jobId).path("vertices")) {
            names.add(v.path("name").asText());
            if (v.path("name").asText().contains(namePart)) {
                return v.path("id").asText();
            }
        }
        throw new IOException("job " + jobId + " has no vertex named like " + namePart + ": " + names);
    }

    /** The TaskManagers running the subtasks of a vertex. */
    public List<String> vertexTaskManagers(String jobId, String vertexId) throws IOException, InterruptedException {
        List<String> ids = new ArrayList<>();
        get("/jobs/" + jobId + "/vertices/" + vertexId + "/taskmanagers").path("taskmanagers")
                .forEach(tm -> ids.add(tm.path("taskmanager-id").asText()));
        return ids;
    }

    /** {@code /jobs/:jobid/checkpoints}: counts, the latest completed and restored checkpoints. */
    public JsonNode checkpoints(String jobId) throws IOException, InterruptedException {
        return get("/jobs/" + jobId + "/checkpoints");
    }

    /** The id of the newest completed checkpoint, -1 if none yet. */
    public long latestCheckpointId(String jobId) throws IOException, InterruptedException {
        JsonNode c = checkpoints(jobId).path("latest").path("completed");
        return c.isMissingNode() || c.isNull() ? -1 : c.path("id").asLong();
    }

    /** Cancels a job (asynchronous; watch its state). */
    public void cancel(String jobId) throws IOException, InterruptedException {
        send("PATCH /jobs/" + jobId, HttpRequest.newBuilder(base.resolve("/jobs/" + jobId + "?mode=cancel"))
                .timeout(CALL_TIMEOUT).method("PATCH", HttpRequest.BodyPublishers.noBody()).build());
    }

    /** A job-level metric (e.g. numRestarts), empty until the metric fetcher has it. */
    public Optional<String> jobMetric(String jobId, String name) throws IOException, InterruptedException {
        return metrics("/jobs/" + jobId + "/metrics", List.of(name)).entrySet().stream()
                .map(Map.Entry::getValue).findFirst();
    }

    /** TaskManager metrics (e.g. Status.JVM.Memory.Metaspace.Used), those the fetcher has. */
    public Map<String, String> taskManagerMetrics(String tmId, List<String> names)
            throws IOException, InterruptedException {
        return metrics("/taskmanagers/" + tmId + "/metrics", names);
    }

    /** The names of the metrics a TaskManager reports. */
    public List<String> taskManagerMetricNames(String tmId) throws IOException, InterruptedException {
        List<String> names = new ArrayList<>();
        get("/taskmanagers/" + tmId + "/metrics").forEach(m -> names.add(m.path("id").asText()));
        return names;
    }

    private Map<String, String> metrics(String path, List<String> names) throws IOException, InterruptedException {
        String q = URLEncoder.encode(String.join(",", names), StandardCharsets.UTF_8);
        Map<String, String> out = new LinkedHashMap<>();
        get(path + "?get=" + q).forEach(m -> out.put(m.path("id").asText(), m.path("value").asText()));
        return out;
    }

    private JsonNode send(String call, HttpRequest req) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(req, HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() / 100 != 2) {
            throw new RestException(call, r.statusCode(), r.body());
        }
        String body = r.body();
        return body == null || body.isBlank() ? JSON.createObjectNode() : JSON.readTree(body);
    }
}
