package io.gvc.cli;

import io.gvc.cli.serve.HlsService;
import io.gvc.kafka.props.ClientProperties;
import java.net.URI;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code gvc serve}: live HLS of every stream on gvc.decoded, and a preview page. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {
            "Reads gvc.decoded with read_committed (only GOPs the decode job has committed) and publishes every",
            "stream as live HLS: each decoded GOP becomes one fMP4 (CMAF) segment of H.264 coded by x264 at CRF 16,",
            "so segments start on GOP boundaries; the playlist is a sliding window of --window segments, each with",
            "EXT-X-PROGRAM-DATE-TIME = the capture time of its first frame.",
            "  http://HOST:PORT/streams/<id>/index.m3u8   the playlist (ffplay, VLC, hls.js, Safari)",
            "  http://HOST:PORT/                          preview page: every stream playing (hls.js, served from the",
            "                                             jar) beside its source frame, charts of bpp, bits per GOP,",
            "                                             PSNR-Y, latency p50/p99 and dead letters, links to the Flink",
            "                                             dashboard (--flink)",
            "  http://HOST:PORT/streams/<id>/source.png?frame=F   the source picture of frame F, from gvc.raw-gops",
            "                                             (the latest 24 GOPs read, at most 96 MiB; else a 404)",
            "Rate and PSNR-Y come from each GOP's packet on gvc.bitstream (the encoder's figures); latency is",
            "capture to readable here; dead letters are counted on gvc.dead-letters, and also read from the Flink",
            "REST API when --flink answers. Runs until interrupted (Ctrl-C), then ends the playlists (EXT-X-ENDLIST).",
            ""})
public final class ServeCommand implements Callable<Integer> {

    @CommandLine.Mixin
    KafkaOptions kafka;

    @Option(names = "--port", defaultValue = "8090", description = "HTTP port; 0 takes any free one [${DEFAULT-VALUE}].")
    int port;

    @Option(names = "--out", paramLabel = "DIR",
            description = "Also write DIR/<stream>/index.m3u8 and its segments (old segments are deleted as they leave).")
    Path out;

    @Option(names = "--window", defaultValue = "6",
            description = "Segments (GOPs) in the live playlist; 0 keeps all of them (an EVENT playlist) [${DEFAULT-VALUE}].")
    int window;

    @Option(names = "--from-beginning", negatable = false,
            description = "Start at the oldest retained GOP instead of the committed end.")
    boolean fromBeginning;

    @Option(names = "--flink", paramLabel = "URL",
            description = "The Flink dashboard (e.g. http://localhost:8081): linked from the page, and its REST API's "
                    + "latency and dead-letter metrics are charted beside the records' own.")
    URI flink;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (window < 0) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--window must be >= 0, got " + window);
        }
        if (port < 0 || port > 65535) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--port must be 0..65535, got " + port);
        }
        if (flink != null && (flink.getScheme() == null || !flink.getScheme().startsWith("http"))) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--flink must be an http(s) URL, got " + flink);
        }
        ClientProperties props = kafka.clientProperties(spec.commandLine());
        HlsService.Options o = new HlsService.Options(props, props.topics(), port, out,
                window == 0 ? HlsService.UNBOUNDED_WINDOW : window, fromBeginning, flink);
        HlsService service;
        try {
            service = HlsService.start(o, System.out);
        } catch (IllegalStateException e) {
            throw new BadInputException(e.getMessage(), e);
        } catch (java.net.BindException e) {
            throw new BadInputException("port " + port + " is taken (" + e.getMessage() + "); use --port", e);
        }
        System.out.println("gvc serve: preview page " + service.url() + "  (playlists at "
                + service.url() + "streams/<id>/index.m3u8)");
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                service.close();
            } catch (Exception e) {
                System.err.println("gvc serve: stopping: " + e);
            }
            stopped.countDown();
        }));
        stopped.await();
        return 0;
    }
}
