package io.gvc.operators.kafka;

import io.gvc.codec.bitstream.PacketCodec;
import io.gvc.kafka.formats.GvcHeaders;
import io.gvc.operators.types.PacketEnvelope;
import java.nio.charset.StandardCharsets;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;

/** A packet to a {@code gvc.bitstream} record: key = stream id, value = the packet bytes, GVC headers. */
public final class PacketRecordSerializer implements KafkaRecordSerializationSchema<PacketEnvelope> {

    private static final long serialVersionUID = 1L;
    private final String topic;

    public PacketRecordSerializer(String topic) {
        this.topic = topic;
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(PacketEnvelope p, KafkaSinkContext context, Long timestamp) {
        RecordHeaders headers = new RecordHeaders();
        GvcHeaders.forPacket(headers, PacketCodec.VERSION, p.streamId(), p.gopSeq(), p.captureTimeMicros());
        return new ProducerRecord<>(topic, null, timestamp, p.streamId().getBytes(StandardCharsets.UTF_8),
                p.packet(), headers);
    }
}
