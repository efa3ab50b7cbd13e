package io.gvc.cli.serve;

import io.gvc.codec.bitstream.BitstreamException;
import io.gvc.codec.bitstream.GvcPacket;
import io.gvc.codec.bitstream.PacketCodec;
import io.gvc.kafka.formats.DecodedGop;
import io.gvc.kafka.formats.DecodedGopFormat;
import io.gvc.kafka.formats.GvcHeaders;
import io.gvc.kafka.formats.RawGop;
import io.gvc.kafka.formats.RawGopFormat;
import io.gvc.kafka.formats.RecordFormatException;
import io.gvc.kafka.props.ClientProperties;
import io.gvc.kafka.topics.GvcTopics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.WakeupException;

/**
 * Follows gvc.decoded, gvc.bitstream, gvc.dead-letters and gvc.raw-gops with read_committed (only what the
 * exactly-once sinks committed, so a job's restart never shows a GOP twice or one that was rolled
 * back) on its own thread, and hands every record to a {@link Listener}. Partitions are assigned,
 * not joined as a group: every preview sees every stream. Broker restarts are the Kafka client's
 * business (it reconnects and goes on from its position); a failed poll is reported and retried.
 */
final class TopicFollower implements AutoCloseable {

    /** Packets read back before the committed end when not starting from the beginning: the frame rate of a stream is in its packets. */
    static final int PACKET_LOOKBACK = 256;
    /**
     * Raw GOPs read back per partition before the committed end when not starting from the
     * beginning: a GOP comes out decoded (and plays) well after its source went in, so the first
     * GOPs the page plays still find their source.
     */
    static final int RAW_LOOKBACK = 16;

    interface Listener {
        void packet(PacketInfo packet);

        void decoded(DecodedGop gop, long receivedMicros);

        void deadLetter(String stream);

        /** A GOP of source pictures, for the page's source view. */
        void raw(RawGop gop);

        void problem(String what);
    }

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final GvcTopics topics;
    private final Listener listener;
    private final Thread thread;
    private volatile boolean running = true;

    TopicFollower(ClientProperties props, GvcTopics topics, boolean fromBeginning, Listener listener) {
        this.topics = topics;
        this.listener = listener;
        this.consumer = new KafkaConsumer<>(props.consumer(null));
        try {
            List<TopicPartition> all = new ArrayList<>();
            List<TopicPartition> packets = new ArrayList<>();
            List<TopicPartition> raw = new ArrayList<>();
            for (String t : List.of(topics.decoded().name(), topics.bitstream().name(), topics.deadLetters().name(),
                    topics.rawGops().name())) {
                List<PartitionInfo> parts = consumer.partitionsFor(t, Duration.ofSeconds(60));
                if (parts == null || parts.isEmpty()) {
                    throw new IllegalStateException("topic " + t + " does not exist on "
                            + props.bootstrapServers() + " (create the GVC topics with gvc topics create)");
                }
                for (PartitionInfo p : parts) {
                    TopicPartition tp = new TopicPartition(t, p.partition());
                    all.add(tp);
                    if (t.equals(topics.bitstream().name())) {
                        packets.add(tp);
                    } else if (t.equals(topics.rawGops().name())) {
                        raw.add(tp);
                    }
                }
            }
            consumer.assign(all);
            if (fromBeginning) {
                consumer.seekToBeginning(all);
            } else {
                // the committed end: with read_committed that is the last stable offset
                Map<TopicPartition, Long> ends = consumer.endOffsets(all);
                List<TopicPartition> lookingBack = new ArrayList<>(packets);
                lookingBack.addAll(raw);
                Map<TopicPartition, Long> starts = consumer.beginningOffsets(lookingBack);
                ends.forEach((tp, end) -> consumer.seek(tp, packets.contains(tp)
                        ? Math.max(starts.get(tp), end - PACKET_LOOKBACK)
                        : raw.contains(tp) ? Math.max(starts.get(tp), end - RAW_LOOKBACK) : end));
            }
        } catch (RuntimeException e) {
            consumer.close();
            throw e;
        }
        thread = new Thread(this::run, "gvc-serve-reader");
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        while (running) {
            try {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    accept(r, System.currentTimeMillis() * 1000);
                }
            } catch (WakeupException | InterruptException e) {
                break;
            } catch (KafkaException e) {
                listener.problem("reading the topics: " + e.getMessage() + " (retrying)");
                sleepQuietly(1000);
            } catch (RuntimeException e) {
                listener.problem("handling a record: " + e);
                sleepQuietly(1000);
            }
        }
        consumer.close(Duration.ofSeconds(5));
    }

    private void accept(ConsumerRecord<byte[], byte[]> r, long nowMicros) {
        String where = r.topic() + "@" + r.partition() + ":" + r.offset();
        if (r.topic().equals(topics.deadLetters().name())) {
            listener.deadLetter(GvcHeaders.stream(r.headers()).orElse(
                    r.key() == null ? "" : new String(r.key(), StandardCharsets.UTF_8)));
        } else if (r.topic().equals(topics.bitstream().name())) {
            try {
                GvcPacket p = PacketCodec.read(r.value());
                String stream = r.key() == null ? "" : new String(r.key(), StandardCharsets.UTF_8);
                listener.packet(new PacketInfo(stream, p.gopSeq(), p.firstFrame(), p.config().format(), r.value().length, p.psnr().psnrY()));
            } catch (BitstreamException | RuntimeException e) {
                listener.problem(where + ": not a GVC packet: " + e.getMessage());
            }
        } else if (r.topic().equals(topics.rawGops().name())) {
            try {
                listener.raw(RawGopFormat.read(r.value()));
            } catch (RecordFormatException | RuntimeException e) {
                listener.problem(where + ": not a raw GOP: " + e.getMessage());
            }
        } else {
            try {
                listener.decoded(DecodedGopFormat.read(r.value()), nowMicros);
            } catch (RecordFormatException e) {
                listener.problem(where + ": " + e.getMessage());
            }
        }
    }

    private static void sleepQuietly(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        consumer.wakeup();
        thread.join(10_000);
    }
}
