package io.gvc.operators.decode;

import io.gvc.codec.GopDecoder;
import io.gvc.codec.bitstream.GvcPacket;
import io.gvc.codec.bitstream.PacketCodec;
import io.gvc.codec.frame.Frame;
import io.gvc.codec.prior.FlowPrior;
import io.gvc.operators.DeadLetters;
import io.gvc.operators.FailureDrill;
import io.gvc.operators.OpenPriors;
import io.gvc.operators.PriorSource;
import io.gvc.operators.RecordFailures;
import io.gvc.operators.metrics.StreamMetrics;
import io.gvc.operators.types.DeadLetter;
import io.gvc.operators.types.DecodeTask;
import io.gvc.operators.types.DecodedEnvelope;
import io.gvc.operators.types.SourceRecord;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.flink.api.common.externalresource.ExternalResourceInfo;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The expensive step: generates GOPs. Stateless, so it runs at any parallelism; each slot opens the
 * prior of each model its packets' variants use (one model session per model) on first use and keeps
 * it; a model that cannot be opened fails the task rather than dead-lettering the stream. When Flink gives the slot a GPU (the external resource
 * {@value #GPU_RESOURCE}, on GPU task managers) the model runs on that GPU's index; otherwise on the
 * configured device (the CPU in local mode).
 *
 * <p>A packet that fails to decode goes to the dead letters, and a failed result still goes on to
 * the reorderer so the stream's other GOPs are not held up. A failure that is not the packet's
 * (ONNX Runtime, I/O; see {@link RecordFailures}) fails the task instead.
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

    private transient OpenPriors priors;
    /** One decoder per model (streams of different variants may use different models). */
    private transient Map<FlowPrior, GopDecoder> decoders;
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
        priors = new OpenPriors(priorSource, device, threads);
        decoders = new HashMap<>();
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
            List<Frame> all = decoder(p.config().modelId(), p.config().variant()).decode(p, task.sharedFirst());
            boolean chained = GopDecoder.needsSharedFirst(p);
            List<Frame> added = chained ? all.subList(1, all.size()) : all;
            long nanos = System.nanoTime() - t0;
            int w = p.config().format().width(), h = p.config().format().height();
            long first = chained ? p.firstFrame() + 1 : p.firstFrame();
            out.collect(new DecodedEnvelope(env.streamId(), env.gopSeq(), task.previousSeq(), first,
                    env.captureTimeMicros(), nowMicros(), nanos, w, h, added, task.concealment(), ""));
            metrics.inc(env.streamId(), "gopsDecoded");
            metrics.record(env.streamId(), "decodeMs", nanos / 1_000_000);
        } catch (ModelUnavailable e) {
            throw e; // the task manager's fault, not the record's: fail the task instead of dead-lettering the stream
        } catch (Exception e) {
            // the packet's fault goes to the dead letters; anything else (ONNX Runtime, I/O) fails the task
            String why;
            try {
                why = RecordFailures.reasonOrRethrow("decode failed", e);
            } catch (RuntimeException infrastructure) {
                throw infrastructure;
            } catch (Exception infrastructure) {
                throw new IllegalStateException("GOP decoder: " + infrastructure.getMessage(), infrastructure);
            }
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

    /** A model that cannot be opened on this task manager. */
    private static final class ModelUnavailable extends RuntimeException {
        ModelUnavailable(java.io.IOException e) {
            super(e.getMessage(), e);
        }
    }

    /** The decoder of the model the stream names (shipped models by their id), or the configured one. */
    private GopDecoder decoder(String streamModelId, io.gvc.codec.variant.Variant v) {
        FlowPrior prior;
        try {
            prior = priors.forStream(streamModelId, v);
        } catch (java.io.IOException e) {
            throw new ModelUnavailable(e);
        }
        GopDecoder d = decoders.get(prior);
        if (d == null) {
            d = new GopDecoder(prior, threads);
            decoders.put(prior, d);
        }
        return d;
    }

    static long nowMicros() {
        return System.currentTimeMillis() * 1000;
    }

    @Override
    public void close() throws Exception {
        if (decoders != null) {
            decoders.values().forEach(GopDecoder::close);
        }
        if (priors != null) {
            priors.close();
        }
    }
}
