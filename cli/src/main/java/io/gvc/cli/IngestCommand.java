package io.gvc.cli;

import io.gvc.codec.bitstream.Limits;

import io.gvc.cli.ingest.FrameSource;
import io.gvc.cli.ingest.GopPublisher;
import io.gvc.cli.ingest.IngestException;
import io.gvc.cli.ingest.Pacing;
import io.gvc.cli.ingest.PublishedGop;
import io.gvc.codec.GopPartition;
import io.gvc.codec.frame.Video;
import io.gvc.codec.frame.VideoFormat;
import io.gvc.codec.variant.Variant;
import io.gvc.kafka.props.ClientProperties;
import io.gvc.kafka.topics.GvcTopics;
import io.gvc.kafka.topics.InstallReport;
import io.gvc.kafka.topics.TopicInstaller;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.KafkaException;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "ingest", mixinStandardHelpOptions = true, sortOptions = false, defaultValueProvider = CodecDefaults.class,
        description = {
            "Publish one or several streams to Kafka as raw GOPs, like the cameras of a live broadcast: "
                + "topic gvc.raw-gops, key = stream id, value = RawGop v1 (the GOP's I420 frames plus stream id, "
                + "GOP number, first frame index, capture time, frame rate and size).",
            "",
            "GOPs. With flf2v and i2v, consecutive GOPs share their boundary frame: GOP k holds frames "
                + "k*(F-1) .. k*(F-1)+F-1, so its last frame is also GOP k+1's first and travels in both records "
                + "(each record can be encoded without the previous one). With F = 33: GOP 0 = frames 0..32, "
                + "GOP 1 = 32..64, GOP 2 = 64..96. t2v GOPs tile the stream: k*F .. k*F+F-1. The last GOP is "
                + "shorter when the stream ends mid-GOP.",
            "",
            "Pacing. By default GOPs are sent as fast as the broker takes them and stamped with the send "
                + "time. --realtime plays each stream like a live camera started now: GOP k is sent when its last "
                + "frame would have been captured, start + (first + frames) / fps, and stamped with the capture "
                + "time of its first frame, start + first / fps.",
            ""},
        footer = {"", "Examples:",
            "  gvc topics create --bootstrap localhost:9092",
            "  gvc ingest --synthetic --stream cam1 --stream cam2 --bootstrap localhost:9092 --realtime",
            "  gvc ingest -i clip.y4m --stream cam1 --kafka-config prod.properties --gop-frames 17",
            "",
            "Exit codes: 0 ok, 2 usage, 3 bad input (file, Kafka address, missing topic), 4 Kafka failed "
                + "while publishing (the message names the stream, GOP and topic)."})
final class IngestCommand implements Callable<Integer> {

    /** Default size and length of --synthetic streams: the demo's 176x144, 10 s at 25 fps. */
    static final int SYNTHETIC_WIDTH = 176;
    static final int SYNTHETIC_HEIGHT = 144;
    static final long SYNTHETIC_FRAMES = 250;

    static final class Source {
        @Option(names = {"-i", "--input"}, paramLabel = "FILE", required = true,
                description = "Video to publish (.y4m, .mp4, .mkv, .webm, .mov, or raw .yuv with --size); "
                        + "every --stream publishes the same file.")
        Path input;

        @Option(names = "--synthetic", required = true,
                description = "Render the built-in broadcast scene (a panning football stadium) instead; "
                        + "each --stream gets its own seed.")
        boolean synthetic;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Source source;

    @Option(names = "--stream", paramLabel = "ID",
            description = "Stream id (record key, 1..255 UTF-8 bytes); repeat to publish several streams at once, "
                    + "one thread each (default: cam1).")
    List<String> streams;

    @CommandLine.Mixin
    KafkaOptions kafka;

    @Option(names = "--topic", paramLabel = "NAME",
            description = "Topic to publish to (default: the raw-gops topic, gvc.raw-gops unless --kafka-config renames it).")
    String topic;

    @Option(names = "--create-topics", description = "Create the GVC topics first if they are missing.")
    boolean createTopics;

    @Option(names = "--realtime", description = "Send each GOP when a live camera would have it (see Pacing above).")
    boolean realtime;

    @Option(names = "--frames", paramLabel = "N",
            description = "Frames per stream (default: the whole file; " + SYNTHETIC_FRAMES + " for --synthetic).")
    Long frames;

    @Option(names = "--gop-frames", paramLabel = "F",
            description = "Frames per GOP, the shared boundary frame included (default: ${DEFAULT-VALUE}).")
    int gopFrames;

    @Option(names = "--variant", paramLabel = "V",
            description = "flf2v (default) or i2v: GOPs share boundary frames; t2v: GOPs tile.")
    String variant;

    @Option(names = "--size", paramLabel = "WxH",
            description = "Picture size of --synthetic (default: " + SYNTHETIC_WIDTH + "x" + SYNTHETIC_HEIGHT
                    + ", even sides) or of a raw .yuv input.")
    String size;

    @Option(names = "--fps", paramLabel = "RATE",
            description = "Frame rate of --synthetic or of a raw .yuv input, e.g. 25 or 30000/1001 (default: 25).")
    String fps;

    @Option(names = "--seed", description = "First seed of --synthetic; stream i gets seed + i (default: ${DEFAULT-VALUE}).",
            defaultValue = "1")
    long seed;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        List<String> ids = streamIds();
        Variant v = Variant.parse(variant);
        Limits.checkRange("--gop-frames", gopFrames, v.minGopFrames(), Limits.MAX_GOP_FRAMES);
        if (frames != null && frames < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--frames must be at least 1");
        }
        Map<String, FrameSource> sources = sources(ids);
        VideoFormat format = sources.values().iterator().next().format();
        long count = sources.values().iterator().next().frameCount();
        GopPartition partition = new GopPartition(v, gopFrames, count);

        ClientProperties props = kafka.clientProperties(spec.commandLine());
        GvcTopics topics = props.topics();
        String target = topic != null ? topic : topics.rawGops().name();
        prepareTopic(props, topics, target);

        PrintStream err = System.err;
        err.printf(Locale.ROOT, "ingest: %d stream%s (%s), %s %s, %d frames each, %s GOPs of %d frames%s, "
                        + "%d GOPs per stream, %s -> %s at %s%n", ids.size(), ids.size() == 1 ? "" : "s",
                String.join(", ", ids), source.synthetic ? "synthetic" : source.input.toString(), format, count, v,
                gopFrames, v.sharesBoundary() ? " (sharing boundary frames)" : "", partition.gopCount(),
                realtime ? "real time" : "as fast as possible", target, props.bootstrapServers());

        long t0 = System.nanoTime();
        Map<String, List<PublishedGop>> out;
        try {
            Map<String, GopPartition> partitions = new LinkedHashMap<>();
            ids.forEach(id -> partitions.put(id, partition));
            out = GopPublisher.publishAll(props, target, sources, partitions,
                    realtime ? Pacing.REALTIME : Pacing.AS_FAST_AS_POSSIBLE, progress(err));
        } catch (IngestException e) {
            err.println("gvc ingest: " + e.getMessage());
            return ExitCodes.INTERNAL;
        }
        summary(out, count, (System.nanoTime() - t0) / 1e9, target);
        return ExitCodes.OK;
    }

    private List<String> streamIds() {
        if (streams == null || streams.isEmpty()) {
            return List.of("cam1");
        }
        LinkedHashSet<String> unique = new LinkedHashSet<>(streams);
        if (unique.size() != streams.size()) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--stream ids must differ, got " + streams);
        }
        return List.copyOf(unique);
    }

    private Map<String, FrameSource> sources(List<String> ids) throws BadInputException {
        Map<String, FrameSource> out = new LinkedHashMap<>();
        if (source.synthetic) {
            int[] wh = size == null ? new int[] {SYNTHETIC_WIDTH, SYNTHETIC_HEIGHT} : PictureSizes.parse(size, "--size", spec.commandLine());
            int[] rate = FrameRates.parse(fps == null ? "25" : fps, "--fps", spec.commandLine());
            long n = frames != null ? frames : SYNTHETIC_FRAMES;
            for (int i = 0; i < ids.size(); i++) {
                out.put(ids.get(i), FrameSource.synthetic(wh[0], wh[1], rate[0], rate[1], n, seed + i));
            }
        } else {
            int max = frames == null ? Integer.MAX_VALUE : (int) Math.min(Integer.MAX_VALUE, frames);
            Video video = Inputs.video(source.input, max, size, fps);
            FrameSource shared = FrameSource.of(video);   // read once, published by every stream
            ids.forEach(id -> out.put(id, shared));
        }
        return out;
    }

    /** Creates the topics when asked; otherwise makes sure the target exists, so a typo fails in seconds. */
    private void prepareTopic(ClientProperties props, GvcTopics topics, String target) throws Exception {
        String where = props.bootstrapServers();
        try (Admin admin = KafkaCalls.admin(props)) {
            Set<String> names = KafkaCalls.topicNames(admin, where);   // also: is anyone there?
            if (createTopics) {
                InstallReport report;
                try {
                    report = new TopicInstaller(admin).install(topics);
                } catch (KafkaException e) {
                    throw new BadInputException("Kafka at " + where + ": creating topics failed: " + e.getMessage(), e);
                }
                System.err.print(report);
                // the installer created or found each topic it reports; a listing right after a creation
                // can still miss it (seen on a loaded machine), so the report says what exists
                if (report.topics().stream().anyMatch(t -> t.spec().name().equals(target))) {
                    return;
                }
                names = KafkaCalls.topicNames(admin, where);
            }
            if (!names.contains(target)) {
                throw new BadInputException("topic " + target + " does not exist at " + where
                        + "; create it with `gvc topics create` (same Kafka options) or add --create-topics");
            }
        }
    }

    private GopPublisher.Listener progress(PrintStream err) {
        return (gop, gopCount) -> {
            String line = String.format(Locale.ROOT, "ingest %s: GOP %d/%d, frames %d..%d, %.2f MB, acknowledged",
                    gop.streamId(), gop.gopSeq() + 1, gopCount, gop.firstFrame(), gop.firstFrame() + gop.frames() - 1,
                    gop.bytes() / 1e6);
            synchronized (err) {   // one thread per stream: whole lines only
                err.println(line);
            }
        };
    }

    private void summary(Map<String, List<PublishedGop>> out, long framesPerStream, double seconds, String target) {
        long gops = 0, bytes = 0;
        for (Map.Entry<String, List<PublishedGop>> e : out.entrySet()) {
            long b = e.getValue().stream().mapToLong(PublishedGop::bytes).sum();
            System.out.printf(Locale.ROOT, "%s: %d GOPs, %d frames, %d bytes%n", e.getKey(), e.getValue().size(),
                    framesPerStream, b);
            gops += e.getValue().size();
            bytes += b;
        }
        System.out.printf(Locale.ROOT, "ingest: %d stream%s, %d GOPs, %d bytes (%.1f MB) in %.2f s (%.1f MB/s) to %s%n",
                out.size(), out.size() == 1 ? "" : "s", gops, bytes, bytes / 1e6, seconds,
                seconds > 0 ? bytes / 1e6 / seconds : 0, target);
    }
}
