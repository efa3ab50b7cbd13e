package io.gvc.kafka.formats;

import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Serializer;

/** Kafka value serializer for {@link RawGop} ({@link RawGopFormat}); also sets the GVC headers. */
public class RawGopSerializer implements Serializer<RawGop> {

    @Override
    public byte[] serialize(String topic, RawGop data) {
        return data == null ? null : RawGopFormat.write(data);
    }

    @Override
    public byte[] serialize(String topic, Headers headers, RawGop data) {
        if (data == null) {
            return null;
        }
        if (headers != null) {
            GvcHeaders.forRawGop(headers, data);
        }
        return RawGopFormat.write(data);
    }
}
