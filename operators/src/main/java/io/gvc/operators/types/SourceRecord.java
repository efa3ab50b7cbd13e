package io.gvc.operators.types;

import java.util.List;

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

    /** Bytes of key and value, for size checks and metrics. */
    public long size() {
        return (key == null ? 0 : key.length) + (value == null ? 0 : (long) value.length);
    }

    /** Where it came from, for messages: {@code gvc.raw-gops[2]@17}. */
    public String coordinates() {
        return topic + "[" + partition + "]@" + offset;
    }
}
