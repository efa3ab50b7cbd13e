package io.gvc.operators.kafka;

import io.gvc.kafka.props.ClientProperties;
import io.gvc.operators.types.SourceRecord;
import java.util.Properties;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * Flink Kafka sources and sinks with GVC's client settings: size limits raised together
 * (STACK.md trap 7), exactly-once transactional sinks with a 60 s transaction timeout and
 * read_committed sources (trap 8), and the user's security settings passed through.
 */
public final class KafkaConnectors {

    private KafkaConnectors() {
    }

    /**
     * Every record of {@code topic}, unparsed, from the group's committed offsets (the earliest
     * when the group is new). Offsets are committed on checkpoints; on a restart Flink resumes from
     * the offsets in its checkpoint, not these.
     */
    public static KafkaSource<SourceRecord> source(ClientProperties props, String topic, String groupId) {
        Properties consumer = props.consumer(groupId);
        // the builder sets its own deserializers and, from setStartingOffsets, the reset strategy:
        // ours would only be overridden, each with a warning on every job start
        consumer.remove(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG);
        consumer.remove(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG);
        consumer.remove(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG);
        return KafkaSource.<SourceRecord>builder()
                .setProperties(consumer)
                .setBootstrapServers(props.bootstrapServers())
                .setTopics(topic)
                .setGroupId(groupId)
                .setStartingOffsets(OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST))
                .setDeserializer(new RecordCapture())
                .build();
    }

    /** An exactly-once (transactional) sink; records become visible to read_committed consumers at each checkpoint. */
    public static <T> KafkaSink<T> exactlyOnceSink(ClientProperties props, KafkaRecordSerializationSchema<T> schema,
                                                   String transactionalIdPrefix) {
        Properties producer = props.exactlyOnceProducer();
        // the sink serializes with its schema and sets byte[] serializers itself: ours only drew a warning
        producer.remove(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG);
        producer.remove(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG);
        return KafkaSink.<T>builder()
                .setBootstrapServers(props.bootstrapServers())
                .setKafkaProducerConfig(producer)
                .setRecordSerializer(schema)
                .setDeliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE)
                .setTransactionalIdPrefix(transactionalIdPrefix)
                .build();
    }
}
