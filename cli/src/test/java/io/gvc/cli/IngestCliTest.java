package io.gvc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gvc.codec.frame.Y4mWriter;
import io.gvc.kafka.broker.EmbeddedKafka;
import io.gvc.kafka.formats.RawGop;
import io.gvc.kafka.formats.RawGopFormat;
import io.gvc.kafka.props.ClientProperties;
import io.gvc.kafka.topics.GvcTopics;
import io.gvc.scene.SyntheticScene;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `gvc ingest` and `gvc topics` as a user runs them, against a real embedded broker. */
class IngestCliTest {

    static EmbeddedKafka kafka;
    static String bootstrap;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() throws Exception {
        kafka = EmbeddedKafka.start(Path.of("target"));
        bootstrap = kafka.bootstrapServers();
        kafka.installTopics(GvcTopics.defaults());
    }

    @AfterAll
    static void stop() {
        if (kafka != null) {
            kafka.close();
        }
    }

    /** Exit code, stdout, stderr of one CLI run. */
    record Run(int code, String out, String err) {
    }

    static synchronized Run gvc(String... args) {
        PrintStream oldOut = System.out, oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            int code = GvcCli.run(args);
            return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    @Test
    void topicsCreateReportsCreatedThenExistingAndDescribeShowsThem() throws Exception {
        // a client file as for a secured cluster, here only renaming the topics; --bootstrap adds the address
        Path cfg = dir.resolve("client.properties");
        Files.writeString(cfg, "security.protocol=PLAINTEXT\ngvc.topics.prefix=cli.\n");
        Run first = gvc("topics", "create", "--kafka-config", cfg.toString(), "--bootstrap", bootstrap,
                "--partitions", "2");
        assertEquals(0, first.code(), first.err());
        assertTrue(first.out().contains("created cli.raw-gops: 2 partitions, replication factor 1"), first.out());
        assertTrue(first.out().contains("created cli.dead-letters: 1 partitions"), first.out());
        assertTrue(first.out().contains("max.message.bytes=67174400"), first.out());
        assertTrue(first.out().contains("topics: 4 created, 0 existed"), first.out());
        try (Admin admin = Admin.create(ClientProperties.local(bootstrap).admin())) {
            Set<String> names = admin.listTopics().names().get();
            assertTrue(names.containsAll(List.of("cli.raw-gops", "cli.bitstream", "cli.decoded", "cli.dead-letters")),
                    names.toString());
        }

        Run again = gvc("topics", "create", "--kafka-config", cfg.toString(), "--bootstrap", bootstrap);
        assertEquals(0, again.code(), again.err());
        assertTrue(again.out().contains("existed cli.raw-gops: 2 partitions"), again.out());
        assertTrue(again.out().contains("differs from GVC's spec: partitions want 4, have 2"), again.out());
        assertTrue(again.out().contains("topics: 0 created, 4 existed"), again.out());

        Run describe = gvc("topics", "describe", "--bootstrap", bootstrap);
        assertEquals(0, describe.code(), describe.err());
        assertTrue(describe.out().contains("gvc.raw-gops: 4 partitions, replication factor 1"), describe.out());
        assertTrue(describe.out().contains("retention.ms=600000"), describe.out());
    }

    @Test
    void ingestPublishesTwoSyntheticStreams() throws Exception {
        Run r = gvc("ingest", "--synthetic", "--stream", "cam1", "--stream", "cam2", "--bootstrap", bootstrap,
                "--frames", "9", "--gop-frames", "5", "--size", "64x48", "--topic", "gvc.raw-gops");
        assertEquals(0, r.code(), r.err());
        // 9 frames, F = 5 sharing boundaries: GOPs [0..4] and [4..8] per stream
        assertTrue(r.err().contains("ingest cam2: GOP 2/2, frames 4..8"), r.err());
        assertTrue(r.out().contains("ingest: 2 streams, 4 GOPs"), r.out());
        List<RawGop> gops = read("gvc.raw-gops", 4);
        assertEquals(Set.of("cam1", "cam2"), Set.copyOf(gops.stream().map(RawGop::streamId).toList()));
        for (RawGop g : gops) {
            long seed = g.streamId().equals("cam1") ? 1 : 2;   // --seed 1, stream i gets 1 + i
            assertTrue(SyntheticScene.frame(64, 48, (int) g.firstFrameIndex(), seed).samePixels(g.frames().get(0)));
        }
    }

    @Test
    void ingestPublishesAFileInRealTimeCreatingRenamedTopics() throws Exception {
        Path clip = dir.resolve("clip.y4m");
        Y4mWriter.write(clip, SyntheticScene.render(64, 48, 25, 1, 6, 9));
        Path cfg = dir.resolve("file.properties");
        Files.writeString(cfg, "bootstrap.servers=" + bootstrap + "\ngvc.topics.prefix=file.\n");
        Run r = gvc("ingest", "-i", clip.toString(), "--stream", "studio", "--kafka-config", cfg.toString(),
                "--create-topics", "--gop-frames", "4", "--realtime");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("ingest: 1 stream, 2 GOPs"), r.out());
        List<RawGop> gops = read("file.raw-gops", 2);
        assertEquals(List.of(0L, 3L), gops.stream().map(RawGop::firstFrameIndex).toList());
        assertEquals(40_000L * 3, gops.get(1).captureTimeMicros() - gops.get(0).captureTimeMicros());
    }

    @Test
    void badInputAndUsageGiveTheirExitCodesAndOneLine() {
        Run missing = gvc("ingest", "-i", dir.resolve("nope.y4m").toString(), "--bootstrap", bootstrap);
        assertEquals(ExitCodes.BAD_INPUT, missing.code());
        assertEquals(1, missing.err().strip().lines().count(), missing.err());
        assertTrue(missing.err().startsWith("gvc ingest: ") && missing.err().contains("nope.y4m: file not found"),
                missing.err());

        Run noSource = gvc("ingest", "--bootstrap", bootstrap);
        assertEquals(ExitCodes.USAGE, noSource.code());
        assertTrue(noSource.err().contains("--input") && noSource.err().contains("--synthetic"), noSource.err());

        assertEquals(ExitCodes.USAGE, gvc("ingest", "--synthetic").code());              // where is Kafka?
        assertEquals(ExitCodes.USAGE, gvc("ingest", "--synthetic", "-i", "x.y4m", "--bootstrap", bootstrap).code());
        assertEquals(ExitCodes.USAGE, gvc("ingest", "--synthetic", "--bootstrap", bootstrap, "--size", "175x144").code());
        assertEquals(ExitCodes.USAGE, gvc("ingest", "--synthetic", "--bootstrap", bootstrap, "--stream", "a",
                "--stream", "a").code());

        Run noTopic = gvc("ingest", "--synthetic", "--bootstrap", bootstrap, "--topic", "nope", "--frames", "3");
        assertEquals(ExitCodes.BAD_INPUT, noTopic.code());
        assertTrue(noTopic.err().contains("topic nope does not exist"), noTopic.err());

        Run noConfig = gvc("topics", "create", "--kafka-config", dir.resolve("missing.properties").toString());
        assertEquals(ExitCodes.BAD_INPUT, noConfig.code());
        assertTrue(noConfig.err().contains("missing.properties: file not found"), noConfig.err());
    }

    @Test
    void helpExplainsTheBoundaryOverlapAndPacing() {
        Run help = gvc("ingest", "--help");
        assertEquals(0, help.code());
        assertTrue(help.out().contains("GOP 1 = 32..64"), help.out());
        assertTrue(help.out().contains("--realtime"), help.out());
        assertTrue(gvc("--help").out().contains("ingest"));
    }

    @Test
    void serveExplainsItselfAndRefusesWhatItCannotServe() throws Exception {
        Run help = gvc("serve", "--help");
        assertEquals(0, help.code());
        assertTrue(help.out().contains("/streams/<id>/index.m3u8"), help.out());
        assertTrue(help.out().contains("--from-beginning") && help.out().contains("--window"), help.out());
        assertTrue(gvc("--help").out().contains("serve"));

        assertEquals(ExitCodes.USAGE, gvc("serve", "--port", "0").code(), "no Kafka given");
        assertEquals(ExitCodes.USAGE, gvc("serve", "--bootstrap", bootstrap, "--window", "-1").code());
        Path cfg = dir.resolve("elsewhere.properties");
        Files.writeString(cfg, "gvc.topics.prefix=absent.\n");
        Run noTopics = gvc("serve", "--bootstrap", bootstrap, "--kafka-config", cfg.toString(), "--port", "0");
        assertEquals(ExitCodes.BAD_INPUT, noTopics.code());
        assertTrue(noTopics.err().contains("topic absent.decoded does not exist"), noTopics.err());
    }

    private static List<RawGop> read(String topic, int n) throws Exception {
        List<RawGop> out = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(ClientProperties.local(bootstrap).consumer(null))) {
            List<TopicPartition> parts = c.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            c.assign(parts);
            c.seekToBeginning(parts);
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (out.size() < n && System.nanoTime() < deadline) {
                for (var rec : c.poll(Duration.ofMillis(200))) {
                    out.add(RawGopFormat.read(rec.value()));
                }
            }
        }
        assertEquals(n, out.size(), "records on " + topic);
        return out;
    }
}
