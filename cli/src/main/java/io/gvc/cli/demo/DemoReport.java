package io.gvc.cli.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.gvc.cli.ingest.FrameSource;
import io.gvc.cli.ingest.PublishedGop;
import io.gvc.cli.serve.HlsService;
import io.gvc.codec.StreamInfo;
import io.gvc.codec.bitstream.BitstreamException;
import io.gvc.codec.bitstream.ContainerCodec;
import io.gvc.codec.bitstream.GvcPacket;
import io.gvc.codec.bitstream.PacketCodec;
import io.gvc.codec.bitstream.StreamHeader;
import io.gvc.codec.frame.Frame;
import io.gvc.codec.frame.Video;
import io.gvc.codec.metrics.PsnrAccumulator;
import io.gvc.media.SideBySide;
import io.gvc.media.VideoWriter;
import io.gvc.operators.encode.StreamConfig;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The live demo's report: per stream, the decoded video (y4m, mp4), a side-by-side picture and the
 * stream as a .gvc file in the output folder, with rate, quality and latency; then the totals. Written
 * to report.json and report.txt. One report per run: it sums the streams as it writes them.
 */
final class DemoReport {

    /** What a finished run hands over: its inputs, what came out, and what the dashboard showed while it ran. */
    record Run(Map<String, FrameSource> sources, Map<String, List<PublishedGop>> published, OutputCollector output,
               long t0, long lastDone, LocalCluster flink, HlsService hls, String overviewWhileRunning,
               Map<String, String> metricsWhileRunning) {
    }

    private final DemoOptions o;
    private final StreamConfig streams;
    private final List<Long> latencies = new ArrayList<>();
    private final PsnrAccumulator psnrAll = new PsnrAccumulator();
    private long gopsIngested;
    private long gopsDecoded;
    private long totalBytes;
    private long totalPixels;
    private long totalFrames;

    DemoReport(DemoOptions options, StreamConfig streams) {
        this.o = options;
        this.streams = streams;
    }

    /** Writes every stream's files and the report; returns the report. */
    Map<String, Object> write(Run run) throws IOException, BitstreamException {
        Map<String, List<OutputCollector.Received>> decoded = run.output().decoded();
        Map<String, List<byte[]>> packets = run.output().packets();
        List<Map<String, Object>> perStream = new ArrayList<>();
        for (var e : run.sources().entrySet()) {
            String id = e.getKey();
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("stream", id);
            int ingested = run.published().getOrDefault(id, List.of()).size();
            s.put("gops_ingested", ingested);
            gopsIngested += ingested;
            decodedFiles(id, e.getValue(), decoded.getOrDefault(id, List.of()), s);
            s.put("hls_playlist", LiveDemo.HLS_DIR + "/" + id + "/index.m3u8");
            s.put("hls_frames", run.hls().framesPackaged().getOrDefault(id, 0L));
            List<byte[]> ps = packets.getOrDefault(id, List.of());
            if (!ps.isEmpty()) {
                bitstreamFile(id, e.getValue(), ps, s);
            }
            perStream.add(s);
        }
        Map<String, Object> r = totals(run);
        r.put("streams", perStream);
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        json.writeValue(o.out().resolve("report.json").toFile(), r);
        Files.writeString(o.out().resolve("report.txt"), summary(r, perStream));
        return r;
    }

    /** The stream's decoded pictures: latencies, PSNR against the source, y4m, mp4 and side-by-side files. */
    private void decodedFiles(String id, FrameSource src, List<OutputCollector.Received> got, Map<String, Object> s)
            throws IOException {
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
        s.put("gops_decoded", got.size());
        s.put("frames_decoded", frames.size());
        gopsDecoded += got.size();
        if (!frames.isEmpty()) {
            Video video = new Video(src.format(), frames);
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
    }

    /** The stream's packets as a .gvc file, what `gvc info` and `gvc decode` read, and its rate split. */
    private void bitstreamFile(String id, FrameSource src, List<byte[]> ps, Map<String, Object> s)
            throws IOException, BitstreamException {
        GvcPacket first = PacketCodec.read(ps.get(0));
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        StreamHeader header = new StreamHeader(first.config(), src.frameCount(),
                streams.settings(id).params().intraCodec());
        file.writeBytes(ContainerCodec.writeHeader(header));
        for (byte[] live : ps) {
            file.writeBytes(ContainerCodec.writePacket(PacketCodec.read(live), header)); // as gvc encode writes it
        }
        Files.write(o.out().resolve(id + ".gvc"), file.toByteArray());
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
        totalPixels += info.frames() * src.format().width() * src.format().height();
        totalFrames += info.frames();
    }

    private Map<String, Object> totals(Run run) {
        latencies.sort(Long::compare);
        double seconds = (run.lastDone() - run.t0()) / 1000.0;
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
        r.put("dashboard", run.flink().dashboard().toString());
        r.put("dashboard_overview", run.overviewWhileRunning());
        r.put("dashboard_stream_metrics", run.metricsWhileRunning());
        r.put("preview_page", run.hls().url().toString());
        List<String> problems = new ArrayList<>(run.output().problems());
        problems.addAll(run.hls().problems());
        r.put("problems", problems);
        r.put("dead_letters", run.output().deadLetters());
        return r;
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
