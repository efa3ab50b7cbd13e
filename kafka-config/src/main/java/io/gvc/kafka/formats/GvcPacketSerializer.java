package io.gvc.kafka.formats;

import org.apache.kafka.common.serialization.Serializer;

/** Pass-through serializer for GvcPacket bytes: the codec already wrote the packet. */
public class GvcPacketSerializer implements Serializer<byte[]> {

    @Override
    public byte[] serialize(String topic, byte[] packet) {
        return packet;
    }
}
