package io.gvc.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.gvc.cli.ingest.FrameSource;
import io.gvc.cli.ingest.GopPublisher;
import io.gvc.cli.ingest.Pacing;
import io.gvc.cli.ingest.PublishedGop;
import io.gvc.cluster.FlinkRest;
import io.gvc.cluster.Poll;
import io.gvc.codec.GopPartition;
import io.gvc.codec.Progress;
import io.gvc.codec.StreamDecoder;
import io.gvc.codec.StreamEncoder;
import io.gvc.codec.bitstream.PacketCodec;
import io.gvc.codec.frame.Frame;
import io.gvc.codec.frame.Video;
import io.gvc.codec.frame.VideoFormat;
import io.gvc.codec.prior.FlowPrior;
import io.gvc.kafka.formats.DecodedGop;
import io.gvc.kafka.formats.DecodedGopFormat;
import io.gvc.kafka.formats.GvcHeaders;
import io.gvc.kafka.props.ClientProperties;
import io.gvc.kafka.topics.GvcTopics;
import io.gvc.operators.PriorSource;
import io.gvc.operators.encode.StreamConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * Both jobs on a real standalone Flink session cluster (a JobManager and two TaskManagers, each its
 * own JVM, Flink's Java 17 options) against the broker in its own JVM, submitted as a jar through
 * the REST API. A real clip (carphone, cropped) is ingested as a live camera; mid-stream the broker
 * is restarted, then the TaskManager running the encoder is SIGKILLed and a replacement starts only
 * 45 s later. Every GOP must come out of gvc.decoded exactly once, byte-identical to the file
 * codec's decode of the same frames, nothing in the dead letters, and both jobs must have been
 * restored from a checkpoint.
 *
 * <p>Slots: the encode job takes one slot, the decode job three (its light operators and two GOP
 * decoders), so the four slots of the two TaskManagers are all used and the TaskManager running
 * the encoder also runs part of the decode job: its loss fails both jobs, and until the
 * replacement registers neither can be placed in full.
 */
class StandaloneClusterFailoverTest {

    static final String STREAM = "cam1";
    static final int W = 96, H = 64, GOP_FRAMES = 9, GOPS = 12;
    static final int FRAMES = (GOP_FRAMES - 1) * GOPS + 1;
    /** A 2 fps camera: a GOP every 4 s, so the stream is still being ingested while things fail. */
    static final VideoFormat CAMERA = new VideoFormat(W, H, 2, 1);
    static final Duration REPLACEMENT_DELAY = Duration.ofSeconds(45);

    @Test
    void killedEncoderTaskManagerReplacedAfter45sAndBrokerRestartLoseAndRepeatNothing() throws Exception {
        StandaloneSupport.assumeBuilt();
        Video clip = LiveTestSupport.carphoneCrop(FRAMES, 0, 0, W, H); // skips when the clip is absent
        Video video = new Video(CAMERA, clip.frames());
        Path home = StandaloneSupport.newHome("failover");
        Path streamConfig = StandaloneSupport.writeStreamConfig(home, STREAM, W, H, GOP_FRAMES);

        // the file codec on the same frames, with the settings the jobs read from the same file
        StreamConfig streams = StreamConfig.load(streamConfig).withThreads(1);
        FlowPrior prior = PriorSource.shipped().open(streams.settings(STREAM).params().variant(), null, 1);
        StreamEncoder.Result reference = StreamEncoder.encode(video, streams.settings(STREAM).params(), prior,
                Progress.NONE);
        Video referenceDecode = StreamDecoder.decode(reference.file(), prior, 1, Progress.NONE);
        GopPartition partition = new GopPartition(streams.settings(STREAM).params().variant(), GOP_FRAMES, FRAMES);
        assertEquals(GOPS, partition.gopCount());

        Timeline t = new Timeline();
        try (var p = StandaloneSupport.Processes.start(StandaloneSupport.settings(home, 2, 2))) {
            t.mark("cluster and broker up");
            FlinkRest rest = p.flink.rest();
            String bootstrap = p.broker.bootstrapServers();
            ClientProperties props = StandaloneSupport.clientProperties(bootstrap);
            GvcTopics topics = props.topics();

            List<String> common = List.of("--bootstrap", bootstrap, "--stream-config", streamConfig.toString(),
                    // no restart strategy: the jobs take the cluster's (exponential delay, see FlinkConf)
                    "--codec-threads", "1", "--checkpoint-interval-ms", "1000");
            String jar = rest.uploadJar(StandaloneSupport.JOB_JAR);
            String encode = rest.runJar(jar, FlinkRest.JarRun.of(StandaloneSupport.ENCODE_JOB, common));
            List<String> decodeArgs = new ArrayList<>(common);
            decodeArgs.addAll(List.of("--decoders", "2"));
            String decode = rest.runJar(jar, FlinkRest.JarRun.of(StandaloneSupport.DECODE_JOB, decodeArgs));
            Map<String, String> jobs = new LinkedHashMap<>();
            jobs.put("encode", encode);
            jobs.put("decode", decode);
            awaitAllRunning(rest, jobs);
            t.mark("both jobs running");

            try (var decoded = new StandaloneSupport.CommittedReader(props, topics.decoded().name())) {
                CompletableFuture<List<PublishedGop>> ingest = CompletableFuture.supplyAsync(() -> {
                    try (GopPublisher pub = new GopPublisher(props, topics.rawGops().name())) {
                        return pub.publish(STREAM, FrameSource.of(video), partition, Pacing.REALTIME, null);
                    }
                });

                awaitDecoded(decoded, 2, ingest);
                t.mark("2 GOPs decoded; restarting the broker");
                p.broker.restart();
                t.mark("broker back");
                int afterBroker = decoded.count();
                Map<String, Long> checkpointsThen = latestCheckpoints(rest, jobs);
                awaitDecoded(decoded, afterBroker + 1, ingest);
                awaitNewerCheckpoints(rest, jobs, checkpointsThen);
                t.mark((decoded.count()) + " GOPs decoded, a checkpoint of each job since the broker restart");

                String encoderTm = encoderTaskManager(rest, encode);
                List<String> decodeTms = decodeTaskManagers(rest, decode);
                assertTrue(decodeTms.contains(encoderTm), "the encoder's TaskManager " + encoderTm
                        + " also runs part of the decode job (all 4 slots are used): " + decodeTms);
                int atKill = decoded.count();
                long killedAtMillis = System.currentTimeMillis();
                p.flink.killTaskManager(encoderTm);
                long killed = System.nanoTime();
                t.mark("SIGKILLed " + encoderTm + " (runs the encoder), " + atKill + " GOPs decoded, ingest "
                        + (ingest.isDone() ? "finished" : "still running"));

                // the replacement comes 45 s later; meanwhile neither job may give up
                waitWatchingForTerminalStates(rest, jobs, REPLACEMENT_DELAY);
                String replacement = p.flink.addTaskManager();
                t.mark("replacement " + replacement + " registered");

                awaitDecoded(decoded, atKill + 1, ingest);
                double recovery = (System.nanoTime() - killed) / 1e9;
                t.mark("first GOP decoded after the kill");
                awaitAllRunning(rest, jobs);

                List<PublishedGop> published = ingest.get();
                assertEquals(GOPS, published.size());
                t.mark("ingest finished");
                awaitDecoded(decoded, GOPS, ingest);
                // whatever is still in flight is committed at the next checkpoints: then read the topic whole
                awaitNewerCheckpoints(rest, jobs, latestCheckpoints(rest, jobs));
                awaitNewerCheckpoints(rest, jobs, latestCheckpoints(rest, jobs));
                List<ConsumerRecord<byte[], byte[]>> out = StandaloneSupport.readCommitted(props,
                        topics.decoded().name());
                t.mark(out.size() + " records in " + topics.decoded().name());

                Map<String, Long> restarts = new LinkedHashMap<>();
                for (var j : jobs.entrySet()) {
                    restarts.put(j.getKey(), Long.parseLong(Poll.until("numRestarts of the " + j.getKey() + " job",
                            Duration.ofMinutes(1), () -> rest.jobMetric(j.getValue(), "numRestarts"))));
                }
                Report report = Report.of(out, GOPS);
                String summary = String.format(Locale.ROOT, "kill -> first GOP decoded after it: %.1f s; restarts: %s;"
                        + " GOPs lost: %d, duplicated: %d%n%s", recovery, restarts, report.lost(), report.duplicated(),
                        t);
                System.out.println("[StandaloneClusterFailoverTest] " + summary);
                Files.writeString(home.resolve("report.txt"), summary, StandardCharsets.UTF_8);

                assertEquals(0, report.lost(), "GOPs lost: " + summary);
                assertEquals(0, report.duplicated(), "GOPs duplicated: " + summary);
                assertDecodedIdentical(out, referenceDecode);
                assertPacketsIdentical(props, topics, reference);
                assertNoDeadLetters(props, topics);
                for (var j : jobs.entrySet()) {
                    assertRestoredFromCheckpoint(rest, j.getKey(), j.getValue(), killedAtMillis);
                    assertTrue(restarts.get(j.getKey()) >= 1, j.getKey() + " job never restarted");
                }
            }
        }
    }

    /** Each decoded GOP in order, frames byte-identical to the file codec's decode. */
    private static void assertDecodedIdentical(List<ConsumerRecord<byte[], byte[]>> out, Video want)
            throws Exception {
        List<Frame> frames = new ArrayList<>();
        for (int k = 0; k < out.size(); k++) {
            ConsumerRecord<byte[], byte[]> r = out.get(k);
            DecodedGop g = DecodedGopFormat.read(r.value());
            assertEquals(STREAM, g.streamId());
            assertEquals(k, g.gopSeq(), "in order, each once");
            assertTrue(GvcHeaders.get(r.headers(), GvcHeaders.CONCEALED).isEmpty(), "GOP " + k + " was concealed");
            frames.addAll(g.frames());
        }
        assertEquals(want.frames().size(), frames.size(), "frames decoded");
        for (int i = 0; i < frames.size(); i++) {
            assertArrayEquals(want.frames().get(i).y(), frames.get(i).y(), "frame " + i + " Y");
            assertArrayEquals(want.frames().get(i).u(), frames.get(i).u(), "frame " + i + " U");
            assertArrayEquals(want.frames().get(i).v(), frames.get(i).v(), "frame " + i + " V");
        }
    }

    /** The committed packets are gvc encode's, each once. */
    private static void assertPacketsIdentical(ClientProperties props, GvcTopics topics, StreamEncoder.Result ref) {
        List<byte[]> want = ref.gops().stream().map(g -> PacketCodec.write(g.packet())).toList();
        List<ConsumerRecord<byte[], byte[]>> got = StandaloneSupport.readCommitted(props, topics.bitstream().name());
        assertEquals(want.size(), got.size(), "packets in " + topics.bitstream().name() + ", each once");
        for (int k = 0; k < want.size(); k++) {
            assertArrayEquals(want.get(k), got.get(k).value(), "packet " + k + " equals gvc encode's");
        }
    }

    private static void assertNoDeadLetters(ClientProperties props, GvcTopics topics) {
        List<ConsumerRecord<byte[], byte[]>> dead = StandaloneSupport.readCommitted(props, topics.deadLetters().name());
        assertEquals(List.of(), dead.stream().map(d -> GvcHeaders.error(d.headers()).orElse("?")).toList(),
                "dead letters");
    }

    /** The job's latest restore was from a checkpoint, after the TaskManager was killed. */
    private static void assertRestoredFromCheckpoint(FlinkRest rest, String name, String job, long killedAtMillis)
            throws Exception {
        JsonNode c = rest.checkpoints(job);
        JsonNode restored = c.path("latest").path("restored");
        assertTrue(c.path("counts").path("restored").asInt() >= 1, name + " job was never restored: " + c);
        assertFalse(restored.isMissingNode() || restored.isNull(), name + ": " + c);
        assertFalse(restored.path("is_savepoint").asBoolean(), name + " restored from a savepoint, not a checkpoint");
        assertTrue(restored.path("restore_timestamp").asLong() >= killedAtMillis, name + " job's latest restore ("
                + restored.path("restore_timestamp").asLong() + ") is not after the kill (" + killedAtMillis + ")");
        System.out.println("[StandaloneClusterFailoverTest] " + name + " job restored " + c.path("counts")
                .path("restored").asInt() + " time(s), latest from checkpoint " + restored.path("id").asLong() + " at "
                + restored.path("external_path").asText());
    }

    private static void awaitAllRunning(FlinkRest rest, Map<String, String> jobs) throws Exception {
        for (var j : jobs.entrySet()) {
            Poll.until("every task of the " + j.getKey() + " job RUNNING", StandaloneSupport.LIVENESS, () -> {
                failIfTerminal(rest, j.getKey(), j.getValue());
                return rest.allTasksRunning(j.getValue()) ? Optional.of(true) : Optional.empty();
            });
        }
    }

    private static void failIfTerminal(FlinkRest rest, String name, String job) throws Exception {
        String state = rest.jobState(job);
        if (state.equals("FAILED") || state.equals("CANCELED") || state.equals("FINISHED")) {
            throw new Poll.GaveUp("the " + name + " job is " + state + ": "
                    + rest.get("/jobs/" + job + "/exceptions").path("rootException").asText());
        }
    }

    /** Waits out {@code delay} (the scenario's replacement delay), failing at once if a job gives up. */
    private static void waitWatchingForTerminalStates(FlinkRest rest, Map<String, String> jobs, Duration delay)
            throws Exception {
        long end = System.nanoTime() + delay.toNanos();
        while (System.nanoTime() < end) {
            for (var j : jobs.entrySet()) {
                String state = rest.jobState(j.getValue());
                assertFalse(state.equals("FAILED"), "the " + j.getKey() + " job gave up while the TaskManager was"
                        + " missing: " + rest.get("/jobs/" + j.getValue() + "/exceptions").path("rootException")
                        .asText());
            }
            Thread.sleep(Math.min(1000, Math.max(1, (end - System.nanoTime()) / 1_000_000)));
        }
    }

    private static void awaitDecoded(StandaloneSupport.CommittedReader decoded, int n,
                                     CompletableFuture<List<PublishedGop>> ingest) throws Exception {
        Poll.until(n + " GOPs in gvc.decoded", StandaloneSupport.LIVENESS, () -> {
            if (ingest.isCompletedExceptionally()) {
                ingest.join(); // throws the ingest failure
            }
            return decoded.count() >= n ? Optional.of(true) : Optional.empty();
        });
    }

    private static Map<String, Long> latestCheckpoints(FlinkRest rest, Map<String, String> jobs) throws Exception {
        Map<String, Long> ids = new TreeMap<>();
        for (var j : jobs.entrySet()) {
            ids.put(j.getKey(), rest.latestCheckpointId(j.getValue()));
        }
        return ids;
    }

    private static void awaitNewerCheckpoints(FlinkRest rest, Map<String, String> jobs, Map<String, Long> than)
            throws Exception {
        for (var j : jobs.entrySet()) {
            long before = than.get(j.getKey());
            Poll.until("a checkpoint of the " + j.getKey() + " job after " + before, StandaloneSupport.LIVENESS,
                    () -> rest.latestCheckpointId(j.getValue()) > before ? Optional.of(true) : Optional.empty());
        }
    }

    private static String encoderTaskManager(FlinkRest rest, String job) throws Exception {
        List<String> tms = rest.vertexTaskManagers(job, rest.vertexId(job, "KeyframeChain"));
        assertEquals(1, tms.size(), "one encoder subtask: " + tms);
        return tms.get(0);
    }

    private static List<String> decodeTaskManagers(FlinkRest rest, String job) throws Exception {
        List<String> tms = new ArrayList<>();
        for (JsonNode v : rest.job(job).path("vertices")) {
            for (String tm : rest.vertexTaskManagers(job, v.path("id").asText())) {
                if (!tms.contains(tm)) {
                    tms.add(tm);
                }
            }
        }
        return tms;
    }

    /** GOPs missing and repeated in what was read, by GOP number. */
    record Report(int lost, int duplicated) {
        static Report of(List<ConsumerRecord<byte[], byte[]>> out, int gops) throws Exception {
            Map<Long, Integer> seen = new TreeMap<>();
            for (ConsumerRecord<byte[], byte[]> r : out) {
                seen.merge(DecodedGopFormat.read(r.value()).gopSeq(), 1, Integer::sum);
            }
            int lost = 0;
            for (long k = 0; k < gops; k++) {
                if (!seen.containsKey(k)) {
                    lost++;
                }
            }
            int dup = seen.values().stream().mapToInt(c -> c - 1).sum();
            return new Report(lost, dup);
        }
    }

    /** What happened when, in seconds since the start, for the report. */
    static final class Timeline {
        private final long t0 = System.nanoTime();
        private final StringBuilder lines = new StringBuilder();

        void mark(String what) {
            String line = String.format(Locale.ROOT, "%7.1f s  %s", (System.nanoTime() - t0) / 1e9, what);
            lines.append(line).append('\n');
            System.out.println("[StandaloneClusterFailoverTest] " + line);
        }

        @Override
        public String toString() {
            return lines.toString();
        }
    }
}
