package io.gvc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gvc.codec.frame.Frame;
import io.gvc.codec.frame.Video;
import io.gvc.codec.frame.VideoFormat;
import io.gvc.codec.frame.Y4mReader;
import io.gvc.kafka.broker.EmbeddedKafka;
import io.gvc.kafka.formats.DecodedGop;
import io.gvc.kafka.formats.DecodedGopFormat;
import io.gvc.kafka.formats.GvcHeaders;
import io.gvc.kafka.props.ClientProperties;
import io.gvc.kafka.topics.GvcTopics;
import io.gvc.media.ReadOptions;
import io.gvc.media.VideoReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `gvc consume` against a real embedded broker: gvc.decoded written the way the decode job's
 * exactly-once sink writes it (transactions; one of them aborted), read back into y4m files,
 * standard output and mp4.
 */
class ConsumeCliTest {

    static final int W = 16, H = 8, FRAMES_PER_GOP = 3;

    static EmbeddedKafka kafka;
    static String bootstrap;
    static String decoded;
    static ClientProperties props;

    @TempDir
    Path dir;

    /** A frame whose samples all hold {@code value}: frames tell their GOP and index apart. */
    static Frame frame(int value) {
        byte[] y = new byte[W * H], u = new byte[Frame.chromaWidth(W) * Frame.chromaHeight(H)], v = new byte[u.length];
        Arrays.fill(y, (byte) value);
        Arrays.fill(u, (byte) (value + 1));
        Arrays.fill(v, (byte) (value + 2));
        return new Frame(W, H, y, u, v);
    }

    static DecodedGop gop(String stream, long seq) {
        List<Frame> frames = new ArrayList<>();
        for (int i = 0; i < FRAMES_PER_GOP; i++) {
            frames.add(frame((int) (seq * 10 + i) % 250));
        }
        return new DecodedGop(stream, seq, seq * FRAMES_PER_GOP, 1_000_000L + seq, 2_000_000L + seq, W, H, frames);
    }

    static ProducerRecord<byte[], byte[]> record(DecodedGop g, String concealed) {
        RecordHeaders h = new RecordHeaders();
        GvcHeaders.forDecodedGop(h, g);
        if (concealed != null) {
            GvcHeaders.set(h, GvcHeaders.CONCEALED, concealed);
        }
        return new ProducerRecord<>(decoded, null, g.streamId().getBytes(StandardCharsets.UTF_8),
                DecodedGopFormat.write(g), h);
    }

    /** One transaction holding {@code records}, committed or aborted. */
    static void transaction(boolean commit, List<ProducerRecord<byte[], byte[]>> records) throws Exception {
        try (KafkaProducer<byte[], byte[]> p = new KafkaProducer<>(props.transactionalProducer("consume-test-"
                + System.nanoTime()))) {
            p.initTransactions();
            p.beginTransaction();
            for (var r : records) {
                p.send(r).get();
            }
            if (commit) {
                p.commitTransaction();
            } else {
                p.abortTransaction();
            }
        }
    }

    @BeforeAll
    static void start() throws Exception {
        kafka = EmbeddedKafka.start(Path.of("target"));
        bootstrap = kafka.bootstrapServers();
        props = kafka.clientProperties();
        kafka.installTopics(GvcTopics.defaults());
        decoded = GvcTopics.defaults().decoded().name();
        transaction(true, List.of(record(gop("cam1", 0), null), record(gop("cam2", 0), null), record(gop("cam1", 1), null)));
        transaction(false, List.of(record(gop("cam1", 2), null)));   // aborted: never read
        transaction(true, List.of(
                new ProducerRecord<>(decoded, "cam1".getBytes(StandardCharsets.UTF_8), "not a DecodedGop".getBytes(StandardCharsets.UTF_8)),
                record(gop("cam1", 3), "GOP 2 lost: first frame from GOP 1")));
    }

    @AfterAll
    static void stop() {
        if (kafka != null) {
            kafka.close();
        }
    }

    /** Exit code, standard output as bytes (y4m with -o -), standard error of one CLI run. */
    record Run(int code, byte[] stdout, String err) {
        String out() {
            return new String(stdout, StandardCharsets.UTF_8);
        }
    }

    static synchronized Run gvc(String... args) {
        PrintStream oldOut = System.out, oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            int code = GvcCli.run(args);
            return new Run(code, out.toByteArray(), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    /** The frames of cam1's committed GOPs 0, 1 and 3, in order. */
    static List<Frame> committedCam1() {
        List<Frame> f = new ArrayList<>(gop("cam1", 0).frames());
        f.addAll(gop("cam1", 1).frames());
        f.addAll(gop("cam1", 3).frames());
        return f;
    }

    static void assertSameFrames(List<Frame> expected, List<Frame> got) {
        assertEquals(expected.size(), got.size(), "frame count");
        for (int i = 0; i < expected.size(); i++) {
            assertTrue(expected.get(i).samePixels(got.get(i)), "frame " + i);
        }
    }

    static List<Frame> y4mFrames(Y4mReader r, VideoFormat expected) throws Exception {
        assertEquals(expected, r.format());
        List<Frame> out = new ArrayList<>();
        for (Frame f; (f = r.next()) != null; ) {
            out.add(f);
        }
        return out;
    }

    @Test
    void writesTheCommittedGopsOfOneStreamToY4mInOrder() throws Exception {
        Path out = dir.resolve("cam1.y4m");
        Run r = gvc("consume", "--stream", "cam1", "--bootstrap", bootstrap,
                "--from-beginning", "--gops", "3", "--fps", "30000/1001", "-o", out.toString());
        assertEquals(0, r.code(), r.err());
        try (Y4mReader y = Y4mReader.open(out)) {
            assertSameFrames(committedCam1(), y4mFrames(y, new VideoFormat(W, H, 30000, 1001)));
        }
        assertTrue(r.err().contains("consume cam1: GOPs 2..2 are not in the topic"), r.err());
        assertTrue(r.err().contains("consume cam1: GOP 3, frames 9..11, concealed: GOP 2 lost: first frame from GOP 1"),
                r.err());
        assertTrue(r.err().matches("(?s).*consume: skipped " + decoded + "-\\d+@\\d+: .*"), r.err());
        assertTrue(r.err().contains("consume: stream cam1, 3 GOPs, 9 frames of 16x8 to " + out + " (3 GOPs read)"), r.err());
    }

    @Test
    void writesY4mToStandardOutputAndStopsWhenIdle() throws Exception {
        Run r = gvc("consume", "--stream", "cam1", "--bootstrap", bootstrap,
                "--from-beginning", "--idle-seconds", "2", "-o", "-");
        assertEquals(0, r.code(), r.err());
        try (Y4mReader y = new Y4mReader(new ByteArrayInputStream(r.stdout()), "stdout")) {
            assertSameFrames(committedCam1(), y4mFrames(y, new VideoFormat(W, H, 25, 1)));
        }
        assertTrue(r.err().contains("(no new GOP for 2 s)"), r.err());
    }

    @Test
    void writesMp4() throws Exception {
        Path out = dir.resolve("cam2.mp4");
        Run r = gvc("consume", "--stream", "cam2", "--bootstrap", bootstrap,
                "--from-beginning", "--gops", "1", "-o", out.toString());
        assertEquals(0, r.code(), r.err());
        Video v = VideoReader.read(out, ReadOptions.all());
        assertEquals(FRAMES_PER_GOP, v.frameCount());
        assertEquals(W, v.format().width());
        assertEquals(H, v.format().height());
    }

    @Test
    void withoutFromBeginningOnlyGopsCommittedAfterTheStartAreRead() throws Exception {
        transaction(true, List.of(record(gop("cam9", 0), null)));   // before the start: not read
        Path out = dir.resolve("cam9.y4m");
        CompletableFuture<Run> run = CompletableFuture.supplyAsync(() -> gvc("consume",
                "--stream", "cam9", "--bootstrap", bootstrap, "--gops", "1", "-o", out.toString()));
        // the reader's start is not observable from here: publish new GOPs until it has read one
        long seq = 1;
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (!run.isDone() && System.nanoTime() < deadline) {
            transaction(true, List.of(record(gop("cam9", seq++), null)));
            Thread.sleep(300);
        }
        Run r = run.get(30, TimeUnit.SECONDS);
        assertEquals(0, r.code(), r.err());
        try (Y4mReader y = Y4mReader.open(out)) {
            List<Frame> got = y4mFrames(y, new VideoFormat(W, H, 25, 1));
            assertEquals(FRAMES_PER_GOP, got.size());
            assertTrue(!got.get(0).samePixels(gop("cam9", 0).frames().get(0)), "GOP 0 was committed before the start");
        }
    }

    @Test
    void helpAndBadInput() throws Exception {
        Run help = gvc("consume", "--help");
        assertEquals(0, help.code());
        assertTrue(help.out().contains("read_committed") && help.out().contains("ffplay -"), help.out());

        Run avi = gvc("consume", "--stream", "cam1", "--bootstrap", bootstrap, "-o",
                dir.resolve("x.avi").toString());
        assertEquals(3, avi.code(), avi.err());
        assertTrue(avi.err().contains("cannot write '.avi' (expected .y4m, .mp4 or - for y4m on standard output)"),
                avi.err());

        Run topic = gvc("consume", "--stream", "cam1", "--bootstrap", bootstrap,
                "--topic", "no-such-topic", "-o", "-");
        assertEquals(3, topic.code(), topic.err());
        assertTrue(topic.err().contains("topic no-such-topic does not exist at " + bootstrap), topic.err());

        Run noStream = gvc("consume", "--bootstrap", bootstrap, "-o", "-");
        assertEquals(2, noStream.code(), noStream.err());
        assertTrue(noStream.err().contains("Missing required option: '--stream=ID'"), noStream.err());
        assertTrue(Files.notExists(dir.resolve("x.avi")));
    }
}
