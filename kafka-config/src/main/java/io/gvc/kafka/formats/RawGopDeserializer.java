package io.gvc.kafka.formats;

import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Kafka value deserializer for {@link RawGop} ({@link RawGopFormat}). A bad value becomes a
 * {@link SerializationException} whose cause is the {@link RecordFormatException} (the consumer
 * reports it as a RecordDeserializationException with partition and offset). Streaming jobs that
 * must route bad records to dead letters should read byte[] and call {@link RawGopFormat#read}.
 */
public class RawGopDeserializer implements Deserializer<RawGop> {

    @Override
    public RawGop deserialize(String topic, byte[] data) {
        if (data == null) {
            return null;
        }
        try {
            return RawGopFormat.read(data);
        } catch (RecordFormatException e) {
            throw new SerializationException("bad RawGop record on " + topic + ": " + e.getMessage(), e);
        }
    }
}
