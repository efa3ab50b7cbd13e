package io.gvc.kafka.formats;

import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Serializer;

/** Kafka value serializer for {@link DecodedGop} ({@link DecodedGopFormat}); also sets the GVC headers. */
public class DecodedGopSerializer implements Serializer<DecodedGop> {

    @Override
    public byte[] serialize(String topic, DecodedGop data) {
        return data == null ? null : DecodedGopFormat.write(data);
    }

    @Override
    public byte[] serialize(String topic, Headers headers, DecodedGop data) {
        if (data == null) {
            return null;
        }
        if (headers != null) {
            GvcHeaders.forDecodedGop(headers, data);
        }
        return DecodedGopFormat.write(data);
    }
}
