package io.gvc.cli.serve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads the per-stream GVC metrics of every running job through a Flink dashboard's REST API, the
 * one the dashboard itself uses: {@code /jobs}, {@code /jobs/:id}, and
 * {@code /jobs/:id/vertices/:vid/subtasks/metrics?agg=sum}. Metric names are
 * {@code <operator>.stream.<id>.<metric>} (docs/live.md); values are summed over subtasks.
 */
public final class FlinkRestMetrics {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final URI dashboard;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public FlinkRestMetrics(URI dashboard) {
        this.dashboard = dashboard;
    }

    public URI dashboard() {
        return dashboard;
    }

    /** Metric name to value, for every running job. */
    public Map<String, String> read() throws IOException {
        Map<String, String> out = new TreeMap<>();
        for (JsonNode job : JSON.readTree(get("/jobs")).path("jobs")) {
            if (!"RUNNING".equals(job.path("status").asText())) {
                continue;
            }
            String jid = job.path("id").asText();
            for (JsonNode v : JSON.readTree(get("/jobs/" + jid)).path("vertices")) {
                String base = "/jobs/" + jid + "/vertices/" + v.path("id").asText() + "/subtasks/metrics";
                List<String> names = new ArrayList<>();
                for (JsonNode m : JSON.readTree(get(base))) {
                    String id = m.path("id").asText();
                    if (id.contains(".stream.")) {
                        names.add(id);
                    }
                }
                if (names.isEmpty()) {
                    continue;
                }
                for (JsonNode m : JSON.readTree(get(base + "?agg=sum&get=" + String.join(",", names)))) {
                    out.put(m.path("id").asText(), m.path("sum").asText());
                }
            }
        }
        return out;
    }

    /** GET a path of the REST API, as text; an IOException when it does not answer 200. */
    public String get(String path) throws IOException {
        try {
            HttpRequest req = HttpRequest.newBuilder(dashboard.resolve(path)).timeout(Duration.ofSeconds(10)).build();
            HttpResponse<String> resp = client.send(req, HttpResponse.BodyHandlers.ofString());
            if (resp.statusCode() != 200) {
                throw new IOException("GET " + path + ": HTTP " + resp.statusCode());
            }
            return resp.body();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}
