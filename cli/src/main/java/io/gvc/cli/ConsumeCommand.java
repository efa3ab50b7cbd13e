package io.gvc.cli;

import io.gvc.cli.consume.DecodedStreamReader;
import io.gvc.cli.consume.PictureSink;
import io.gvc.codec.frame.VideoFormat;
import io.gvc.kafka.formats.DecodedGop;
import io.gvc.kafka.props.ClientProperties;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.errors.WakeupException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "consume", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Read one stream's decoded pictures from gvc.decoded, as a player or an archiver would, and write them "
                + "to a .y4m or .mp4 file, or as y4m to standard output for a player.",
            "",
            "Only what the decode job has committed is read (isolation.level=read_committed): a GOP shows up at the "
                + "checkpoint after it was decoded, never twice, never one of an aborted transaction. GOPs come in "
                + "stream order; a GOP the pipeline gave up on is a gap, reported on standard error. No consumer "
                + "group is used and nothing is committed, so any number of readers can follow a stream.",
            "",
            "The topic does not carry the frame rate: --fps sets the rate written in the y4m or mp4 header.",
            ""},
        footer = {"", "Examples:",
            "  gvc consume --stream cam1 --bootstrap localhost:9092 -o - | ffplay -",
            "  gvc consume --stream cam2 --bootstrap localhost:9092 --from-beginning --idle-seconds 30 -o cam2.mp4",
            "",
            "Ends after --gops GOPs, after --idle-seconds without a new GOP, when the player closes its input, "
                + "or on Ctrl-C; the output file is complete in each case.",
            "Exit codes: 0 ok, 2 usage, 3 bad input (Kafka address, missing topic, a stream that changes its size), "
                + "4 internal error."})
final class ConsumeCommand implements Callable<Integer> {

    @Option(names = "--stream", paramLabel = "ID", required = true, description = "The stream (camera) to read.")
    String stream;

    @CommandLine.Mixin
    KafkaOptions kafka;

    @Option(names = {"-o", "--output"}, paramLabel = "OUT", required = true,
            description = "OUT.y4m, OUT.mp4 (H.264, near-lossless), or - for y4m on standard output.")
    String output;

    @Option(names = "--from-beginning",
            description = "Start at the oldest GOP the topic still holds (default: GOPs committed from now on).")
    boolean fromBeginning;

    @Option(names = "--gops", paramLabel = "N", description = "Stop after N GOPs (default: no limit).")
    Long gops;

    @Option(names = "--idle-seconds", paramLabel = "S",
            description = "Stop when no new GOP of the stream arrived for S seconds (default: 0 = never).",
            defaultValue = "0")
    int idleSeconds;

    @Option(names = "--fps", paramLabel = "RATE", description = "Frame rate written into the output, e.g. 25 or "
            + "30000/1001 (default: ${DEFAULT-VALUE}).", defaultValue = "25")
    String fps;

    @Option(names = "--topic", paramLabel = "NAME",
            description = "Topic to read (default: the decoded topic, gvc.decoded unless --kafka-config renames it).")
    String topic;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (gops != null && gops < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--gops must be at least 1, got " + gops);
        }
        if (idleSeconds < 0) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--idle-seconds must be >= 0, got " + idleSeconds);
        }
        int[] rate = FrameRates.parse(fps, "--fps", spec.commandLine());
        PictureSink.checkTarget(output);
        ClientProperties props = kafka.clientProperties(spec.commandLine());
        String target = topic != null ? topic : props.topics().decoded().name();
        requireTopic(props, target);

        PrintStream err = System.err;
        PrintStream stdout = System.out; // taken now: what -o - writes to
        err.printf(Locale.ROOT, "consume: stream %s from %s at %s (%s, read_committed) -> %s%n", stream, target,
                props.bootstrapServers(), fromBeginning ? "from the beginning" : "from now on",
                output.equals(PictureSink.STDOUT) ? "standard output (y4m)" : output);
        try (DecodedStreamReader reader = new DecodedStreamReader(props, target, stream, fromBeginning)) {
            Thread main = Thread.currentThread();
            // Ctrl-C: end the poll, let the loop close the output, then let the JVM go
            Thread hook = new Thread(() -> {
                reader.wakeup();
                try {
                    main.join(10_000);
                } catch (InterruptedException ignored) {
                    Thread.currentThread().interrupt();
                }
            }, "gvc-consume-stop");
            Runtime.getRuntime().addShutdownHook(hook);
            try {
                return copy(reader, stdout, err, rate);
            } finally {
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException shuttingDown) {
                    // the hook is running: it waits for us
                }
            }
        }
    }

    private int copy(DecodedStreamReader reader, PrintStream stdout, PrintStream err, int[] rate) throws Exception {
        PictureSink sink = null;
        VideoFormat format = null;
        long written = 0, frames = 0, lastSeq = -1;
        long lastNew = System.nanoTime();
        String end;
        try {
            loop:
            while (true) {
                var got = reader.poll(Duration.ofMillis(200));
                reader.takeUnreadable().forEach(u -> err.println("consume: skipped " + u.position() + ": " + u.reason()));
                if (got.isEmpty()) {
                    if (idleSeconds > 0 && System.nanoTime() - lastNew > idleSeconds * 1_000_000_000L) {
                        end = "no new GOP for " + idleSeconds + " s";
                        break;
                    }
                    continue;
                }
                lastNew = System.nanoTime();
                for (DecodedStreamReader.Received r : got) {
                    DecodedGop g = r.gop();
                    if (format == null) {
                        format = new VideoFormat(g.width(), g.height(), rate[0], rate[1]);
                        sink = PictureSink.open(output, format, stdout);
                    } else if (g.width() != format.width() || g.height() != format.height()) {
                        throw new BadInputException("stream " + stream + " changed from " + format.width() + "x"
                                + format.height() + " to " + g.width() + "x" + g.height() + " at GOP " + g.gopSeq() + " ("
                                + r.position() + "); one output holds one picture size: start another from there");
                    }
                    if (lastSeq >= 0 && g.gopSeq() != lastSeq + 1) {
                        err.printf(Locale.ROOT, "consume %s: GOPs %d..%d are not in the topic (given up by the pipeline)%n",
                                stream, lastSeq + 1, g.gopSeq() - 1);
                    }
                    for (var f : g.frames()) {
                        sink.write(f);
                    }
                    lastSeq = g.gopSeq();
                    written++;
                    frames += g.frameCount();
                    err.printf(Locale.ROOT, "consume %s: GOP %d, frames %d..%d%s%n", stream, g.gopSeq(),
                            g.firstFrameIndex(), g.firstFrameIndex() + g.frameCount() - 1,
                            r.concealed().map(c -> ", concealed: " + c).orElse(""));
                    if (gops != null && written >= gops) {
                        end = gops + " GOPs read";
                        break loop;
                    }
                }
            }
        } catch (WakeupException e) {
            end = "interrupted";
        } catch (IOException e) {
            if (sink == null || !output.equals(PictureSink.STDOUT)) {
                throw e;
            }
            end = "the reader of standard output went away (" + e.getMessage() + ")";
            sink = null; // nothing more can be flushed into a closed pipe
        } finally {
            if (sink != null) {
                sink.close();
            }
        }
        if (written == 0) {
            err.printf(Locale.ROOT, "consume: no GOP of stream %s arrived (%s); nothing written%n", stream, end);
        } else {
            err.printf(Locale.ROOT, "consume: stream %s, %d GOPs, %d frames of %dx%d to %s (%s)%n", stream, written,
                    frames, format.width(), format.height(), output.equals(PictureSink.STDOUT) ? "standard output" : output,
                    end);
        }
        return ExitCodes.OK;
    }

    /** The topic must exist (a wrong address or name fails in seconds, not at the first poll). */
    private static void requireTopic(ClientProperties props, String target) throws Exception {
        String where = props.bootstrapServers();
        try (Admin admin = KafkaCalls.admin(props)) {
            if (!KafkaCalls.topicNames(admin, where).contains(target)) {
                throw new BadInputException("topic " + target + " does not exist at " + where
                        + " (is the decode job's output elsewhere? see --topic and --kafka-config)");
            }
        }
    }
}
