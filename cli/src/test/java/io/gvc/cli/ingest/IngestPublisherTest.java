package io.gvc.cli.ingest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gvc.codec.GopPartition;
import io.gvc.codec.frame.Frame;
import io.gvc.codec.frame.Video;
import io.gvc.codec.variant.Variant;
import io.gvc.kafka.broker.EmbeddedKafka;
import io.gvc.kafka.formats.GvcHeaders;
import io.gvc.kafka.formats.RawGop;
import io.gvc.kafka.formats.RawGopFormat;
import io.gvc.kafka.props.ClientProperties;
import io.gvc.kafka.topics.GvcTopics;
import io.gvc.scene.SyntheticScene;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * GopPublisher against a real single-node Kafka (started once for the class): what lands on the
 * topic, record by record, for shared-boundary and tiled GOPs, both pacings, and failures.
 */
class IngestPublisherTest {

    static final int W = 176;
    static final int H = 144;

    static EmbeddedKafka kafka;
    static ClientProperties props;

    @BeforeAll
    static void start() throws Exception {
        kafka = EmbeddedKafka.start(Path.of("target"));
        props = kafka.clientProperties();
    }

    @AfterAll
    static void stop() {
        if (kafka != null) {
            kafka.close();
        }
    }

    /** Fresh topics per test, so each reads back only its own records. */
    static String rawGopsTopic(String prefix) throws Exception {
        GvcTopics topics = GvcTopics.defaults().withPrefix(prefix + ".");
        kafka.installTopics(topics);
        return topics.rawGops().name();
    }

    @Test
    void twoSyntheticStreamsLandAsOverlappingGopsWithKeysAndHeaders() throws Exception {
        String topic = rawGopsTopic("two");
        Map<String, FrameSource> streams = new LinkedHashMap<>();
        streams.put("cam1", FrameSource.synthetic(W, H, 25, 1, 21, 11));
        streams.put("cam2", FrameSource.synthetic(W, H, 25, 1, 21, 12));
        AtomicInteger acked = new AtomicInteger();
        Map<String, List<PublishedGop>> published = GopPublisher.publishAll(props, topic, streams, Variant.FLF2V, 9,
                Pacing.AS_FAST_AS_POSSIBLE, (gop, count) -> {
                    assertEquals(3, count);
                    acked.incrementAndGet();
                });
        assertEquals(List.of("cam1", "cam2"), List.copyOf(published.keySet()));
        assertEquals(6, acked.get());

        // FLF2V, F = 9, 21 frames: GOPs [0..8], [8..16], [16..20]
        GopPartition partition = new GopPartition(Variant.FLF2V, 9, 21);
        List<ConsumerRecord<byte[], byte[]>> records = readAll(topic, 6);
        Map<String, List<RawGop>> byStream = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> r : records) {
            RawGop gop = RawGopFormat.read(r.value());
            assertEquals(gop.streamId(), new String(r.key(), StandardCharsets.UTF_8), "key is the stream id");
            assertEquals("raw-gop/1", GvcHeaders.format(r.headers()).orElseThrow());
            assertEquals(gop.streamId(), GvcHeaders.stream(r.headers()).orElseThrow());
            assertEquals(gop.gopSeq(), GvcHeaders.gopSeq(r.headers()).getAsLong());
            assertEquals(gop.captureTimeMicros(), GvcHeaders.captureTs(r.headers()).getAsLong());
            byStream.computeIfAbsent(gop.streamId(), k -> new ArrayList<>()).add(gop);
        }
        for (String id : streams.keySet()) {
            long seed = id.equals("cam1") ? 11 : 12;
            List<RawGop> gops = byStream.get(id);   // one key, one partition: in offset order
            List<PublishedGop> acks = published.get(id);
            assertEquals(3, gops.size());
            for (int k = 0; k < 3; k++) {
                RawGop g = gops.get(k);
                PublishedGop p = acks.get(k);
                assertEquals(k, g.gopSeq());
                assertEquals(partition.firstFrame(k), g.firstFrameIndex());
                assertEquals(partition.frames(k), g.frameCount());
                assertEquals(List.of(25, 1, W, H), List.of(g.fpsNum(), g.fpsDen(), g.width(), g.height()));
                assertEquals(new PublishedGop(id, k, g.firstFrameIndex(), g.frameCount(), g.captureTimeMicros(),
                        p.sentTimeMicros(), RawGopFormat.write(g).length), p);
                assertTrue(p.captureTimeMicros() <= p.sentTimeMicros());
                for (int i = 0; i < g.frameCount(); i++) {
                    Frame expected = SyntheticScene.frame(W, H, (int) (g.firstFrameIndex() + i), seed);
                    assertTrue(expected.samePixels(g.frames().get(i)), id + " GOP " + k + " frame " + i);
                }
                if (k > 0) {   // the shared boundary: first frame of GOP k is the last of GOP k-1, byte for byte
                    Frame last = gops.get(k - 1).frames().get(gops.get(k - 1).frameCount() - 1);
                    assertArrayEquals(last.toI420(), g.frames().get(0).toI420());
                }
            }
        }
        assertTrue(records.get(0).value().length > 9 * Frame.i420Size(W, H));
        assertNotEqualsFrames(byStream.get("cam1").get(0).frames().get(0), byStream.get("cam2").get(0).frames().get(0));
    }

    @Test
    void tiledGopsOfAVideoDoNotOverlap() throws Exception {
        String topic = rawGopsTopic("t2v");
        Video video = SyntheticScene.render(64, 48, 30000, 1001, 10, 5);
        GopPartition partition = new GopPartition(Variant.T2V, 4, 10);
        List<PublishedGop> published;
        try (GopPublisher publisher = new GopPublisher(props, topic)) {
            published = publisher.publish("studio-é", FrameSource.of(video), partition, Pacing.AS_FAST_AS_POSSIBLE,
                    GopPublisher.Listener.NONE);
        }
        assertEquals(List.of(0L, 4L, 8L), published.stream().map(PublishedGop::firstFrame).toList());
        assertEquals(List.of(4, 4, 2), published.stream().map(PublishedGop::frames).toList());
        List<ConsumerRecord<byte[], byte[]>> records = readAll(topic, 3);
        int frame = 0;
        for (ConsumerRecord<byte[], byte[]> r : records) {
            RawGop g = RawGopFormat.read(r.value());
            assertArrayEquals("studio-é".getBytes(StandardCharsets.UTF_8), r.key());
            assertEquals(30000, g.fpsNum());
            assertEquals(1001, g.fpsDen());
            for (Frame f : g.frames()) {
                assertTrue(video.frames().get(frame++).samePixels(f));
            }
        }
        assertEquals(10, frame, "tiles cover every frame exactly once");
    }

    @Test
    void realtimeCaptureTimesFollowTheFrameClock() throws Exception {
        String topic = rawGopsTopic("rt");
        // 7 frames at 25 fps, FLF2V F = 3: GOPs [0..2], [2..4], [4..6]; the run takes 0.28 s
        Map<String, FrameSource> streams = new LinkedHashMap<>();
        streams.put("a", FrameSource.synthetic(64, 48, 25, 1, 7, 1));
        streams.put("b", FrameSource.synthetic(64, 48, 25, 1, 7, 2));
        Map<String, List<PublishedGop>> out = GopPublisher.publishAll(props, topic, streams, Variant.FLF2V, 3,
                Pacing.REALTIME, GopPublisher.Listener.NONE);
        List<PublishedGop> a = out.get("a");
        assertEquals(List.of(0L, 2L, 4L), a.stream().map(PublishedGop::firstFrame).toList());
        long start = a.get(0).captureTimeMicros();
        for (PublishedGop g : a) {
            // capture = start + firstFrame / fps, exactly: 40 ms per frame at 25 fps
            assertEquals(start + 40_000L * g.firstFrame(), g.captureTimeMicros());
            // sent no earlier than the capture of its last frame's end: start + (first + frames) / fps
            assertTrue(g.sentTimeMicros() >= start + 40_000L * (g.firstFrame() + g.frames()),
                    "GOP " + g.gopSeq() + " sent before a camera could have it");
        }
        // the streams of one run share one clock, like cameras on a common time base
        assertEquals(a.stream().map(PublishedGop::captureTimeMicros).toList(),
                out.get("b").stream().map(PublishedGop::captureTimeMicros).toList());
        // and the records carry the same capture times
        List<Long> onTopic = readAll(topic, 6).stream().map(r -> GvcHeaders.captureTs(r.headers()).getAsLong())
                .sorted().distinct().toList();
        assertEquals(a.stream().map(PublishedGop::captureTimeMicros).toList(), onTopic);
    }

    @Test
    void frameOffsetsAreExactForFractionalRates() {
        assertEquals(0, LiveClock.frameOffsetMicros(0, 30000, 1001));
        assertEquals(33_366, LiveClock.frameOffsetMicros(1, 30000, 1001));          // floor(1001000 / 30)
        assertEquals(1_001_000_000L, LiveClock.frameOffsetMicros(30_000, 30000, 1001));
        assertEquals(40_000L * 1_000_000_000L, LiveClock.frameOffsetMicros(1_000_000_000L, 25, 1)); // no overflow
        LiveClock c = new LiveClock(1_700_000_000_000_000L, 0);
        assertEquals(1_700_000_000_040_000L, c.atMicros(LiveClock.frameOffsetMicros(1, 25, 1)));
    }

    @Test
    void kafkaFailureNamesStreamGopAndTopic() {
        Properties p = new Properties();
        p.setProperty("bootstrap.servers", kafka.bootstrapServers());
        p.setProperty("max.block.ms", "1500");   // the topic never appears: fail fast
        try (GopPublisher publisher = new GopPublisher(ClientProperties.of(p), "no.such-topic")) {
            IngestException e = assertThrows(IngestException.class, () -> publisher.publish("cam9",
                    FrameSource.synthetic(64, 48, 25, 1, 3, 1), new GopPartition(Variant.FLF2V, 3, 3),
                    Pacing.AS_FAST_AS_POSSIBLE, GopPublisher.Listener.NONE));
            assertTrue(e.getMessage().startsWith("stream cam9, GOP 0, topic no.such-topic: "), e.getMessage());
            assertEquals("cam9", e.streamId());
            assertEquals(0, e.gopSeq());
        }
    }

    @Test
    void unusableInputIsRefusedBeforeAnythingIsSent() {
        FrameSource src = FrameSource.synthetic(W, H, 25, 1, 20, 1);
        try (GopPublisher small = new GopPublisher(props.withMaxRecordBytes(200_000), "unused")) {
            IllegalArgumentException tooBig = assertThrows(IllegalArgumentException.class, () -> small.publish("cam1",
                    src, new GopPartition(Variant.FLF2V, 9, 20), Pacing.AS_FAST_AS_POSSIBLE, null));
            assertTrue(tooBig.getMessage().contains("record limit") && tooBig.getMessage().contains("at most 5 frames"),
                    tooBig.getMessage());
            assertThrows(IllegalArgumentException.class, () -> small.publish("cam1", src,
                    new GopPartition(Variant.FLF2V, 3, 19), Pacing.AS_FAST_AS_POSSIBLE, null));   // wrong length
            assertThrows(IllegalArgumentException.class, () -> small.publish("cam1", src,
                    new GopPartition(Variant.FLF2V, 1, 20), Pacing.AS_FAST_AS_POSSIBLE, null));   // no progress
            assertThrows(IllegalArgumentException.class, () -> small.publish("", src,
                    new GopPartition(Variant.FLF2V, 3, 20), Pacing.AS_FAST_AS_POSSIBLE, null));
        }
        assertThrows(IllegalArgumentException.class, () -> FrameSource.synthetic(175, 144, 25, 1, 5, 1));
    }


    private static void assertNotEqualsFrames(Frame a, Frame b) {
        assertNotEquals(java.util.Arrays.hashCode(a.y()), java.util.Arrays.hashCode(b.y()), "streams share a seed");
    }

    /** Every record of {@code topic} (all partitions, from the start), read_committed, until {@code n} arrived. */
    static List<ConsumerRecord<byte[], byte[]>> readAll(String topic, int n) {
        List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(props.consumer(null))) {
            List<TopicPartition> parts = c.partitionsFor(topic).stream()
                    .map(pi -> new TopicPartition(topic, pi.partition())).toList();
            c.assign(parts);
            c.seekToBeginning(parts);
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (out.size() < n && System.nanoTime() < deadline) {
                c.poll(Duration.ofMillis(200)).forEach(out::add);
            }
        }
        assertEquals(n, out.size(), "records on " + topic);
        return out;
    }
}
