package io.gvc.cli.serve;

import java.io.IOException;
import java.util.Map;

/**
 * Reads the Flink dashboard's per-stream metrics every {@link #PERIOD_MS} on its own thread, so
 * that neither the Kafka reader nor a page request waits on it. {@link #latest()} is null while
 * the dashboard does not answer.
 */
final class DashboardPoller implements AutoCloseable {

    static final long PERIOD_MS = 2000;

    private final FlinkRestMetrics rest;
    private final Thread thread;
    private volatile Map<String, String> latest;
    private volatile boolean running = true;

    DashboardPoller(FlinkRestMetrics rest) {
        this.rest = rest;
        this.thread = new Thread(this::run, "gvc-serve-dashboard");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    private void run() {
        while (running) {
            try {
                latest = Map.copyOf(rest.read());
            } catch (IOException | RuntimeException e) {
                latest = null;
            }
            try {
                Thread.sleep(PERIOD_MS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    Map<String, String> latest() {
        return latest;
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
