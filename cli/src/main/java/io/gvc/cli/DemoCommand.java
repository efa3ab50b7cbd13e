package io.gvc.cli;

import io.gvc.cli.demo.DemoOptions;
import io.gvc.cli.demo.LiveDemo;
import io.gvc.model.registry.ModelRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code gvc demo}: the whole live pipeline on this machine, in one command. */
@Command(name = "demo", mixinStandardHelpOptions = true, defaultValueProvider = CodecDefaults.class,
        description = {
            "Runs the live pipeline locally: starts an embedded Kafka broker (KRaft) and creates the GVC topics,",
            "runs the encode and decode jobs on a local Flink cluster with its dashboard (http://localhost:8081),",
            "feeds camera streams in real time (default: a synthetic broadcast scene with a camera pan and moving",
            "players, rendered by GVC itself), and writes into --out: each stream's bitstream (camN.gvc, readable",
            "by gvc info/decode), the decoded video (camN-decoded.y4m and .mp4), a side-by-side PNG",
            "(original | decoded) and report.json / report.txt (GOPs, bpp, PSNR, latency percentiles), and HLS:",
            "hls/<stream>/index.m3u8 with its fMP4 segments, as gvc serve makes them. The preview page of gvc serve",
            "(every stream playing, with charts) is served while the demo runs; its URL is printed at the start.",
            "Everything it starts is stopped at the end.", ""})
public final class DemoCommand implements Callable<Integer> {

    @Option(names = {"-i", "--input"}, description = "A y4m or mp4 clip to stream instead of the synthetic scene.")
    Path input;

    @Option(names = "--streams", defaultValue = "1", description = "Camera streams (cam1, cam2, ...) [${DEFAULT-VALUE}].")
    int streams;

    @Option(names = "--seconds", defaultValue = "10", description = "Seconds of video per stream [${DEFAULT-VALUE}].")
    int seconds;

    @Option(names = "--out", defaultValue = "demo-out", description = "Output folder [${DEFAULT-VALUE}].")
    Path out;

    @Option(names = "--parallelism", defaultValue = "1",
            description = "Parallel encoders and decoders [${DEFAULT-VALUE}].")
    int parallelism;

    @Option(names = "--no-realtime", negatable = false,
            description = "Publish GOPs as fast as possible instead of at the frame rate (measures throughput).")
    boolean noRealtime;

    @Option(names = "--port", defaultValue = "8081-8099",
            description = "Flink dashboard port or range; the first free one is used [${DEFAULT-VALUE}].")
    String port;

    @Option(names = "--size", defaultValue = "176x144", description = "Synthetic scene size WxH [${DEFAULT-VALUE}].")
    String size;

    @Option(names = "--fps", defaultValue = "25", description = "Synthetic scene frame rate [${DEFAULT-VALUE}].")
    int fps;

    @Option(names = "--bpp", description = "Target bits per pixel [${DEFAULT-VALUE}].")
    double bpp;

    @Option(names = "--model", description = "Prior the encoder codes with: 'learned', 'reference' or 'java' "
            + "(shipped), an ONNX model folder or a prior file [each variant's shipped model: learned for flf2v and "
            + "i2v, reference for t2v]. The decoder takes the model each stream names.")
    String model;

    @Option(names = "--checkpoint-ms", defaultValue = "1000",
            description = "Checkpoint interval; decoded GOPs become readable at each checkpoint [${DEFAULT-VALUE}].")
    long checkpointMs;

    @Option(names = "--timeout-s", defaultValue = "600",
            description = "Longest wait for the last decoded GOP after ingest ends [${DEFAULT-VALUE}].")
    long timeoutSeconds;

    @Option(names = "--serve-port", defaultValue = "0",
            description = "Port of the preview page and the HLS playlists; 0 takes any free one [${DEFAULT-VALUE}].")
    int servePort;

    @Option(names = "--serve-seconds", defaultValue = "0",
            description = "Keep serving the preview page this long after the run (the Flink dashboard stays up too) [${DEFAULT-VALUE}].")
    int serveSeconds;

    @Override
    public Integer call() throws Exception {
        if (input != null && !Files.isRegularFile(input)) {
            throw new BadInputException("input " + input + ": no such file");
        }
        try {
            ModelRegistry.forEncoding(model); // reads the model's manifest or file, opens nothing
        } catch (java.io.IOException e) {
            throw new BadInputException(e.getMessage(), e);
        }
        int[] wh = PictureSizes.parseOrNull(size);
        if (wh == null) {
            throw new IllegalArgumentException("--size must be WxH, got " + size);
        }
        int threads = Math.max(1, Runtime.getRuntime().availableProcessors() / parallelism);
        DemoOptions o = new DemoOptions(input, streams, seconds, out, parallelism, !noRealtime, port,
                wh[0], wh[1], fps, model, Duration.ofMillis(checkpointMs),
                Duration.ofSeconds(timeoutSeconds), threads, bpp, servePort, serveSeconds);
        Map<String, Object> report = new LiveDemo(o, System.out).run();
        System.out.println();
        System.out.print(Files.readString(out.resolve("report.txt")));
        System.out.println("report: " + out.resolve("report.json"));
        long want = ((Number) report.get("gops_ingested")).longValue();
        long got = ((Number) report.get("gops_decoded")).longValue();
        if (got != want) {
            System.err.println("gvc demo: only " + got + " of " + want + " GOPs came out decoded");
            Object dead = report.get("dead_letters");
            if (dead instanceof java.util.List<?> reasons) {
                reasons.forEach(d -> System.err.println("  dead letter: " + d));
            }
            return ExitCodes.INTERNAL;
        }
        return 0;
    }
}
