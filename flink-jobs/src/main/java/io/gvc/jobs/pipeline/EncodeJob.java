package io.gvc.jobs.pipeline;

import io.gvc.kafka.formats.RawGop;
import io.gvc.operators.DeadLetters;
import io.gvc.operators.encode.GopEncodeFunction;
import io.gvc.operators.encode.RawGopParser;
import io.gvc.operators.kafka.DeadLetterRecordSerializer;
import io.gvc.operators.kafka.KafkaConnectors;
import io.gvc.operators.kafka.PacketRecordSerializer;
import io.gvc.operators.serde.GvcTypes;
import io.gvc.operators.types.PacketEnvelope;
import io.gvc.operators.types.SourceRecord;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The encode job: gvc.raw-gops -&gt; parse -&gt; keyBy(stream) -&gt; GOP encoder -&gt; gvc.bitstream
 * (exactly once), refused records -&gt; gvc.dead-letters.
 * <pre>
 * flink run -c io.gvc.jobs.pipeline.EncodeJob flink-jobs/target/gvc-flink-jobs.jar --bootstrap kafka:9092 --stream-config streams.properties
 * </pre>
 */
public final class EncodeJob {

    public static final String NAME = "gvc-encode";

    private EncodeJob() {
    }

    public static void main(String[] args) throws Exception {
        JobSetup.main(args, NAME, "EncodeJob: raw GOPs from Kafka to GVC packets.", EncodeJob::build);
    }

    /** Adds the encode pipeline to {@code env}. */
    public static void build(StreamExecutionEnvironment env, JobOptions o) {
        String raw = o.topics().rawGops().name();
        DataStream<SourceRecord> records = env
                .fromSource(KafkaConnectors.source(o.kafka(), raw, o.encodeGroup()), WatermarkStrategy.noWatermarks(),
                        "raw GOPs: " + raw)
                .uid("gvc-encode-source");
        SingleOutputStreamOperator<RawGop> gops = records
                .process(new RawGopParser(o.streams(), o.maxRawRecordBytes()), GvcTypes.RAW_GOP)
                .name("RawGopParser").uid("gvc-raw-gop-parser");
        SingleOutputStreamOperator<PacketEnvelope> packets = gops
                .keyBy(new ByStream(), org.apache.flink.api.common.typeinfo.Types.STRING)
                .process(new GopEncodeFunction(o.streams(), o.prior(), raw, o.drill()), GvcTypes.PACKET)
                .name("GopEncoder").uid("gvc-gop-encoder");
        packets.sinkTo(KafkaConnectors.exactlyOnceSink(o.kafka(),
                        new PacketRecordSerializer(o.topics().bitstream().name()), o.transactionalIdPrefix() + "-bitstream"))
                .name("bitstream: " + o.topics().bitstream().name()).uid("gvc-bitstream-sink");
        gops.getSideOutput(DeadLetters.TAG).union(packets.getSideOutput(DeadLetters.TAG))
                .sinkTo(KafkaConnectors.exactlyOnceSink(o.kafka(),
                        new DeadLetterRecordSerializer(o.topics().deadLetters().name()),
                        o.transactionalIdPrefix() + "-encode-dead-letters"))
                .name("dead letters: " + o.topics().deadLetters().name()).uid("gvc-encode-dead-letter-sink");
    }

    /** Raw GOPs are keyed by stream id (a named class: Flink cannot infer a lambda's types). */
    static final class ByStream implements KeySelector<RawGop, String> {
        private static final long serialVersionUID = 1L;

        @Override
        public String getKey(RawGop g) {
            return g.streamId();
        }
    }
}
