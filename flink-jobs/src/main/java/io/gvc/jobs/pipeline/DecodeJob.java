package io.gvc.jobs.pipeline;

import io.gvc.operators.decode.BoundaryResolver;
import io.gvc.operators.decode.GopDecodeFunction;
import io.gvc.operators.decode.PacketParser;
import io.gvc.operators.kafka.DecodedGopRecordSerializer;
import io.gvc.operators.kafka.KafkaConnectors;
import io.gvc.operators.order.Reorderer;
import io.gvc.operators.serde.GvcTypes;
import io.gvc.operators.types.DecodeTask;
import io.gvc.operators.types.DecodedEnvelope;
import io.gvc.operators.types.PacketEnvelope;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.operators.SlotSharingGroup;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The decode job: gvc.bitstream -&gt; parse -&gt; keyBy(stream) -&gt; boundary resolver -&gt;
 * rebalance -&gt; GOP decoders (own slot sharing group, GPU when asked) -&gt; keyBy(stream) -&gt;
 * reorderer -&gt; gvc.decoded (exactly once); refused records -&gt; gvc.dead-letters.
 * <pre>
 * flink run -c io.gvc.jobs.pipeline.DecodeJob flink-jobs/target/gvc-flink-jobs.jar --bootstrap kafka:9092 --decoders 8 --decoder-gpus 1
 * </pre>
 */
public final class DecodeJob {

    public static final String NAME = "gvc-decode";
    /** The slot sharing group of the GOP decoders, apart from the light operators. */
    public static final String DECODER_GROUP = "gvc-decoders";

    private DecodeJob() {
    }

    public static void main(String[] args) throws Exception {
        JobSetup.main(args, NAME, "DecodeJob: GVC packets from Kafka to decoded GOPs, in order.", DecodeJob::build);
    }

    /** Adds the decode pipeline to {@code env}. */
    public static void build(StreamExecutionEnvironment env, JobOptions o) {
        String bitstream = o.topics().bitstream().name();
        SingleOutputStreamOperator<PacketEnvelope> packets = env
                .fromSource(KafkaConnectors.source(o.kafka(), bitstream, o.decodeGroup()),
                        WatermarkStrategy.noWatermarks(), "bitstream: " + bitstream)
                .uid("gvc-decode-source")
                .process(new PacketParser(o.maxPacketRecordBytes()), GvcTypes.PACKET)
                .name("PacketParser").uid("gvc-packet-parser");
        SingleOutputStreamOperator<DecodeTask> tasks = packets
                .keyBy(new ByStream<>(PacketEnvelope::streamId), Types.STRING)
                .process(new BoundaryResolver(bitstream), GvcTypes.DECODE_TASK)
                .name("BoundaryResolver").uid("gvc-boundary-resolver");
        SingleOutputStreamOperator<DecodedEnvelope> decoded = tasks
                .rebalance()
                .process(new GopDecodeFunction(o.prior(), o.streams().threads(), bitstream, o.drill()), GvcTypes.DECODED)
                .name("GopDecoder").uid("gvc-gop-decoder")
                .setParallelism(o.decoders());
        if (o.decoderGpus() > 0) {
            decoded.slotSharingGroup(SlotSharingGroup.newBuilder(DECODER_GROUP)
                    .setCpuCores(1.0).setTaskHeapMemoryMB(1024)
                    .setExternalResource(GopDecodeFunction.GPU_RESOURCE, o.decoderGpus()).build());
        } else {
            decoded.slotSharingGroup(DECODER_GROUP);
        }
        SingleOutputStreamOperator<DecodedEnvelope> ordered = decoded
                .keyBy(new ByStream<>(DecodedEnvelope::streamId), Types.STRING)
                .process(new Reorderer<>(o.reorderMaxWaiting(), GvcTypes.DECODED, "gopsReleased"), GvcTypes.DECODED)
                .name("Reorderer").uid("gvc-reorderer")
                .slotSharingGroup("default"); // not the decoders' group, which it would inherit
        ordered.sinkTo(KafkaConnectors.exactlyOnceSink(o.kafka(),
                        new DecodedGopRecordSerializer(o.topics().decoded().name()), o.transactionalIdPrefix() + "-decoded"))
                .name("decoded: " + o.topics().decoded().name()).uid("gvc-decoded-sink");
        DeadLetterSink.attach(o, "decode", packets, tasks, decoded);
    }
}
