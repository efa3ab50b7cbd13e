package io.gvc.operators.types;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * A Kafka record as it arrived, not yet parsed. Sources emit these so that a record that does not
 * parse becomes a dead letter downstream instead of failing the source (and the job with it).
 *
 * @param key     record key (may be null)
 * @param value   record value (may be null)
 * @param headers record headers in order
 */
public record SourceRecord(String topic, int partition, long offset, long timestamp, byte[] key, byte[] value,
                           List<Header> headers) {

    /** One record header. */
    public record Header(String key, byte[] value) {
    }

    public SourceRecord {
        headers = List.copyOf(headers);
    }

    /**
     * A record rebuilt from a value refused after parsing, keyed by its stream; its Kafka coordinates
     * were not kept, so partition and offset read -1.
     */
    public static SourceRecord refusedAfterParsing(String topic, String streamId, byte[] value, Headers headers) {
        List<Header> hs = new java.util.ArrayList<>();
        headers.forEach(h -> hs.add(new Header(h.key(), h.value())));
        return new SourceRecord(topic, -1, -1, 0, streamId.getBytes(StandardCharsets.UTF_8), value, hs);
    }

    /** The headers as Kafka's own type, for GvcHeaders' readers and for producing. */
    public Headers kafkaHeaders() {
        RecordHeaders h = new RecordHeaders();
        headers.forEach(x -> h.add(x.key(), x.value()));
        return h;
    }

    /** Bytes of key and value, for size checks and metrics. */
    public long size() {
        return (key == null ? 0 : key.length) + (value == null ? 0 : (long) value.length);
    }

    /** Where it came from, for messages: {@code gvc.raw-gops[2]@17}. */
    public String coordinates() {
        return topic + "[" + partition + "]@" + offset;
    }
}
