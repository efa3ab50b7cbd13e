package io.gvc.jobs.pipeline;

import io.gvc.kafka.formats.RawGop;
import io.gvc.operators.encode.AtomSearchFunction;
import io.gvc.operators.encode.ChainKeys;
import io.gvc.operators.encode.KeyframeChainFunction;
import io.gvc.operators.encode.RawGopParser;
import io.gvc.operators.kafka.KafkaConnectors;
import io.gvc.operators.kafka.PacketRecordSerializer;
import io.gvc.operators.order.Reorderer;
import io.gvc.operators.serde.GvcTypes;
import io.gvc.operators.types.AtomSearchTask;
import io.gvc.operators.types.EncodedPacket;
import io.gvc.operators.types.PacketEnvelope;
import io.gvc.operators.types.SourceRecord;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The encode job: gvc.raw-gops -&gt; parse -&gt; keyBy(chain) -&gt; keyframe chain -&gt; atom search
 * -&gt; keyBy(stream) -&gt; packet reorderer -&gt; gvc.bitstream (exactly once), refused records -&gt;
 * gvc.dead-letters; the chain and the search at --encoders subtasks each, the search in the chain's
 * slot (forward). The keyframe chain is the sequential part of encoding a stream, and most of its
 * time (docs/performance.md); a stream with independent periods ({@code
 * default.independent-periods=true} in the stream config) is a chain per period ({@link ChainKeys}),
 * so one camera's periods are coded on every subtask at once. Forward, not rebalance: with a
 * rebalance every atom search reads every chain subtask, and its checkpoint barrier alignment would
 * hold one chain's (large) tasks until the other finished the GOP it is coding, every checkpoint,
 * which measured no faster than one subtask.
 * <pre>
 * flink run -c io.gvc.jobs.pipeline.EncodeJob flink-jobs/target/gvc-flink-jobs.jar --bootstrap kafka:9092 --stream-config streams.properties --encoders 4
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
        // the uid of the former one-stage encoder, whose keyed state (the chain) this stage keeps
        // at --encoders subtasks: streams spread over them, and a stream with independent periods its periods
        SingleOutputStreamOperator<AtomSearchTask> keyframed = gops
                .keyBy(new ChainKeys(o.streams(), o.encoders()), Types.STRING)
                .process(new KeyframeChainFunction(o.streams(), o.prior(), raw), GvcTypes.ATOM_SEARCH_TASK)
                .name("KeyframeChain").uid("gvc-gop-encoder")
                .setParallelism(o.encoders())
                .setMaxParallelism(ChainKeys.maxParallelism(o.encoders()));
        // forward: each chain subtask's GOPs searched in its own slot (see the class comment)
        SingleOutputStreamOperator<EncodedPacket> searched = keyframed
                .process(new AtomSearchFunction(o.streams(), o.prior(), raw, o.drill()), GvcTypes.ENCODED_PACKET)
                .name("AtomSearch").uid("gvc-atom-search")
                .setParallelism(o.encoders());
        SingleOutputStreamOperator<PacketEnvelope> packets = searched
                .keyBy(new ByStream<>(EncodedPacket::streamId), Types.STRING)
                .process(new Reorderer<>(o.reorderMaxWaiting(), GvcTypes.ENCODED_PACKET, "gopsEncoded"),
                        GvcTypes.ENCODED_PACKET)
                .name("PacketReorderer").uid("gvc-packet-reorderer")
                .map(new ToEnvelope(), GvcTypes.PACKET)
                .name("PacketEnvelope").uid("gvc-packet-envelope");
        packets.sinkTo(KafkaConnectors.exactlyOnceSink(o.kafka(),
                        new PacketRecordSerializer(o.topics().bitstream().name()), o.transactionalIdPrefix() + "-bitstream"))
                .name("bitstream: " + o.topics().bitstream().name()).uid("gvc-bitstream-sink");
        DeadLetterSink.attach(o, "encode", gops, keyframed, searched);
    }

    /** The released packet as the sink writes it (the reorderer releases no failed result). */
    static final class ToEnvelope implements MapFunction<EncodedPacket, PacketEnvelope> {
        private static final long serialVersionUID = 1L;

        @Override
        public PacketEnvelope map(EncodedPacket p) {
            return p.envelope();
        }
    }
}
