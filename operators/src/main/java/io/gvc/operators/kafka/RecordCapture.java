package io.gvc.operators.kafka;

import io.gvc.operators.serde.GvcTypes;
import io.gvc.operators.types.SourceRecord;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/**
 * Takes every Kafka record as it is. Parsing happens in the next operator, where a bad record can
 * be routed to the dead letters; a source that threw would fail the whole job on one bad record.
 */
public final class RecordCapture implements KafkaRecordDeserializationSchema<SourceRecord> {

    private static final long serialVersionUID = 1L;

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> r, Collector<SourceRecord> out) {
        List<SourceRecord.Header> headers = new ArrayList<>();
        for (Header h : r.headers()) {
            headers.add(new SourceRecord.Header(h.key(), h.value()));
        }
        out.collect(new SourceRecord(r.topic(), r.partition(), r.offset(), r.timestamp(), r.key(), r.value(), headers));
    }

    @Override
    public TypeInformation<SourceRecord> getProducedType() {
        return GvcTypes.SOURCE_RECORD;
    }
}
