package io.gvc.kafka.formats;

import org.apache.kafka.common.serialization.Deserializer;

/**
 * Pass-through deserializer for GvcPacket bytes; the codec's packet reader checks them (magic,
 * version, limits, CRC32C).
 */
public class GvcPacketDeserializer implements Deserializer<byte[]> {

    @Override
    public byte[] deserialize(String topic, byte[] data) {
        return data;
    }
}
