package io.gvc.operators.decode;

import io.gvc.codec.GopDecoder;
import io.gvc.codec.bitstream.GvcPacket;
import io.gvc.codec.bitstream.PacketCodec;
import io.gvc.codec.frame.Frame;
import io.gvc.model.registry.ModelNotInstalledException;
import io.gvc.model.registry.OpenedModels;
import io.gvc.operators.DeadLetters;
import io.gvc.operators.FailureDrill;
import io.gvc.operators.PriorSource;
import io.gvc.operators.RecordFailures;
import io.gvc.operators.metrics.StreamMetrics;
import io.gvc.operators.types.DeadLetter;
import io.gvc.operators.types.DecodeTask;
import io.gvc.operators.types.DecodedEnvelope;
import io.gvc.operators.types.SourceRecord;
import java.io.IOException;
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
 * The expensive step: generates GOPs. Stateless, so it runs at any parallelism. The stream decides
 * the model: each packet is decoded with the model its header names (id and hash), found by the
 * slot's {@link io.gvc.model.registry.ModelRegistry} among the shipped models and those {@code --model}
 * adds, opened on first use with its decoder and kept ({@link OpenedModels}, bounded). A packet whose
 * model is not installed is dead-lettered naming the model id and hash, and the stream goes on; a
 * model that is installed but cannot be opened fails the task. When Flink gives the slot a GPU (the external resource
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

    /** One decoder per model, with its prior: streams may name different models. */
    private transient OpenedModels<GopDecoder> decoders;
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
        decoders = priorSource.openForDecoding(device, threads, prior -> new GopDecoder(prior, threads));
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
            List<Frame> all = decoder(p).decode(p, task.sharedFirst());
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
            // the packet's fault goes to the dead letters (a model not installed here among them);
            // anything else (ONNX Runtime, I/O) fails the task
            String why;
            try {
                why = e instanceof ModelNotInstalledException ? "decode failed: " + e.getMessage()
                        : RecordFailures.reasonOrRethrow("decode failed", e);
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

    /** An installed model that cannot be opened on this task manager. */
    private static final class ModelUnavailable extends RuntimeException {
        ModelUnavailable(IOException e) {
            super(e.getMessage(), e);
        }
    }

    /** The decoder of the model the packet names; a model not installed here is the packet's problem. */
    private GopDecoder decoder(GvcPacket p) throws ModelNotInstalledException {
        try {
            return decoders.forStream(p.config());
        } catch (ModelNotInstalledException e) {
            throw e;
        } catch (IOException e) {
            throw new ModelUnavailable(e);
        }
    }

    static long nowMicros() {
        return System.currentTimeMillis() * 1000;
    }

    @Override
    public void close() throws Exception {
        if (decoders != null) {
            decoders.close();
        }
    }
}
