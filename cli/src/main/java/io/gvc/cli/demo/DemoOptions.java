package io.gvc.cli.demo;

import java.nio.file.Path;
import java.time.Duration;

/**
 * What {@code gvc demo} runs.
 *
 * @param input        a y4m/mp4 clip, or null for the synthetic broadcast scene
 * @param streams      number of camera streams (cam1, cam2, ...)
 * @param seconds      seconds of video per stream
 * @param realtime     publish at the source frame rate (a live camera) or as fast as possible (throughput)
 * @param dashboardPorts port or range for the Flink dashboard
 * @param model        null, a shipped model's name or a model path: what the encode job codes with (PriorSource)
 * @param timeout      longest wait for the last decoded GOP after ingest ends
 * @param servePort    port of the preview page and HLS (gvc serve inside the demo), 0 for any free one
 * @param serveSeconds how long to keep serving the page once the run is over (0: stop at once)
 */
public record DemoOptions(Path input, int streams, int seconds, Path out, int parallelism, boolean realtime,
                          String dashboardPorts, int width, int height, int fps, String model, Duration checkpointInterval,
                          Duration timeout, int codecThreads, double bpp, int servePort,
                          int serveSeconds) {

    public DemoOptions {
        if (streams < 1 || streams > 16) {
            throw new IllegalArgumentException("--streams must be 1..16, got " + streams);
        }
        if (seconds < 1) {
            throw new IllegalArgumentException("--seconds must be >= 1, got " + seconds);
        }
        if (parallelism < 1) {
            throw new IllegalArgumentException("--parallelism must be >= 1, got " + parallelism);
        }
        if (servePort < 0 || servePort > 65535) {
            throw new IllegalArgumentException("--serve-port must be 0..65535, got " + servePort);
        }
        if (serveSeconds < 0) {
            throw new IllegalArgumentException("--serve-seconds must be >= 0, got " + serveSeconds);
        }
        if (width < 16 || height < 16 || width % 2 != 0 || height % 2 != 0) {
            throw new IllegalArgumentException("--size must be even and at least 16x16, got " + width + "x" + height);
        }
    }
}
