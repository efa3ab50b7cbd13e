package io.gvc.cli.consume;

import io.gvc.kafka.formats.DecodedGop;
import io.gvc.kafka.formats.DecodedGopFormat;
import io.gvc.kafka.formats.GvcHeaders;
import io.gvc.kafka.formats.RecordFormatException;
import io.gvc.kafka.props.ClientProperties;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/**
 * One stream's decoded GOPs from gvc.decoded, as a player sees them: read_committed (only what the
 * decode job's exactly-once sink has committed), in the order the reorderer wrote them (a stream's
 * records share a key, so they share a partition). No consumer group: each reader sees the whole
 * stream from where it starts and commits nothing.
 */
public final class DecodedStreamReader implements AutoCloseable {

    /** A decoded GOP, what stood in for a lost packet (the gvc.concealed header) if anything, and where it was read. */
    public record Received(DecodedGop gop, Optional<String> concealed, String position) {
    }

    /** A record of the stream that is not a DecodedGop: the reader skips it and says so. */
    public record Unreadable(String position, String reason) {
    }

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final String topic;
    private final byte[] key;
    private final List<Unreadable> unreadable = new ArrayList<>();

    /** @param fromBeginning every GOP the topic still holds, else only GOPs committed from now on */
    public DecodedStreamReader(ClientProperties props, String topic, String streamId, boolean fromBeginning) {
        this.topic = topic;
        this.key = streamId.getBytes(StandardCharsets.UTF_8);
        this.consumer = new KafkaConsumer<>(props.consumer(null));
        try {
            List<TopicPartition> parts = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(parts);
            if (fromBeginning) {
                consumer.seekToBeginning(parts);
            } else {
                consumer.seekToEnd(parts);
                parts.forEach(consumer::position); // fix "now" before the first poll
            }
        } catch (RuntimeException e) {
            consumer.close();
            throw e;
        }
    }

    /** The stream's GOPs committed since the last call, waiting up to {@code wait} for the first. */
    public List<Received> poll(Duration wait) {
        List<Received> out = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(wait)) {
            if (r.key() == null || !Arrays.equals(r.key(), key)) {
                continue; // another stream's: not parsed
            }
            String position = topic + "-" + r.partition() + "@" + r.offset();
            try {
                out.add(new Received(DecodedGopFormat.read(r.value()), GvcHeaders.get(r.headers(), GvcHeaders.CONCEALED),
                        position));
            } catch (RecordFormatException e) {
                unreadable.add(new Unreadable(position, e.getMessage()));
            }
        }
        return out;
    }

    /** Records of the stream that could not be read, since the last call. */
    public List<Unreadable> takeUnreadable() {
        List<Unreadable> u = List.copyOf(unreadable);
        unreadable.clear();
        return u;
    }

    /** Makes a poll in progress (or the next one) end with a WakeupException; callable from any thread. */
    public void wakeup() {
        consumer.wakeup();
    }

    @Override
    public void close() {
        consumer.close();
    }
}
