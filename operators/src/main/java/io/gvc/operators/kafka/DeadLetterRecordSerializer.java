package io.gvc.operators.kafka;

import io.gvc.kafka.formats.GvcHeaders;
import io.gvc.operators.types.DeadLetter;
import io.gvc.operators.types.SourceRecord;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;

/** A refused record to {@code gvc.dead-letters}: original key, value and headers, plus the reason and where it came from. */
public final class DeadLetterRecordSerializer implements KafkaRecordSerializationSchema<DeadLetter> {

    private static final long serialVersionUID = 1L;
    private final String topic;

    public DeadLetterRecordSerializer(String topic) {
        this.topic = topic;
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(DeadLetter d, KafkaSinkContext context, Long timestamp) {
        SourceRecord r = d.record();
        Headers headers = r.kafkaHeaders();
        GvcHeaders.setDeadLetter(headers, d.reason(), r.topic(), r.partition(), r.offset());
        return new ProducerRecord<>(topic, null, timestamp, r.key(), r.value(), headers);
    }
}
