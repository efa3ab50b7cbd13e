package io.gvc.cli.serve;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The HTTP side of {@code gvc serve} (the JDK's server): the preview page and its scripts from the
 * jar at {@code /}, the stream list and chart points at {@code /api/streams}, and each stream's HLS
 * at {@code /streams/<id>/index.m3u8} with the segments it names, and the stream's source picture
 * of a frame, while retained, at {@code /streams/<id>/source.png?frame=F}.
 */
final class PreviewServer implements AutoCloseable {

    /** Files of the page, from the jar; hls.min.js is put there by the build from the npm registry. */
    static final String WEB = "/io/gvc/cli/serve/web/";
    private static final Map<String, String> PAGE_FILES = Map.of(
            "/", "index.html", "/index.html", "index.html", "/app.js", "app.js", "/hls.min.js", "hls.min.js");
    private static final Pattern STREAM_FILE = Pattern.compile("/streams/([^/]+)/([A-Za-z0-9._-]+)");
    static final String SOURCE_PNG = "source.png";
    private static final Pattern FRAME_QUERY = Pattern.compile("(?:^|&)frame=([^&]*)");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HlsService service;
    private final HttpServer http;
    private final ExecutorService pool = Executors.newFixedThreadPool(4, r -> {
        Thread t = new Thread(r, "gvc-serve-http");
        t.setDaemon(true);
        return t;
    });

    PreviewServer(HlsService service, int port) throws IOException {
        this.service = service;
        this.http = HttpServer.create(new InetSocketAddress(port), 0);
        http.createContext("/", this::handle);
        http.setExecutor(pool);
        http.start();
    }

    URI url() {
        return URI.create("http://localhost:" + http.getAddress().getPort() + "/");
    }

    private void handle(HttpExchange x) throws IOException {
        try (x) {
            if (!"GET".equals(x.getRequestMethod()) && !"HEAD".equals(x.getRequestMethod())) {
                send(x, 405, "text/plain", "only GET\n".getBytes(StandardCharsets.UTF_8));
                return;
            }
            String path = x.getRequestURI().getPath();
            if (PAGE_FILES.containsKey(path)) {
                page(x, PAGE_FILES.get(path));
            } else if (path.equals("/api/streams")) {
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("flinkDashboard", service.flink() == null ? null : service.flink().toString());
                body.put("flinkReachable", service.flinkReachable());
                body.put("streams", service.snapshot());
                send(x, 200, "application/json", JSON.writeValueAsBytes(body));
            } else {
                streamFile(x, path);
            }
        }
    }

    private void page(HttpExchange x, String name) throws IOException {
        try (InputStream in = PreviewServer.class.getResourceAsStream(WEB + name)) {
            if (in == null) {
                send(x, 500, "text/plain", (name + " is missing from the jar (build with mvn package)\n")
                        .getBytes(StandardCharsets.UTF_8));
                return;
            }
            String type = name.endsWith(".html") ? "text/html; charset=utf-8" : "text/javascript; charset=utf-8";
            send(x, 200, type, in.readAllBytes());
        }
    }

    private void streamFile(HttpExchange x, String path) throws IOException {
        Matcher m = STREAM_FILE.matcher(path);
        HlsStream s = m.matches() ? service.stream(m.group(1)) : null;
        if (s == null) {
            send(x, 404, "text/plain", ("no such stream or page: " + path + "\n").getBytes(StandardCharsets.UTF_8));
            return;
        }
        String name = m.group(2);
        if (name.equals(SOURCE_PNG)) {
            sourcePng(x, s.id());
            return;
        }
        if (name.equals(HlsStream.PLAYLIST)) {
            send(x, 200, "application/vnd.apple.mpegurl", s.playlist().getBytes(StandardCharsets.UTF_8));
            return;
        }
        byte[] bytes = s.file(name);
        if (bytes == null) {
            send(x, 404, "text/plain", ("not (or no longer) in " + s.id() + "'s playlist: " + name + "\n")
                    .getBytes(StandardCharsets.UTF_8));
            return;
        }
        send(x, 200, name.endsWith(".m4s") ? "video/iso.segment" : "video/mp4", bytes);
    }

    private void sourcePng(HttpExchange x, String id) throws IOException {
        String query = x.getRequestURI().getRawQuery();
        Matcher q = FRAME_QUERY.matcher(query == null ? "" : query);
        long frame;
        try {
            frame = q.find() ? Long.parseLong(q.group(1)) : -1;
        } catch (NumberFormatException e) {
            frame = -1;
        }
        if (frame < 0) {
            send(x, 400, "text/plain", ("give the frame as ?frame=N, a display index of " + id + " from 0, not: "
                    + query + "\n").getBytes(StandardCharsets.UTF_8));
            return;
        }
        SourceFrames source = service.source(id);
        io.gvc.codec.frame.Frame f = source == null ? null : source.frame(frame);
        if (f == null) {
            send(x, 404, "text/plain", ("source frame " + frame + " of " + id + " is not (or no longer) retained;"
                    + " frames held from gvc.raw-gops: " + (source == null ? "none" : source.range()) + "\n")
                    .getBytes(StandardCharsets.UTF_8));
            return;
        }
        send(x, 200, "image/png", FramePng.encode(f));
    }

    private static void send(HttpExchange x, int status, String type, byte[] body) throws IOException {
        x.getResponseHeaders().set("Content-Type", type);
        // a live playlist changes every GOP; segments never change but are short-lived
        x.getResponseHeaders().set("Cache-Control", "no-cache");
        x.getResponseHeaders().set("Access-Control-Allow-Origin", "*");
        boolean head = "HEAD".equals(x.getRequestMethod());
        x.sendResponseHeaders(status, head ? -1 : body.length);
        if (!head) {
            try (OutputStream out = x.getResponseBody()) {
                out.write(body);
            }
        }
    }

    @Override
    public void close() {
        http.stop(0);
        pool.shutdownNow();
    }
}
