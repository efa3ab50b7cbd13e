package io.gvc.jobs.pipeline;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.gvc.codec.GopPartition;
import io.gvc.codec.StreamInfo;
import io.gvc.codec.bitstream.BitstreamException;
import io.gvc.codec.bitstream.ContainerCodec;
import io.gvc.codec.bitstream.PacketCodec;
import io.gvc.codec.bitstream.StreamHeader;
import io.gvc.codec.frame.Frame;
import io.gvc.codec.frame.Video;
import io.gvc.codec.frame.VideoFormat;
import io.gvc.codec.metrics.PsnrAccumulator;
import io.gvc.codec.prior.FlowPrior;
import io.gvc.jobs.ingest.FrameSource;
import io.gvc.jobs.ingest.GopPublisher;
import io.gvc.jobs.ingest.Pacing;
import io.gvc.jobs.ingest.PublishedGop;
import io.gvc.jobs.media.ReadOptions;
import io.gvc.jobs.media.VideoReader;
import io.gvc.jobs.media.VideoWriter;
import io.gvc.jobs.report.SideBySide;
import io.gvc.jobs.serve.HlsService;
import io.gvc.kafka.broker.EmbeddedKafka;
import io.gvc.kafka.props.ClientProperties;
import io.gvc.kafka.topics.GvcTopics;
import io.gvc.operators.PriorSource;
import io.gvc.operators.encode.StreamConfig;
import io.gvc.operators.encode.StreamSettings;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
        PriorSource prior = o.model() == null ? PriorSource.shipped() : new PriorSource(o.model().toString(), "cpu");

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
                Map<String, Object> r = report(sources, published, output, streams, prior, t0, lastDone, flink, hls);
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
            if (!equalsCount(m.get("GopEncoder.stream." + s + ".gopsEncoded"), e.getValue())
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

    private Map<String, Object> report(Map<String, FrameSource> sources, Map<String, List<PublishedGop>> published,
                                       OutputCollector output, StreamConfig streams, PriorSource priorSource, long t0,
                                       long lastDone, LocalCluster flink, HlsService hls)
            throws IOException, BitstreamException {
        Map<String, List<OutputCollector.Received>> decoded = output.decoded();
        Map<String, List<byte[]>> packets = output.packets();
        List<Map<String, Object>> perStream = new ArrayList<>();
        List<Long> latencies = new ArrayList<>();
        long gopsIngested = 0, gopsDecoded = 0, totalBytes = 0, totalPixels = 0, totalFrames = 0;
        PsnrAccumulator psnrAll = new PsnrAccumulator();
        Map<io.gvc.codec.variant.Variant, String> modelSha256 = new java.util.EnumMap<>(io.gvc.codec.variant.Variant.class);
        for (var e : sources.entrySet()) {
            String id = e.getKey();
            FrameSource src = e.getValue();
            VideoFormat f = src.format();
            List<OutputCollector.Received> got = decoded.getOrDefault(id, List.of());
            List<Frame> frames = new ArrayList<>();
            for (OutputCollector.Received r : got) {
                frames.addAll(r.gop().frames());
                latencies.add((r.receivedMicros() - r.gop().captureTimeMicros()) / 1000);
            }
            PsnrAccumulator psnr = new PsnrAccumulator();
            for (int i = 0; i < frames.size() && i < src.frameCount(); i++) {
                psnr.add(src.frame(i), frames.get(i));
            }
            psnrAll.add(psnr);
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("stream", id);
            s.put("gops_ingested", published.getOrDefault(id, List.of()).size());
            s.put("gops_decoded", got.size());
            s.put("frames_decoded", frames.size());
            gopsIngested += published.getOrDefault(id, List.of()).size();
            gopsDecoded += got.size();
            if (!frames.isEmpty()) {
                Video video = new Video(f, frames);
                VideoWriter.write(video, o.out().resolve(id + "-decoded.y4m"));
                VideoWriter.write(video, o.out().resolve(id + "-decoded.mp4"));
                int mid = frames.size() / 2;
                SideBySide.write(o.out().resolve(id + "-side-by-side.png"), List.of(src.frame(mid), frames.get(mid)),
                        List.of("original, frame " + mid, "GVC decoded"));
                s.put("psnr_y", psnr.psnrY());
                s.put("decoded_y4m", id + "-decoded.y4m");
                s.put("decoded_mp4", id + "-decoded.mp4");
                s.put("side_by_side_png", id + "-side-by-side.png");
            }
            s.put("hls_playlist", HLS_DIR + "/" + id + "/index.m3u8");
            s.put("hls_frames", hls.framesPackaged().getOrDefault(id, 0L));
            List<byte[]> ps = packets.getOrDefault(id, List.of());
            if (!ps.isEmpty()) {
                // the stream as a .gvc file: what `gvc info` and `gvc decode` read
                var first = PacketCodec.read(ps.get(0));
                ByteArrayOutputStream file = new ByteArrayOutputStream();
                var variant = first.config().variant();
                if (!modelSha256.containsKey(variant)) {
                    modelSha256.put(variant, modelSha256(priorSource, variant));
                }
                StreamHeader header = new StreamHeader(first.config(), modelSha256.get(variant), src.frameCount(),
                        streams.settings(id).params().intraCodec());
                file.writeBytes(ContainerCodec.writeHeader(header));
                for (byte[] live : ps) {
                    file.writeBytes(ContainerCodec.writePacket(PacketCodec.read(live), header)); // as gvc encode writes it
                }
                Path gvc = o.out().resolve(id + ".gvc");
                Files.write(gvc, file.toByteArray());
                StreamInfo info = StreamInfo.of(file.toByteArray());
                s.put("bitstream", id + ".gvc");
                s.put("bytes", info.bytes());
                s.put("bpp", info.bpp());
                s.put("bpp_per_colour_sample", info.bppPerColourSample());
                s.put("kbps", info.kbps());
                s.put("psnr_y_encoder", info.encoderSse().psnrY());
                s.put("bits_boundary", info.bitsBoundary());
                s.put("bits_atoms", info.bitsAtoms());
                s.put("bits_side", info.bitsSide());
                totalBytes += info.bytes();
                totalPixels += info.frames() * f.width() * f.height();
                totalFrames += info.frames();
            }
            perStream.add(s);
        }
        latencies.sort(Long::compare);
        double seconds = (lastDone - t0) / 1000.0;
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("gops_ingested", gopsIngested);
        r.put("gops_decoded", gopsDecoded);
        r.put("frames", totalFrames);
        r.put("bytes", totalBytes);
        r.put("bpp", totalPixels == 0 ? null : 8.0 * totalBytes / totalPixels);
        r.put("psnr_y", psnrAll.isEmpty() ? null : psnrAll.psnrY());
        r.put("latency_ms_p50", percentile(latencies, 50));
        r.put("latency_ms_p90", percentile(latencies, 90));
        r.put("latency_ms_p99", percentile(latencies, 99));
        r.put("latency_definition", "capture of a GOP's first frame to the decoded GOP being readable (read_committed)");
        r.put("gops_per_second", seconds > 0 ? gopsDecoded / seconds : null);
        r.put("wall_seconds", seconds);
        r.put("realtime_ingest", o.realtime());
        r.put("parallelism", o.parallelism());
        r.put("codec_threads", streams.threads());
        r.put("cores", Runtime.getRuntime().availableProcessors());
        r.put("source", o.input() == null ? "synthetic broadcast scene" : o.input().toString());
        r.put("dashboard", flink.dashboard().toString());
        r.put("dashboard_overview", overviewWhileRunning);
        r.put("dashboard_stream_metrics", metricsWhileRunning);
        r.put("preview_page", hls.url().toString());
        List<String> problems = new ArrayList<>(output.problems());
        problems.addAll(hls.problems());
        r.put("problems", problems);
        r.put("dead_letters", output.deadLetters());
        r.put("streams", perStream);
        writeFiles(r, perStream);
        return r;
    }

    private void writeFiles(Map<String, Object> r, List<Map<String, Object>> perStream) throws IOException {
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        json.writeValue(o.out().resolve("report.json").toFile(), r);
        Files.writeString(o.out().resolve("report.txt"), summary(r, perStream));
    }

    /** The full model hash the stream header carries (packets carry a prefix only); the prior is closed after. */
    private static String modelSha256(PriorSource source, io.gvc.codec.variant.Variant variant) throws IOException {
        FlowPrior p = source.open(variant, null, 1);
        try {
            return p.sha256();
        } finally {
            if (p instanceof AutoCloseable c) {
                try {
                    c.close();
                } catch (Exception e) {
                    throw new IOException("closing the prior: " + e.getMessage(), e);
                }
            }
        }
    }

    static Long percentile(List<Long> sorted, int p) {
        if (sorted.isEmpty()) {
            return null;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(0, rank - 1));
    }

    static String summary(Map<String, Object> r, List<Map<String, Object>> perStream) {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "GVC live demo: %s GOPs ingested, %s decoded in %.1f s (%.2f GOPs/s, parallelism %s)%n",
                r.get("gops_ingested"), r.get("gops_decoded"), (Double) r.get("wall_seconds"),
                r.get("gops_per_second") == null ? 0.0 : (Double) r.get("gops_per_second"), r.get("parallelism")));
        b.append(String.format(Locale.ROOT, "rate: %s bytes, %s bpp   quality: PSNR-Y %s dB%n", r.get("bytes"),
                fmt(r.get("bpp"), "%.4f"), fmt(r.get("psnr_y"), "%.2f")));
        b.append(String.format(Locale.ROOT, "latency (%s): p50 %s ms, p90 %s ms, p99 %s ms%n",
                r.get("latency_definition"), r.get("latency_ms_p50"), r.get("latency_ms_p90"), r.get("latency_ms_p99")));
        for (Map<String, Object> s : perStream) {
            b.append(String.format(Locale.ROOT, "  %s: %s/%s GOPs, %s frames, %s bpp, PSNR-Y %s dB (encoder said %s), files %s %s %s%n",
                    s.get("stream"), s.get("gops_decoded"), s.get("gops_ingested"), s.get("frames_decoded"),
                    fmt(s.get("bpp"), "%.4f"), fmt(s.get("psnr_y"), "%.2f"), fmt(s.get("psnr_y_encoder"), "%.2f"),
                    s.get("bitstream"), s.get("decoded_mp4"), s.get("side_by_side_png")));
            b.append(String.format(Locale.ROOT, "      HLS: %s (%s frames)%n", s.get("hls_playlist"), s.get("hls_frames")));
        }
        return b.toString();
    }

    private static String fmt(Object v, String f) {
        return v == null ? "n/a" : String.format(Locale.ROOT, f, ((Number) v).doubleValue());
    }
}
