package io.gvc.kafka.broker;

import io.gvc.kafka.formats.GvcHeaders;
import io.gvc.kafka.formats.GvcPacketDeserializer;
import io.gvc.kafka.formats.GvcPacketSerializer;
import io.gvc.kafka.formats.RawGop;
import io.gvc.kafka.formats.RawGopDeserializer;
import io.gvc.kafka.formats.RawGopFormat;
import io.gvc.kafka.formats.RawGopSerializer;
import io.gvc.kafka.formats.RecordFormatException;
import io.gvc.kafka.props.ClientProperties;
import io.gvc.kafka.topics.GvcTopics;
import io.gvc.kafka.topics.InstallReport;
import io.gvc.kafka.topics.TopicStatus;
import io.gvc.codec.frame.Frame;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Everything that needs a broker, on one shared broker (start-up is the expensive part). */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EmbeddedKafkaTest {

    static EmbeddedKafka kafka;
    static GvcTopics topics = GvcTopics.defaults();

    @BeforeAll
    static void start() throws Exception {
        kafka = EmbeddedKafka.start(Path.of(System.getProperty("java.io.tmpdir"), "embedded-kafka"));
        System.out.println("[EmbeddedKafkaTest] broker " + kafka.bootstrapServers() + " ready in "
                + kafka.startupTime().toMillis() + " ms");
    }

    @AfterAll
    static void stop() {
        if (kafka != null) {
            long t0 = System.nanoTime();
            kafka.close();
            System.out.println("[EmbeddedKafkaTest] broker closed in "
                    + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0) + " ms");
        }
    }

    @Test
    @Order(1)
    void installsTopicsIdempotentlyAndReportsDrift() throws Exception {
        assertTrue(kafka.bootstrapServers().matches("localhost:\\d+(,localhost:\\d+)*"), kafka.bootstrapServers());
        InstallReport first = kafka.installTopics(topics);
        System.out.print("[EmbeddedKafkaTest] first install:\n" + first);
        assertEquals(4, first.created().size(), first.toString());

        InstallReport second = kafka.installTopics(topics);
        assertEquals(List.of(), second.created());
        assertEquals(4, second.existing().size());
        assertFalse(second.hasDrift(), second.toString());
        assertEquals(4, second.topics().get(0).partitions());

        // a topic someone else made differently: reported, never altered
        try (Admin admin = Admin.create(kafka.clientProperties().admin())) {
            admin.createTopics(List.of(new NewTopic("drift.bitstream", 2, (short) 1))).all().get();
        }
        InstallReport drift = kafka.installTopics(topics.withPrefix("drift."));
        TopicStatus bs = drift.topics().stream().filter(s -> s.spec().name().equals("drift.bitstream")).findFirst()
                .orElseThrow();
        assertEquals(TopicStatus.State.EXISTED, bs.state());
        assertEquals("want 4, have 2", bs.drift().get("partitions"));
        assertTrue(bs.drift().containsKey("max.message.bytes"), bs.toString());
        assertEquals(3, drift.created().size());
    }

    @Test
    @Order(0)
    void runsTheReleasedMetadataVersion() throws Exception {
        Class<?> mv = Class.forName("org.apache.kafka.server.common.MetadataVersion");
        Object production = mv.getMethod("latestProduction").invoke(null);
        short level = (short) mv.getMethod("featureLevel").invoke(production);
        try (Admin admin = Admin.create(kafka.clientProperties().admin())) {
            var features = admin.describeFeatures().featureMetadata().get(30, TimeUnit.SECONDS);
            assertEquals(level, features.finalizedFeatures().get("metadata.version").maxVersionLevel(),
                    production + " expected, broker has " + features.finalizedFeatures());
        }
    }

    @Test
    @Order(2)
    void rawGopOfAboutOneMebibyteWithHeaders() throws Exception {
        RawGop gop = gop("studio-a", 3, 320, 240, 9); // 9 x 115200 bytes
        receiveRawGop(gop, 1_000_000, 1_100_000);
    }

    @Test
    @Order(3)
    void rawGopOfEightMebibytesNeedsTheRaisedLimits() throws Exception {
        RawGop gop = gop("studio-b", 0, 640, 480, 18); // 18 x 460800 bytes: over every default limit
        receiveRawGop(gop, 8_000_000, 9_000_000);
    }

    private void receiveRawGop(RawGop gop, int minBytes, int maxBytes) throws Exception {
        ClientProperties props = kafka.clientProperties();
        Properties pp = props.producer();
        pp.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        pp.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, RawGopSerializer.class.getName());
        String topic = topics.rawGops().name();
        RecordMetadata md;
        long t0 = System.nanoTime();
        try (KafkaProducer<String, RawGop> producer = new KafkaProducer<>(pp)) {
            md = producer.send(new ProducerRecord<>(topic, gop.streamId(), gop)).get(30, TimeUnit.SECONDS);
        }
        int size = md.serializedValueSize();
        assertTrue(size >= minBytes && size <= maxBytes, "value of " + size + " bytes");

        Properties cp = props.consumer(null);
        cp.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        cp.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, RawGopDeserializer.class.getName());
        try (KafkaConsumer<String, RawGop> consumer = new KafkaConsumer<>(cp)) {
            TopicPartition tp = new TopicPartition(topic, md.partition());
            consumer.assign(List.of(tp));
            consumer.seek(tp, md.offset());
            ConsumerRecord<String, RawGop> rec = pollOne(consumer);
            assertEquals(gop.streamId(), rec.key());
            assertEquals(Optional.of("raw-gop/1"), GvcHeaders.format(rec.headers()));
            assertEquals(Optional.of(gop.streamId()), GvcHeaders.stream(rec.headers()));
            assertEquals(OptionalLong.of(gop.gopSeq()), GvcHeaders.gopSeq(rec.headers()));
            assertEquals(OptionalLong.of(gop.captureTimeMicros()), GvcHeaders.captureTs(rec.headers()));
            RawGop back = rec.value();
            assertEquals(gop.frameCount(), back.frameCount());
            for (int i = 0; i < gop.frameCount(); i++) {
                assertTrue(gop.frames().get(i).samePixels(back.frames().get(i)), "frame " + i);
            }
        }
        System.out.println("[EmbeddedKafkaTest] raw GOP of " + size + " bytes produced and consumed in "
                + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0) + " ms");
    }

    @Test
    @Order(4)
    void transactionalProducerAndReadCommittedConsumer() throws Exception {
        ClientProperties props = kafka.clientProperties();
        String topic = topics.bitstream().name();
        TopicPartition tp = new TopicPartition(topic, 0);
        Properties pp = props.transactionalProducer("gvc-test-encoder-0");
        pp.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        pp.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, GvcPacketSerializer.class.getName());
        long t0 = System.nanoTime();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(pp)) {
            producer.initTransactions();
            producer.beginTransaction();
            for (int seq = 0; seq < 3; seq++) {
                producer.send(packet(topic, seq));
            }
            producer.commitTransaction();
            producer.beginTransaction();
            producer.send(packet(topic, 99)); // never committed
            producer.flush();
            producer.abortTransaction();
            producer.beginTransaction();
            producer.send(packet(topic, 3));
            producer.commitTransaction();
        }
        assertEquals(List.of(0L, 1L, 2L, 3L), seqs(props.consumer(null), tp, 4));
        Properties uncommitted = props.consumer(null);
        uncommitted.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_uncommitted");
        assertEquals(List.of(0L, 1L, 2L, 99L, 3L), seqs(uncommitted, tp, 5), "the aborted record was written");
        System.out.println("[EmbeddedKafkaTest] transactions round trip in "
                + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0) + " ms");
    }

    @Test
    @Order(5)
    void badRecordGoesToDeadLetters() throws Exception {
        ClientProperties props = kafka.clientProperties();
        String raw = topics.rawGops().name();
        byte[] bad = RawGopFormat.write(gop("cam-x", 0, 4, 4, 1));
        bad[4] = 7; // version
        try (KafkaProducer<byte[], byte[]> p = new KafkaProducer<>(props.producer())) {
            RecordMetadata md = p.send(new ProducerRecord<>(raw, 0, "cam-x".getBytes(), bad)).get(30, TimeUnit.SECONDS);
            ConsumerRecord<byte[], byte[]> rec;
            try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(props.consumer(null))) {
                TopicPartition tp = new TopicPartition(raw, 0);
                c.assign(List.of(tp));
                c.seek(tp, md.offset());
                rec = pollOne(c);
            }
            RecordFormatException e = assertThrows(RecordFormatException.class, () -> RawGopFormat.read(rec.value()));
            p.send(GvcHeaders.deadLetter(topics.deadLetters().name(), rec, e.getMessage())).get(30, TimeUnit.SECONDS);
        }
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(props.consumer(null))) {
            TopicPartition tp = new TopicPartition(topics.deadLetters().name(), 0);
            c.assign(List.of(tp));
            c.seekToBeginning(List.of(tp));
            ConsumerRecord<byte[], byte[]> dl = pollOne(c);
            assertArrayEquals(bad, dl.value());
            assertTrue(GvcHeaders.error(dl.headers()).orElseThrow().startsWith("version: "));
            assertEquals(Optional.of(raw), GvcHeaders.sourceTopic(dl.headers()));
        }
    }

    private static ProducerRecord<String, byte[]> packet(String topic, long seq) {
        byte[] value = new byte[2048];
        new Random(seq).nextBytes(value);
        ProducerRecord<String, byte[]> r = new ProducerRecord<>(topic, 0, "studio-a", value);
        GvcHeaders.forPacket(r.headers(), 1, "studio-a", seq, 1000 * seq);
        return r;
    }

    private static List<Long> seqs(Properties cp, TopicPartition tp, int expected) {
        List<Long> out = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(cp, null, new GvcPacketDeserializer())) {
            c.assign(List.of(tp));
            c.seekToBeginning(List.of(tp));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (out.size() < expected && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(200))) {
                    out.add(GvcHeaders.gopSeq(r.headers()).orElseThrow());
                }
            }
            // nothing more may arrive
            for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(300))) {
                out.add(GvcHeaders.gopSeq(r.headers()).orElseThrow());
            }
        }
        return out;
    }

    private static <K, V> ConsumerRecord<K, V> pollOne(KafkaConsumer<K, V> c) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            for (ConsumerRecord<K, V> r : c.poll(Duration.ofMillis(200))) {
                return r;
            }
        }
        throw new AssertionError("no record within 30 s");
    }

    private static RawGop gop(String stream, long seq, int w, int h, int n) {
        Random r = new Random(seq * 31 + w);
        List<Frame> frames = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            byte[] y = new byte[w * h];
            byte[] u = new byte[Frame.chromaWidth(w) * Frame.chromaHeight(h)];
            byte[] v = new byte[u.length];
            r.nextBytes(y);
            r.nextBytes(u);
            r.nextBytes(v);
            frames.add(new Frame(w, h, y, u, v));
        }
        return new RawGop(stream, seq, seq * 32, System.currentTimeMillis() * 1000, 25, 1, w, h, frames);
    }
}
