package io.gvc.kafka.formats;

import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Kafka value deserializer for {@link DecodedGop} ({@link DecodedGopFormat}). A bad value becomes a
 * {@link SerializationException} whose cause is the {@link RecordFormatException} (the consumer
 * reports it as a RecordDeserializationException with partition and offset). Streaming jobs that
 * must route bad records to dead letters should read byte[] and call {@link DecodedGopFormat#read}.
 */
public class DecodedGopDeserializer implements Deserializer<DecodedGop> {

    @Override
    public DecodedGop deserialize(String topic, byte[] data) {
        if (data == null) {
            return null;
        }
        try {
            return DecodedGopFormat.read(data);
        } catch (RecordFormatException e) {
            throw new SerializationException("bad DecodedGop record on " + topic + ": " + e.getMessage(), e);
        }
    }
}
