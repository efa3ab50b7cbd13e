package io.gvc.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gvc.cli.demo.LocalPipeline;
import io.gvc.codec.GopEncoder;
import io.gvc.codec.GopPartition;
import io.gvc.codec.Progress;
import io.gvc.codec.StreamDecoder;
import io.gvc.codec.StreamEncoder;
import io.gvc.codec.bitstream.PacketCodec;
import io.gvc.codec.frame.Frame;
import io.gvc.codec.frame.Gop;
import io.gvc.codec.frame.Video;
import io.gvc.codec.prior.FlowPrior;
import io.gvc.jobs.pipeline.JobOptions;
import io.gvc.kafka.broker.EmbeddedKafka;
import io.gvc.kafka.formats.DecodedGop;
import io.gvc.kafka.formats.DecodedGopFormat;
import io.gvc.kafka.formats.GvcHeaders;
import io.gvc.kafka.formats.RawGop;
import io.gvc.kafka.props.ClientProperties;
import io.gvc.kafka.topics.GvcTopics;
import io.gvc.operators.FailureDrill;
import io.gvc.operators.PriorSource;
import io.gvc.operators.encode.StreamConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Both jobs on a Flink MiniCluster against a real embedded Kafka broker: two camera streams in,
 * every GOP decoded once and in order, packets byte-identical to {@code gvc encode}, frames
 * identical to {@code gvc decode}; bad records in the dead letters; a failure mid-stream changes nothing.
 */
class LivePipelineTest {

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(4).build());

    static final int FRAMES = 25;
    static final int W = 96, H = 64;
    static final Duration LIVENESS = Duration.ofMinutes(4);

    static EmbeddedKafka kafka;
    static ClientProperties props;
    static StreamConfig streams;
    static Map<String, Video> videos = new TreeMap<>();
    static Map<String, StreamEncoder.Result> reference = new HashMap<>();
    static Map<String, Video> referenceDecode = new HashMap<>();
    static FlowPrior prior;

    @BeforeAll
    static void setUp() throws Exception {
        videos.put("cam1", LiveTestSupport.carphoneCrop(FRAMES, 0, 0, W, H));
        videos.put("cam2", LiveTestSupport.carphoneCrop(FRAMES, 80, 80, W, H));
        streams = StreamConfig.defaults().with("default.gop-frames", "9")
                .with("stream.cam1.width", "" + W).with("stream.cam1.height", "" + H)
                .with("stream.cam2.width", "" + W).with("stream.cam2.height", "" + H)
                .withThreads(1);
        // what the operators load: the shipped default ONNX model of the streams' variant
        prior = PriorSource.shipped().open(streams.settings("cam1").params().variant(), null, 1);
        for (var e : videos.entrySet()) {
            StreamEncoder.Result r = StreamEncoder.encode(e.getValue(), streams.settings(e.getKey()).params(), prior,
                    Progress.NONE);
            reference.put(e.getKey(), r);
            referenceDecode.put(e.getKey(), StreamDecoder.decode(r.file(), prior, 1, Progress.NONE));
        }
        kafka = EmbeddedKafka.start(Path.of("target", "it-kafka"));
        props = kafka.clientProperties();
    }

    @AfterAll
    static void tearDown() {
        if (kafka != null) {
            kafka.close();
        }
    }

    private static GvcTopics topics(String prefix) throws Exception {
        GvcTopics t = GvcTopics.defaults().withPrefix(prefix);
        kafka.installTopics(t);
        return t;
    }

    private static GopPartition partition() {
        return new GopPartition(streams.settings("cam1").params().variant(), 9, FRAMES);
    }

    private static List<ProducerRecord<byte[], byte[]>> cleanInput(GvcTopics t) {
        List<ProducerRecord<byte[], byte[]>> out = new ArrayList<>();
        Map<String, List<RawGop>> gops = new TreeMap<>();
        videos.forEach((s, v) -> gops.put(s, LiveTestSupport.rawGops(s, v, partition())));
        for (int k = 0; k < partition().gopCount(); k++) {
            for (List<RawGop> g : gops.values()) {
                out.add(LiveTestSupport.record(t.rawGops().name(), g.get(k)));
            }
        }
        return out;
    }

    private static Predicate<List<ConsumerRecord<byte[], byte[]>>> holdsAllGops() {
        long want = videos.size() * partition().gopCount();
        return got -> got.size() >= want;
    }

    private static StreamExecutionEnvironment env() {
        return StreamExecutionEnvironment.getExecutionEnvironment();
    }

    @Test
    void twoStreamsComeOutInOrderIdenticalToTheFileCodecAndBadRecordsBecomeDeadLetters() throws Exception {
        GvcTopics t = topics("clean.");
        String raw = t.rawGops().name();
        List<ProducerRecord<byte[], byte[]>> input = new ArrayList<>(cleanInput(t));
        // bad records between the good ones
        input.add(1, LiveTestSupport.junk(raw, "cam1", "not a GOP at all".getBytes(StandardCharsets.UTF_8)));
        input.add(3, LiveTestSupport.junk(raw, "cam2", new byte[300_000]));
        Video small = LiveTestSupport.carphoneCrop(9, 0, 0, 64, 48);
        input.add(4, LiveTestSupport.record(raw, LiveTestSupport.rawGops("cam1", small,
                new GopPartition(partition().variant(), 9, 9)).get(0)));
        LiveTestSupport.produce(props, input);
        LiveTestSupport.produce(props, List.of(LiveTestSupport.junk(t.bitstream().name(), "cam2", GARBAGE_PACKET)));

        JobOptions o = JobOptions.local(props, t, streams, PriorSource.shipped(), 1, Duration.ofMillis(500))
                .withMaxRawRecordBytes(200_000);
        List<ConsumerRecord<byte[], byte[]>> decoded;
        try (LocalPipeline jobs = LocalPipeline.submit(LivePipelineTest::env, o)) {
            decoded = LiveTestSupport.readUntil(props, t.decoded().name(), holdsAllGops(), LIVENESS);
        }
        assertDecodedExactlyOnceAndIdentical(decoded);
        assertPacketsIdenticalToFileEncoder(t);

        List<ConsumerRecord<byte[], byte[]>> dead = LiveTestSupport.readUntil(props, t.deadLetters().name(),
                got -> got.size() >= 4, LIVENESS);
        assertEquals(4, dead.size(), "dead letters: " + reasons(dead));
        String all = String.join("\n", reasons(dead));
        assertTrue(all.contains("not a raw GOP"), all);
        assertTrue(all.contains("oversized record: 300004 bytes"), all);
        assertTrue(all.contains("wrong resolution 64x48: stream cam1 is configured for 96x64"), all);
        assertTrue(all.contains("corrupt packet"), all);
        for (ConsumerRecord<byte[], byte[]> d : dead) {
            assertTrue(GvcHeaders.sourceTopic(d.headers()).isPresent());
        }
    }

    @Test
    void aTaskFailingMidStreamRestartsFromTheCheckpointAndLosesOrRepeatsNothing() throws Exception {
        GvcTopics t = topics("drill.");
        LiveTestSupport.produce(props, cleanInput(t));
        // encoder and decoder subtasks each fail once, after 2 GOPs, and the jobs restart from their checkpoints
        JobOptions o = JobOptions.local(props, t, streams, PriorSource.shipped(), 1, Duration.ofMillis(300))
                .withDrill(new FailureDrill(2));
        List<ConsumerRecord<byte[], byte[]>> decoded;
        try (LocalPipeline jobs = LocalPipeline.submit(LivePipelineTest::env, o)) {
            decoded = LiveTestSupport.readUntil(props, t.decoded().name(), holdsAllGops(), LIVENESS);
            // the drill really fired in both jobs: Flink's exception history says so
            for (var job : List.of(jobs.encode(), jobs.decode())) {
                String history = restGet("/jobs/" + job.getJobID() + "/exceptions");
                assertTrue(history.contains("failure drill"), job.getJobID() + " did not fail: " + history);
            }
        }
        assertDecodedExactlyOnceAndIdentical(decoded);
        assertPacketsIdenticalToFileEncoder(t);
    }

    /**
     * One camera with independent periods (here every GOP a period of its own) across two
     * keyframe-chain and atom-search subtasks: its periods are coded on both (their per-subtask
     * counters say so) and come out of the packet reorderer in order, each packet byte-identical to
     * {@code gvc encode --intra-period 1 --independent-periods}'s, and decoded identical to
     * {@code gvc decode}, every frame once.
     */
    @Test
    void oneCameraWithIndependentPeriodsSpreadOverTwoSubtasksGivesTheFileCodecsBytesInOrder() throws Exception {
        GvcTopics t = topics("split.");
        StreamConfig periods = streams.with("stream.cam3.width", "" + W).with("stream.cam3.height", "" + H)
                .with("stream.cam3.intra-period", "1").with("stream.cam3.independent-periods", "true");
        Video video = videos.get("cam1");
        StreamEncoder.Result ref = StreamEncoder.encode(video, periods.settings("cam3").params(), prior, Progress.NONE);
        Video refDecoded = StreamDecoder.decode(ref.file(), prior, 1, Progress.NONE);
        List<RawGop> gops = LiveTestSupport.rawGops("cam3", video, partition());
        List<ProducerRecord<byte[], byte[]>> input = new ArrayList<>();
        for (RawGop g : gops) {
            input.add(LiveTestSupport.record(t.rawGops().name(), g));
        }
        LiveTestSupport.produce(props, input);
        JobOptions o = JobOptions.local(props, t, periods, PriorSource.shipped(), 1, Duration.ofMillis(300))
                .withEncoders(2);
        List<ConsumerRecord<byte[], byte[]>> decoded;
        try (LocalPipeline jobs = LocalPipeline.submit(LivePipelineTest::env, o)) {
            decoded = LiveTestSupport.readUntil(props, t.decoded().name(), got -> got.size() >= gops.size(), LIVENESS);
            List<Long> perSubtask = searchedPerSubtask(jobs.encode().getJobID().toString(), "cam3", 2, gops.size());
            assertTrue(perSubtask.get(0) > 0 && perSubtask.get(1) > 0, "both subtasks coded GOPs of cam3: " + perSubtask);
        }
        List<byte[]> packets = LiveTestSupport.readUntil(props, t.bitstream().name(), got -> got.size() >= gops.size(),
                LIVENESS).stream().map(ConsumerRecord::value).toList();
        List<byte[]> want = ref.gops().stream().map(g -> PacketCodec.write(g.packet())).toList();
        assertEquals(want.size(), packets.size(), "every packet exactly once");
        for (int k = 0; k < want.size(); k++) {
            assertArrayEquals(want.get(k), packets.get(k), "packet " + k + " equals gvc encode's, in order");
        }
        assertEquals(gops.size(), decoded.size());
        List<Frame> frames = new ArrayList<>();
        for (int k = 0; k < decoded.size(); k++) {
            DecodedGop g = DecodedGopFormat.read(decoded.get(k).value());
            assertEquals(k, g.gopSeq(), "in order, no gaps");
            frames.addAll(g.frames());
        }
        List<Frame> wantFrames = refDecoded.frames();
        assertEquals(wantFrames.size(), frames.size(), "every frame once");
        for (int i = 0; i < wantFrames.size(); i++) {
            assertTrue(wantFrames.get(i).samePixels(frames.get(i)), "frame " + i + " equals gvc decode's");
        }
    }

    /**
     * The AtomSearch subtasks' {@code gopsSearched} counters of one stream, read from the REST API
     * until they add up to {@code total} (metrics reach the REST API some seconds after the fact).
     */
    private static List<Long> searchedPerSubtask(String jobId, String stream, int subtasks, long total)
            throws Exception {
        var json = new com.fasterxml.jackson.databind.ObjectMapper();
        String vertex = null;
        for (var v : json.readTree(restGet("/jobs/" + jobId)).path("vertices")) {
            if (v.path("name").asText().contains("AtomSearch")) {
                vertex = v.path("id").asText();
            }
        }
        assertTrue(vertex != null, "the encode job has an AtomSearch vertex");
        List<String> names = new ArrayList<>();
        for (int i = 0; i < subtasks; i++) {
            names.add(i + ".AtomSearch.stream." + stream + ".gopsSearched");
        }
        long deadline = System.nanoTime() + LIVENESS.toNanos();
        List<Long> counts = List.of();
        while (System.nanoTime() < deadline) {
            Map<String, Long> got = new HashMap<>();
            for (var m : json.readTree(restGet("/jobs/" + jobId + "/vertices/" + vertex + "/metrics?get="
                    + String.join(",", names)))) {
                got.put(m.path("id").asText(), (long) Double.parseDouble(m.path("value").asText()));
            }
            counts = names.stream().map(n -> got.getOrDefault(n, 0L)).toList();
            if (counts.stream().mapToLong(Long::longValue).sum() >= total) {
                return counts;
            }
            Thread.sleep(500);
        }
        throw new AssertionError("the AtomSearch counters of " + stream + " never added up to " + total + ": "
                + counts);
    }

    /**
     * Records no operator can process never fail a job or wedge a stream: on a stream without a
     * configured resolution (the default) a GOP of 1x1 pixels, which the engine refuses, and a raw
     * GOP and a packet numbered 1,000,000 all become dead letters; the stream's GOPs around them come
     * out whole, identical to gvc encode and gvc decode, and neither job ever failed.
     */
    @Test
    void unprocessableRecordsAndAbsurdGopNumbersBecomeDeadLettersAndTheStreamGoesOn() throws Exception {
        GvcTopics t = topics("robust.");
        String raw = t.rawGops().name();
        String stream = "solo"; // no width/height in the stream config: any size reaches the encoder
        List<RawGop> gops = LiveTestSupport.rawGops(stream, videos.get("cam1"), partition());
        assertEquals(3, gops.size());
        LiveTestSupport.produce(props, List.of(LiveTestSupport.record(raw, gops.get(0))));

        JobOptions o = JobOptions.local(props, t, streams, PriorSource.shipped(), 1, Duration.ofMillis(300));
        List<ConsumerRecord<byte[], byte[]>> decoded;
        try (LocalPipeline jobs = LocalPipeline.submit(LivePipelineTest::env, o)) {
            // GOP 0's packet is in the bitstream topic; a valid packet numbered 1,000,000 lands behind it
            LiveTestSupport.readUntil(props, t.bitstream().name(), got -> got.size() >= 1, LIVENESS);
            RawGop g1 = gops.get(1);
            byte[] absurdPacket;
            try (GopEncoder enc = new GopEncoder(streams.settings(stream).params(), g1.format(), prior)) {
                absurdPacket = PacketCodec.write(enc.encodeFirst(new Gop(1_000_000, g1.firstFrameIndex(), g1.frames()))
                        .packet());
            }
            LiveTestSupport.produce(props, List.of(LiveTestSupport.junk(t.bitstream().name(), stream, absurdPacket)));
            LiveTestSupport.produce(props, List.of(
                    LiveTestSupport.record(raw, tinyGop(stream, 1, g1.firstFrameIndex(), g1.frameCount())),
                    LiveTestSupport.record(raw, new RawGop(stream, 1_000_000, g1.firstFrameIndex(), g1.captureTimeMicros(),
                            g1.fpsNum(), g1.fpsDen(), g1.width(), g1.height(), g1.frames())),
                    LiveTestSupport.record(raw, g1),
                    LiveTestSupport.record(raw, gops.get(2))));
            decoded = LiveTestSupport.readUntil(props, t.decoded().name(), got -> got.size() >= 3, LIVENESS);
            // neither job failed: no restarts, nothing in their exception histories
            var json = new com.fasterxml.jackson.databind.ObjectMapper();
            for (var job : List.of(jobs.encode(), jobs.decode())) {
                String history = restGet("/jobs/" + job.getJobID() + "/exceptions");
                var entries = json.readTree(history).path("exceptionHistory").path("entries");
                assertTrue(entries.isArray(), history);
                assertEquals(0, entries.size(), history);
            }
        }
        // the stream came out as if the bad records had never been sent
        assertEquals(3, decoded.size());
        List<Frame> frames = new ArrayList<>();
        for (int k = 0; k < decoded.size(); k++) {
            DecodedGop g = DecodedGopFormat.read(decoded.get(k).value());
            assertEquals(stream, g.streamId());
            assertEquals(k, g.gopSeq(), "in order, no gaps");
            assertTrue(GvcHeaders.get(decoded.get(k).headers(), GvcHeaders.CONCEALED).isEmpty());
            frames.addAll(g.frames());
        }
        List<Frame> want = referenceDecode.get("cam1").frames();
        assertEquals(want.size(), frames.size());
        for (int i = 0; i < want.size(); i++) {
            assertArrayEquals(want.get(i).y(), frames.get(i).y(), "frame " + i + " Y");
            assertArrayEquals(want.get(i).u(), frames.get(i).u(), "frame " + i + " U");
            assertArrayEquals(want.get(i).v(), frames.get(i).v(), "frame " + i + " V");
        }
        List<byte[]> packets = LiveTestSupport.readUntil(props, t.bitstream().name(), got -> got.size() >= 4, LIVENESS)
                .stream().map(ConsumerRecord::value).filter(v -> !isAbsurdPacket(v)).toList();
        List<byte[]> wantPackets = reference.get("cam1").gops().stream().map(g -> PacketCodec.write(g.packet())).toList();
        assertEquals(wantPackets.size(), packets.size(), "3 packets from the encoder, no packet for a refused GOP");
        for (int k = 0; k < wantPackets.size(); k++) {
            assertArrayEquals(wantPackets.get(k), packets.get(k), "packet " + k + " equals gvc encode's");
        }

        List<String> dead = reasons(LiveTestSupport.readUntil(props, t.deadLetters().name(), got -> got.size() >= 3,
                LIVENESS));
        assertEquals(3, dead.size(), "dead letters: " + dead);
        String jump = " is 999999 GOPs ahead of the expected GOP 1 (at most 1000 are accepted; a jump is taken only"
                + " when the next GOP continues it)";
        assertEquals(1, dead.stream().filter(r -> r.startsWith("GOP 1 of stream solo (1x1, 9 frames) refused by the"
                + " encoder: ")).count(), dead.toString());
        // one from the encoder (the raw GOP), one from the boundary resolver (the packet)
        assertEquals(2, dead.stream().filter(r -> r.equals("GOP 1000000 of stream solo" + jump)).count(), dead.toString());
    }

    /**
     * The stream decides the model (issues 13 and 15). The encode job codes with a model no registry
     * ships (a closed-form model in a folder of the test's own, its --model naming that model); the
     * decode job is started with another --model, the folder that holds it, which only adds a place to
     * search: every GOP comes out identical to gvc decode. A stream naming a model this decoder does not
     * have is dead-lettered per packet, naming the model id and hash, and neither job ever fails. Before,
     * the decoder ran its own --model and refused (or, given a folder of models, could not start).
     */
    @Test
    void theDecodeJobTakesTheModelEachStreamNames(@org.junit.jupiter.api.io.TempDir Path tmp) throws Exception {
        Path models = tmp.resolve("models");
        Path mine = customModel(models.resolve("mine"), "the encode job's model");
        Path ghostModel = customModel(tmp.resolve("elsewhere"), "a model the decoder does not have");
        GvcTopics t = topics("model.");
        LiveTestSupport.produce(props, LiveTestSupport.rawGops("cam1", videos.get("cam1"), partition()).stream()
                .map(g -> LiveTestSupport.record(t.rawGops().name(), g)).toList());
        // the packets gvc encode makes with the same model, and what gvc decode makes of them
        StreamEncoder.Result want;
        Video wantDecoded;
        FlowPrior minePrior = new PriorSource(mine.toString(), "cpu").open(partition().variant(), null, 1);
        want = StreamEncoder.encode(videos.get("cam1"), streams.settings("cam1").params(), minePrior, Progress.NONE);
        wantDecoded = StreamDecoder.decode(want.file(), minePrior, 1, Progress.NONE);
        // two GOPs of a stream coded with a model the decoder is not given
        FlowPrior ghostPrior = new PriorSource(ghostModel.toString(), "cpu").open(partition().variant(), null, 1);
        StreamEncoder.Result ghost = StreamEncoder.encode(LiveTestSupport.carphoneCrop(17, 40, 40, 64, 48),
                streams.settings("ghost").params().withGopFrames(9), ghostPrior, Progress.NONE);
        assertEquals(2, ghost.gops().size());
        for (var g : ghost.gops()) {
            LiveTestSupport.produce(props, List.of(LiveTestSupport.junk(t.bitstream().name(), "ghost",
                    PacketCodec.write(g.packet()))));
        }

        JobOptions encode = JobOptions.local(props, t, streams, new PriorSource(mine.toString(), "cpu"), 1,
                Duration.ofMillis(300));
        JobOptions decode = JobOptions.local(props, t, streams, new PriorSource(models.toString(), "cpu"), 1,
                Duration.ofMillis(300));
        List<ConsumerRecord<byte[], byte[]>> decoded;
        List<String> dead;
        try (LocalPipeline jobs = LocalPipeline.submit(LivePipelineTest::env, encode, decode)) {
            decoded = LiveTestSupport.readUntil(props, t.decoded().name(),
                    got -> got.stream().filter(r -> keyIs(r, "cam1")).count() >= partition().gopCount(), LIVENESS);
            dead = reasons(LiveTestSupport.readUntil(props, t.deadLetters().name(), got -> got.size() >= 2, LIVENESS));
            var json = new com.fasterxml.jackson.databind.ObjectMapper();
            for (var job : List.of(jobs.encode(), jobs.decode())) {
                String history = restGet("/jobs/" + job.getJobID() + "/exceptions");
                assertEquals(0, json.readTree(history).path("exceptionHistory").path("entries").size(), history);
            }
        }
        List<Frame> frames = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> r : decoded) {
            if (keyIs(r, "cam1")) {
                frames.addAll(DecodedGopFormat.read(r.value()).frames());
            }
        }
        assertEquals(wantDecoded.frameCount(), frames.size());
        for (int i = 0; i < frames.size(); i++) {
            assertArrayEquals(wantDecoded.frames().get(i).y(), frames.get(i).y(), "frame " + i + " Y");
            assertArrayEquals(wantDecoded.frames().get(i).u(), frames.get(i).u(), "frame " + i + " U");
            assertArrayEquals(wantDecoded.frames().get(i).v(), frames.get(i).v(), "frame " + i + " V");
        }
        assertEquals(2, dead.size(), "one dead letter per packet of the ghost stream: " + dead);
        for (String why : dead) {
            assertTrue(why.startsWith("decode failed: stream needs model 'gvc-gauss-dct' (sha256 "
                    + ghostPrior.sha256().substring(0, 16) + "...), which is not installed here"), why);
        }
    }

    /** The shipped closed-form spectrum with another fitted_from line: a model of the test's own. */
    private static Path customModel(Path dir, String fittedFrom) throws Exception {
        String text;
        try (var in = LivePipelineTest.class.getResourceAsStream(io.gvc.model.registry.ShippedModels.SPECTRUM_RESOURCE)) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        java.nio.file.Files.createDirectories(dir);
        java.nio.file.Files.writeString(dir.resolve("prior.txt"), text.replaceFirst("(?m)^fitted_from .*$",
                "fitted_from " + fittedFrom));
        return dir;
    }

    private static boolean keyIs(ConsumerRecord<byte[], byte[]> r, String stream) {
        return r.key() != null && new String(r.key(), StandardCharsets.UTF_8).equals(stream);
    }

    /** The packet numbered 1,000,000 the test above puts in the bitstream topic, told by its header. */
    private static boolean isAbsurdPacket(byte[] v) {
        try {
            return PacketCodec.read(v).gopSeq() == 1_000_000;
        } catch (Exception e) {
            return false;
        }
    }

    /** A GOP of {@code count} grey 1x1 pictures. */
    private static RawGop tinyGop(String stream, long seq, long firstFrame, int count) {
        List<Frame> frames = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            frames.add(new Frame(1, 1, new byte[] {(byte) 128}, new byte[] {(byte) 128}, new byte[] {(byte) 128}));
        }
        return RawGop.of(stream, new io.gvc.codec.frame.VideoFormat(1, 1, 25, 1), new Gop(seq, firstFrame, frames),
                1_000_000L * (seq + 1));
    }

    private static String restGet(String path) throws Exception {
        int port = FLINK.getClientConfiguration().get(org.apache.flink.configuration.RestOptions.PORT);
        var client = java.net.http.HttpClient.newHttpClient();
        var req = java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://localhost:" + port + path)).build();
        return client.send(req, java.net.http.HttpResponse.BodyHandlers.ofString()).body();
    }

    private static void assertDecodedExactlyOnceAndIdentical(List<ConsumerRecord<byte[], byte[]>> decoded)
            throws Exception {
        assertEquals(videos.size() * partition().gopCount(), decoded.size(), "every GOP exactly once");
        Map<String, List<Frame>> frames = new TreeMap<>();
        Map<String, Long> lastSeq = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> r : decoded) {
            DecodedGop g = DecodedGopFormat.read(r.value());
            assertEquals(g.streamId(), new String(r.key(), StandardCharsets.UTF_8));
            assertEquals(lastSeq.getOrDefault(g.streamId(), -1L) + 1, g.gopSeq(), "in order, no gaps");
            lastSeq.put(g.streamId(), g.gopSeq());
            assertTrue(GvcHeaders.get(r.headers(), GvcHeaders.CONCEALED).isEmpty());
            frames.computeIfAbsent(g.streamId(), s -> new ArrayList<>()).addAll(g.frames());
        }
        for (String s : videos.keySet()) {
            List<Frame> want = referenceDecode.get(s).frames();
            List<Frame> got = frames.get(s);
            assertEquals(want.size(), got.size(), s + " frame count");
            for (int i = 0; i < want.size(); i++) {
                assertArrayEquals(want.get(i).y(), got.get(i).y(), s + " frame " + i + " Y");
                assertArrayEquals(want.get(i).u(), got.get(i).u(), s + " frame " + i + " U");
                assertArrayEquals(want.get(i).v(), got.get(i).v(), s + " frame " + i + " V");
            }
        }
    }

    private static void assertPacketsIdenticalToFileEncoder(GvcTopics t) {
        List<ConsumerRecord<byte[], byte[]>> packets = LiveTestSupport.readUntil(props, t.bitstream().name(),
                got -> got.stream().filter(r -> !isGarbage(r)).count() >= videos.size() * partition().gopCount(),
                LIVENESS);
        Map<String, List<byte[]>> byStream = new TreeMap<>();
        for (ConsumerRecord<byte[], byte[]> r : packets) {
            if (!isGarbage(r)) { // the garbage record the dead-letter test puts there
                byStream.computeIfAbsent(new String(r.key(), StandardCharsets.UTF_8), s -> new ArrayList<>()).add(r.value());
            }
        }
        for (String s : videos.keySet()) {
            List<byte[]> want = reference.get(s).gops().stream().map(g -> PacketCodec.write(g.packet())).toList();
            List<byte[]> got = byStream.get(s);
            assertEquals(want.size(), got.size(), s + " packets exactly once");
            for (int k = 0; k < want.size(); k++) {
                assertArrayEquals(want.get(k), got.get(k), s + " packet " + k + " equals gvc encode's");
            }
        }
    }

    static final byte[] GARBAGE_PACKET = "GVCP garbage".getBytes(StandardCharsets.UTF_8);

    private static boolean isGarbage(ConsumerRecord<byte[], byte[]> r) {
        return java.util.Arrays.equals(r.value(), GARBAGE_PACKET);
    }

    private static List<String> reasons(List<ConsumerRecord<byte[], byte[]>> dead) {
        return dead.stream().map(d -> GvcHeaders.error(d.headers()).orElse("?")).toList();
    }
}
