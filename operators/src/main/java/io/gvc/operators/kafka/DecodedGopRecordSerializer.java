package io.gvc.operators.kafka;

import io.gvc.kafka.formats.DecodedGop;
import io.gvc.kafka.formats.DecodedGopFormat;
import io.gvc.kafka.formats.GvcHeaders;
import io.gvc.operators.types.DecodedEnvelope;
import java.nio.charset.StandardCharsets;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * A released GOP to a {@code gvc.decoded} record (DecodedGopFormat), keyed by stream id. A
 * concealed GOP carries {@link GvcHeaders#CONCEALED} saying what stood in for its first frame.
 */
public final class DecodedGopRecordSerializer implements KafkaRecordSerializationSchema<DecodedEnvelope> {

    private static final long serialVersionUID = 1L;
    private final String topic;

    public DecodedGopRecordSerializer(String topic) {
        this.topic = topic;
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(DecodedEnvelope d, KafkaSinkContext context, Long timestamp) {
        DecodedGop gop = toDecodedGop(d);
        RecordHeaders headers = new RecordHeaders();
        GvcHeaders.forDecodedGop(headers, gop);
        if (!d.concealment().isEmpty()) {
            GvcHeaders.set(headers, GvcHeaders.CONCEALED, d.concealment());
        }
        return new ProducerRecord<>(topic, null, timestamp, d.streamId().getBytes(StandardCharsets.UTF_8),
                DecodedGopFormat.write(gop), headers);
    }

    static DecodedGop toDecodedGop(DecodedEnvelope d) {
        return new DecodedGop(d.streamId(), d.gopSeq(), d.firstFrameIndex(), d.captureTimeMicros(),
                d.decodeFinishedMicros(), d.width(), d.height(), d.frames());
    }
}
