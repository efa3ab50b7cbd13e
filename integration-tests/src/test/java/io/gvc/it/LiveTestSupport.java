package io.gvc.it;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.gvc.codec.GopPartition;
import io.gvc.codec.frame.Frame;
import io.gvc.codec.frame.Gop;
import io.gvc.codec.frame.Video;
import io.gvc.codec.frame.VideoFormat;
import io.gvc.kafka.formats.GvcHeaders;
import io.gvc.kafka.formats.RawGop;
import io.gvc.kafka.formats.RawGopFormat;
import io.gvc.kafka.props.ClientProperties;
import io.gvc.media.ReadOptions;
import io.gvc.media.VideoReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;

/** Clips, producers and read_committed readers for the end-to-end tests. */
final class LiveTestSupport {

    private LiveTestSupport() {
    }

    /** {@code frames} frames of carphone (QCIF), cropped to w x h at (x, y): small enough to code fast. */
    static Video carphoneCrop(int frames, int x, int y, int w, int h) throws Exception {
        Path clip = Path.of(System.getProperty("gvc.shared", "../../shared"), "data/video/carphone_pristine.mp4");
        assumeTrue(Files.exists(clip), "shared clip " + clip + " is absent: skipping the live pipeline tests");
        Video v = VideoReader.read(clip, ReadOptions.firstFrames(frames));
        List<Frame> out = new ArrayList<>();
        for (Frame f : v.frames()) {
            out.add(crop(f, x, y, w, h));
        }
        return new Video(new VideoFormat(w, h, v.format().fpsNum(), v.format().fpsDen()), out);
    }

    static Frame crop(Frame f, int x, int y, int w, int h) {
        byte[] py = new byte[w * h];
        int cw = Frame.chromaWidth(w), ch = Frame.chromaHeight(h);
        byte[] pu = new byte[cw * ch];
        byte[] pv = new byte[cw * ch];
        for (int r = 0; r < h; r++) {
            System.arraycopy(f.y(), (y + r) * f.width() + x, py, r * w, w);
        }
        for (int r = 0; r < ch; r++) {
            System.arraycopy(f.u(), (y / 2 + r) * f.chromaWidth() + x / 2, pu, r * cw, cw);
            System.arraycopy(f.v(), (y / 2 + r) * f.chromaWidth() + x / 2, pv, r * cw, cw);
        }
        return new Frame(w, h, py, pu, pv);
    }

    /** The raw GOPs of {@code video} as ingest cuts them. */
    static List<RawGop> rawGops(String stream, Video video, GopPartition part) {
        List<RawGop> gops = new ArrayList<>();
        for (long k = 0; k < part.gopCount(); k++) {
            int first = (int) part.firstFrame(k);
            Gop g = new Gop(k, first, video.frames().subList(first, first + part.frames(k)));
            gops.add(RawGop.of(stream, video.format(), g, 1_000_000L * (k + 1)));
        }
        return gops;
    }

    static ProducerRecord<byte[], byte[]> record(String topic, RawGop g) {
        RecordHeaders h = new RecordHeaders();
        GvcHeaders.forRawGop(h, g);
        return new ProducerRecord<>(topic, null, g.streamId().getBytes(StandardCharsets.UTF_8), RawGopFormat.write(g), h);
    }

    static ProducerRecord<byte[], byte[]> junk(String topic, String key, byte[] value) {
        return new ProducerRecord<>(topic, key.getBytes(StandardCharsets.UTF_8), value);
    }

    static void produce(ClientProperties props, List<ProducerRecord<byte[], byte[]>> records) throws Exception {
        try (KafkaProducer<byte[], byte[]> p = new KafkaProducer<>(props.producer())) {
            for (ProducerRecord<byte[], byte[]> r : records) {
                p.send(r).get();
            }
        }
    }

    /**
     * Reads {@code topic} with read_committed until {@code done} holds for what was read, or fails
     * after {@code timeout} (a liveness bound for a stuck pipeline, not a speed assertion).
     */
    static List<ConsumerRecord<byte[], byte[]>> readUntil(ClientProperties props, String topic,
            Predicate<List<ConsumerRecord<byte[], byte[]>>> done, Duration timeout) {
        List<ConsumerRecord<byte[], byte[]>> got = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(props.consumer(null))) {
            var parts = c.partitionsFor(topic).stream()
                    .map(p -> new org.apache.kafka.common.TopicPartition(topic, p.partition())).toList();
            c.assign(parts);
            c.seekToBeginning(parts);
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!done.test(got)) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("after " + timeout.toSeconds() + " s, " + topic + " holds only "
                            + got.size() + " committed records");
                }
                c.poll(Duration.ofMillis(200)).forEach(got::add);
            }
            // anything committed behind the last wanted record shows up too (e.g. duplicates)
            c.poll(Duration.ofMillis(500)).forEach(got::add);
        }
        return got;
    }
}
