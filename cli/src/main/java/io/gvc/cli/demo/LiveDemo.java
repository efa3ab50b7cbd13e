package io.gvc.cli.demo;

import io.gvc.cli.ingest.FrameSource;
import io.gvc.cli.ingest.GopPublisher;
import io.gvc.cli.ingest.Pacing;
import io.gvc.cli.ingest.PublishedGop;
import io.gvc.cli.serve.HlsService;
import io.gvc.codec.GopPartition;
import io.gvc.codec.frame.Video;
import io.gvc.jobs.pipeline.DecodeJob;
import io.gvc.jobs.pipeline.EncodeJob;
import io.gvc.jobs.pipeline.JobOptions;
import io.gvc.kafka.broker.EmbeddedKafka;
import io.gvc.kafka.props.ClientProperties;
import io.gvc.kafka.topics.GvcTopics;
import io.gvc.media.ReadOptions;
import io.gvc.media.VideoReader;
import io.gvc.operators.PriorSource;
import io.gvc.operators.encode.StreamConfig;
import io.gvc.operators.encode.StreamSettings;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Local mode end to end: an embedded Kafka broker, the GVC topics, both jobs on a local Flink
 * cluster with its dashboard, a live ingest of one or more camera streams, then the decoded
 * video, a side-by-side picture and a report in the output folder. Everything it starts it stops.
 */
public final class LiveDemo {

    private final DemoOptions o;
    private final PrintStream log;
    private String overviewWhileRunning;
    private Map<String, String> metricsWhileRunning = Map.of();

    public LiveDemo(DemoOptions options, PrintStream log) {
        this.o = options;
        this.log = log;
    }

    /** Runs the demo and returns the report (also written to out/report.json and out/report.txt). */
    public Map<String, Object> run() throws Exception {
        Files.createDirectories(o.out());
        Map<String, FrameSource> sources = sources();
        StreamConfig streams = StreamConfig.defaults().with("default.bpp", Double.toString(o.bpp()))
                .withThreads(o.codecThreads());
        StreamSettings settings = streams.settings("cam1");
        int gopFrames = settings.params().gopFrames();
        PriorSource prior = new PriorSource(o.model(), "cpu");

        log.println("starting the embedded Kafka broker (KRaft) ...");
        try (EmbeddedKafka kafka = EmbeddedKafka.builder(Path.of(System.getProperty("java.io.tmpdir"))).start()) {
            GvcTopics topics = GvcTopics.defaults();
            kafka.installTopics(topics);
            ClientProperties props = kafka.clientProperties();
            log.println("  broker " + kafka.bootstrapServers() + " ready in " + kafka.startupTime().toMillis() + " ms");
            // encoders, the light decode operators, and the decoders each take a slot per parallel instance
            int slots = 3 * o.parallelism();
            try (LocalCluster flink = LocalCluster.start(o.dashboardPorts(), slots);
                 OutputCollector output = new OutputCollector(props, topics.decoded().name(), topics.bitstream().name(),
                         topics.deadLetters().name());
                 HlsService hls = HlsService.start(new HlsService.Options(props, topics, o.servePort(),
                         o.out().resolve(HLS_DIR), HlsService.UNBOUNDED_WINDOW, true, flink.dashboard()), log)) {
                log.println("Flink dashboard: " + flink.dashboard() + "  (jobs " + EncodeJob.NAME + " and " + DecodeJob.NAME + ")");
                log.println("preview page (gvc serve): " + hls.url() + "  HLS in " + o.out().resolve(HLS_DIR));
                String overview = flink.overview();
                log.println("  dashboard /overview answers: " + overview);
                JobOptions jo = JobOptions.local(props, topics, streams, prior, o.parallelism(), o.checkpointInterval());
                Map<String, List<PublishedGop>> published;
                long expected = 0;
                for (FrameSource s : sources.values()) {
                    expected += new GopPartition(settings.params().variant(), gopFrames, s.frameCount()).gopCount();
                }
                long t0;
                long lastDone;
                try (LocalPipeline jobs = LocalPipeline.submit(flink::environment, jo)) {
                    log.println("ingesting " + sources.size() + " stream(s) of " + o.seconds() + " s "
                            + (o.realtime() ? "in real time" : "as fast as possible") + ", " + expected + " GOPs ...");
                    AtomicInteger sent = new AtomicInteger();
                    t0 = System.currentTimeMillis();
                    final long want = expected;
                    CompletableFuture<Map<String, List<PublishedGop>>> ingest = CompletableFuture.supplyAsync(() ->
                            GopPublisher.publishAll(props, topics.rawGops().name(), sources, settings.params().variant(),
                                    gopFrames, o.realtime() ? Pacing.REALTIME : Pacing.AS_FAST_AS_POSSIBLE,
                                    (gop, count) -> sent.incrementAndGet()));
                    long deadline = Long.MAX_VALUE;
                    String lastShown = "";
                    // until every GOP came out decoded or was refused (a refused one is not waited for)
                    int deadShown = 0;
                    while (output.accountedCount() < want) {
                        output.check();
                        if (ingest.isDone() && deadline == Long.MAX_VALUE) {
                            ingest.join(); // rethrows an ingest failure
                            deadline = System.currentTimeMillis() + o.timeout().toMillis();
                        }
                        if (System.currentTimeMillis() > deadline) {
                            log.println("timed out waiting for decoded GOPs: " + output.decodedCount() + " of " + want);
                            break;
                        }
                        // a line whenever a count moves
                        List<String> dead = output.deadLetters();
                        for (; deadShown < dead.size(); deadShown++) {
                            log.println("  dead letter: " + dead.get(deadShown));
                        }
                        String shown = String.format(Locale.ROOT, "ingested %d/%d  encoded %d  decoded %d  dead letters %d",
                                sent.get(), want, output.packetCount(), output.decodedCount(), dead.size());
                        if (!shown.equals(lastShown)) {
                            log.printf(Locale.ROOT, "  %5.1f s  %s%n", (System.currentTimeMillis() - t0) / 1000.0, shown);
                            lastShown = shown;
                        }
                        Thread.sleep(250);
                    }
                    lastDone = System.currentTimeMillis();
                    overviewWhileRunning = flink.overview(); // both jobs still running here
                    try {
                        // the dashboard's metrics lag the jobs: wait (bounded) until they show every GOP
                        Map<String, Long> gopsPerStream = new LinkedHashMap<>();
                        sources.forEach((id, s) -> gopsPerStream.put(id, new GopPartition(settings.params().variant(),
                                gopFrames, s.frameCount()).gopCount()));
                        metricsWhileRunning = output.decodedCount() >= want
                                ? flink.streamMetrics(m -> metricsComplete(m, gopsPerStream), METRICS_WAIT)
                                : flink.streamMetrics();
                    } catch (IOException e) {
                        log.println("could not read the dashboard's metrics: " + e.getMessage());
                    }
                    published = ingest.join();
                    log.println("stopping the jobs ...");
                }
                awaitPackaged(hls, output.decoded());
                hls.endStreams();
                Map<String, Object> r = new DemoReport(o, streams).write(new DemoReport.Run(sources, published,
                        output, t0, lastDone, flink, hls, overviewWhileRunning, metricsWhileRunning));
                serve(hls);
                return r;
            }
        }
    }

    /** Folder under --out with the HLS rendition, one folder per stream. */
    public static final String HLS_DIR = "hls";
    /** Longest wait for the HLS packager to catch up with the decoded GOPs. */
    static final java.time.Duration PACKAGING_WAIT = java.time.Duration.ofSeconds(120);

    private final CompletableFuture<java.net.URI> serving = new CompletableFuture<>();
    private final java.util.concurrent.CountDownLatch stopServing = new java.util.concurrent.CountDownLatch(1);

    /** Completes with the preview page's URL when the run is over and the page is being served (--serve-seconds). */
    public CompletableFuture<java.net.URI> serving() {
        return serving;
    }

    /** Ends the --serve-seconds period early. */
    public void stopServing() {
        stopServing.countDown();
    }

    private void serve(HlsService hls) throws InterruptedException {
        if (o.serveSeconds() > 0) {
            log.println("serving the preview page at " + hls.url() + " for " + o.serveSeconds() + " s (Flink dashboard "
                    + "still up) ...");
            serving.complete(hls.url());
            stopServing.await(o.serveSeconds(), java.util.concurrent.TimeUnit.SECONDS);
        } else {
            serving.complete(hls.url());
        }
    }

    /** Waits (bounded) until the HLS packager has every decoded frame of every stream. */
    private void awaitPackaged(HlsService hls, Map<String, List<OutputCollector.Received>> decoded)
            throws InterruptedException {
        Map<String, Long> want = new java.util.TreeMap<>();
        decoded.forEach((id, gops) -> want.put(id, gops.stream().mapToLong(g -> g.gop().frameCount()).sum()));
        long deadline = System.nanoTime() + PACKAGING_WAIT.toNanos();
        while (!hls.framesPackaged().equals(want) && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        if (!hls.framesPackaged().equals(want)) {
            log.println("HLS packaging did not catch up: " + hls.framesPackaged() + " frames of " + want);
        }
    }

    /** Longest wait for the dashboard to show every GOP's metrics once all GOPs came out decoded. */
    static final java.time.Duration METRICS_WAIT = java.time.Duration.ofSeconds(60);

    /**
     * Whether a dashboard snapshot shows all of a finished run: every stream's GOPs encoded and
     * released, and the release latency histogram there.
     */
    static boolean metricsComplete(Map<String, String> m, Map<String, Long> gopsPerStream) {
        for (Map.Entry<String, Long> e : gopsPerStream.entrySet()) {
            String s = e.getKey();
            if (!equalsCount(m.get("PacketReorderer.stream." + s + ".gopsEncoded"), e.getValue())
                    || !equalsCount(m.get("Reorderer.stream." + s + ".gopsReleased"), e.getValue())
                    || !m.containsKey("Reorderer.stream." + s + ".latencyMs_p99")) {
                return false;
            }
        }
        return true;
    }

    private static boolean equalsCount(String value, long want) {
        try {
            return value != null && Double.parseDouble(value) == want;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private Map<String, FrameSource> sources() throws IOException {
        Map<String, FrameSource> m = new LinkedHashMap<>();
        if (o.input() != null) {
            // read no more than the longest the clip could need (up to 120 fps), then cut at its real rate
            Video v = VideoReader.read(o.input(), ReadOptions.firstFrames(o.seconds() * 120 + 1));
            int frames = (int) Math.min(v.frameCount(), Math.round(o.seconds() * v.format().fps()));
            Video cut = v.firstFrames(Math.max(frames, 2));
            for (int i = 1; i <= o.streams(); i++) {
                m.put("cam" + i, FrameSource.of(cut));
            }
        } else {
            for (int i = 1; i <= o.streams(); i++) {
                m.put("cam" + i, FrameSource.synthetic(o.width(), o.height(), o.fps(), 1, (long) o.seconds() * o.fps(), i));
            }
        }
        return m;
    }
}
