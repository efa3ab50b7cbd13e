package io.gvc.operators.decode;

import io.gvc.codec.GopDecoder;
import io.gvc.codec.bitstream.GvcPacket;
import io.gvc.codec.bitstream.PacketCodec;
import io.gvc.codec.frame.Frame;
import io.gvc.codec.prior.FlowPrior;
import io.gvc.operators.DeadLetters;
import io.gvc.operators.FailureDrill;
import io.gvc.operators.PriorSource;
import io.gvc.operators.metrics.StreamMetrics;
import io.gvc.operators.types.DeadLetter;
import io.gvc.operators.types.DecodeTask;
import io.gvc.operators.types.DecodedEnvelope;
import io.gvc.operators.types.SourceRecord;
import java.util.List;
import java.util.Set;
import org.apache.flink.api.common.externalresource.ExternalResourceInfo;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The expensive step: generates GOPs. Stateless, so it runs at any parallelism; each slot opens one
 * prior (one model session) and keeps it. When Flink gives the slot a GPU (the external resource
 * {@value #GPU_RESOURCE}, on GPU task managers) the model runs on that GPU's index; otherwise on the
 * configured device (the CPU in local mode).
 *
 * <p>A packet that fails to decode goes to the dead letters, and a failed result still goes on to
 * the reorderer so the stream's other GOPs are not held up.
 */
public final class GopDecodeFunction extends ProcessFunction<DecodeTask, DecodedEnvelope> {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(GopDecodeFunction.class);

    /** Name of Flink's GPU external resource (external-resources: gpu in the cluster config). */
    public static final String GPU_RESOURCE = "gpu";

    private final PriorSource priorSource;
    private final int threads;
    private final String bitstreamTopic;
    private final FailureDrill drill;

    private transient FlowPrior prior;
    private transient GopDecoder decoder;
    private transient StreamMetrics metrics;
    private transient long handled;

    public GopDecodeFunction(PriorSource priorSource, int threads, String bitstreamTopic, FailureDrill drill) {
        this.priorSource = priorSource;
        this.threads = threads;
        this.bitstreamTopic = bitstreamTopic;
        this.drill = drill;
    }

    @Override
    public void open(OpenContext context) throws Exception {
        String device = assignedGpu();
        prior = priorSource.open(device, threads);
        decoder = new GopDecoder(prior, threads);
        metrics = new StreamMetrics(getRuntimeContext().getMetricGroup());
        LOG.info("GOP decoder {} uses {} ({})", getRuntimeContext().getTaskInfo().getTaskNameWithSubtasks(),
                device != null ? device : priorSource.device(), priorSource.describe());
    }

    /** cuda:N when Flink assigned this slot GPU N, else null. */
    private String assignedGpu() {
        Set<ExternalResourceInfo> gpus = getRuntimeContext().getExternalResourceInfos(GPU_RESOURCE);
        for (ExternalResourceInfo g : gpus) {
            var index = g.getProperty("index");
            if (index.isPresent()) {
                return "cuda:" + index.get();
            }
        }
        return null;
    }

    @Override
    public void processElement(DecodeTask task, Context ctx, Collector<DecodedEnvelope> out) {
        var env = task.packet();
        long t0 = System.nanoTime();
        GvcPacket p = null;
        try {
            p = PacketCodec.read(env.packet());
            List<Frame> all = decoder.decode(p, task.sharedFirst());
            boolean chained = GopDecoder.needsSharedFirst(p);
            List<Frame> added = chained ? all.subList(1, all.size()) : all;
            long nanos = System.nanoTime() - t0;
            int w = p.config().format().width(), h = p.config().format().height();
            long first = chained ? p.firstFrame() + 1 : p.firstFrame();
            out.collect(new DecodedEnvelope(env.streamId(), env.gopSeq(), task.previousSeq(), first,
                    env.captureTimeMicros(), nowMicros(), nanos, w, h, added, task.concealment(), ""));
            metrics.inc(env.streamId(), "gopsDecoded");
            metrics.record(env.streamId(), "decodeMs", nanos / 1_000_000);
        } catch (Exception e) {
            String why = "decode failed: " + e.getMessage();
            metrics.inc(env.streamId(), "deadLetters");
            SourceRecord r = SourceRecord.refusedAfterParsing(bitstreamTopic, env.streamId(), env.packet(),
                    new RecordHeaders());
            ctx.output(DeadLetters.TAG, new DeadLetter(r, why, env.streamId()));
            out.collect(new DecodedEnvelope(env.streamId(), env.gopSeq(), task.previousSeq(), 0,
                    env.captureTimeMicros(), nowMicros(), System.nanoTime() - t0, 1, 1, List.of(),
                    task.concealment(), why));
        }
        drill.check(getRuntimeContext(), ++handled);
    }

    static long nowMicros() {
        return System.currentTimeMillis() * 1000;
    }

    @Override
    public void close() throws Exception {
        if (decoder != null) {
            decoder.close();
        }
        if (prior instanceof AutoCloseable c) {
            c.close();
        }
    }
}
