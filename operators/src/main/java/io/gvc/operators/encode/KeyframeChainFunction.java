package io.gvc.operators.encode;

import io.gvc.codec.KeyframeChainCoder;
import io.gvc.codec.KeyframedGop;
import io.gvc.codec.RandomAccess;
import io.gvc.codec.rate.QualityFloor;
import io.gvc.codec.frame.Frame;
import io.gvc.codec.frame.VideoFormat;
import io.gvc.kafka.formats.GvcHeaders;
import io.gvc.kafka.formats.RawGop;
import io.gvc.kafka.formats.RawGopFormat;
import io.gvc.model.registry.OpenedModels;
import io.gvc.codec.prior.FlowPrior;
import io.gvc.operators.DeadLetters;
import io.gvc.operators.GopJumps;
import io.gvc.operators.PriorSource;
import io.gvc.operators.RecordFailures;
import io.gvc.operators.metrics.KeyedCounterTotals;
import io.gvc.operators.metrics.StreamMetrics;
import io.gvc.operators.serde.GvcTypes;
import io.gvc.operators.types.AtomSearchTask;
import io.gvc.operators.types.DeadLetter;
import io.gvc.operators.types.SourceRecord;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * The encoder's sequential stage: raw GOPs of one chain ({@link ChainKeys}: a stream, or with
 * independent periods every n-th period of a stream, so that n periods of one camera are coded at
 * once), in order, to {@link AtomSearchTask}s. It codes each GOP's keyframes with the engine's
 * {@link KeyframeChainCoder} (boundary pictures, mid-GOP keyframes, plan and anchor mode: with
 * codec v20 about six times the atom search's time, docs/performance.md) and hands the GOP on to
 * the atom search in its slot ({@link AtomSearchFunction}). Keyed state holds what chains the GOPs: the previous GOP's last keyframe as decoded (the
 * next GOP's shared first frame; for FLF2V it is a keyframe, so the chain never waits for an atom
 * search), that GOP's chain quality (the next GOP's {@link io.gvc.codec.rate.QualityFloor}; a
 * checkpoint written before it was kept restores without it, and the next GOP is coded without a
 * floor) and the next expected GOP number and first frame index. Each task names the GOP handed on
 * before it, so the packet {@link io.gvc.operators.order.Reorderer} releases packets in this
 * stage's order; a period's first GOP names the last GOP of the period before, which another
 * subtask coded ({@link ChainPosition}). Policy when the input is not a clean sequence:
 * <ul>
 * <li>a gap (GOP numbers skipped) or a GOP that does not start on the previous GOP's last frame:
 *     counted ({@code gopsMissing}, {@code chainRestarts}) and the GOP is coded on its own, with its
 *     first frame intra, so the decoder never needs the GOP that was lost;</li>
 * <li>a GOP that arrives after a later one (late, reordered, or a duplicate): counted
 *     ({@code gopsLate}) and sent to the dead letters, since the chain has moved past it;</li>
 * <li>a GOP numbered more than {@link GopJumps#MAX_JUMP} ahead of the expected one: sent to the
 *     dead letters ({@code gopsImplausible}) unless the GOP refused before it is its predecessor
 *     ({@link GopJumps}), so one absurd number never wedges the stream;</li>
 * <li>a GOP the engine refuses (a picture too small for it, a size its latent cannot take, anything
 *     it rejects as invalid input): sent to the dead letters with the engine's reason, and the chain
 *     goes on as if it had been lost. The chain coder builds the same coding setup as the atom
 *     search, so a format the engine cannot take is refused here, before the chain moves on.
 *     Failures that are not the record's (out of memory, model files, ONNX Runtime) fail the task,
 *     so Flink restores it ({@link RecordFailures}).</li>
 * </ul>
 * The packets the atom search then makes are byte-identical to {@code gvc encode}'s for the same
 * frames and settings.
 */
public final class KeyframeChainFunction extends KeyedProcessFunction<String, RawGop, AtomSearchTask> {

    private static final long serialVersionUID = 1L;
    /** The pause between two queued GOPs' codings, in which the subtask takes in its input. */
    static final long POLL_MS = 50;

    private final StreamConfig config;
    private final PriorSource priorSource;
    private final String rawTopic;

    private transient ValueState<Frame> boundary;
    private transient ValueState<Integer> chainQuality;
    private transient ValueState<Long> nextSeq;
    private transient ValueState<Long> nextFirstFrame;
    /** The last GOP refused as too far ahead (GopJumps), cleared by every GOP coded. */
    private transient ValueState<Long> refusedJump;
    /**
     * GOPs taken in but not yet coded, oldest first, for streams with independent periods. One
     * upstream subtask feeds every chain subtask, and a raw GOP is larger than a channel's buffers:
     * a subtask that took in its input only between codings would hold that upstream, and with it
     * the other subtasks' periods, for a whole coding. So each GOP is queued as it arrives and
     * coded on a timer, {@link #POLL_MS} after the one before, the input taken in between; up
     * to two periods wait ({@link #queueBound}), past that the oldest is coded at once (backpressure).
     * In keyed state, so a checkpoint holds them and a restore codes them.
     */
    private transient ListState<RawGop> queued;
    private transient OpenedModels<FlowPrior> priors;
    private transient Map<String, StreamChain> chains;
    private transient StreamMetrics metrics;

    private transient java.util.concurrent.ExecutorService planPool;

    /** The chain coder of one stream, rebuilt when its picture format changes. */
    private record StreamChain(VideoFormat format, KeyframeChainCoder coder) {
    }

    public KeyframeChainFunction(StreamConfig config, PriorSource priorSource, String rawTopic) {
        this.config = config;
        this.priorSource = priorSource;
        this.rawTopic = rawTopic;
    }

    @Override
    public void open(OpenContext context) throws Exception {
        // the state names of the former one-stage encoder: a checkpoint it wrote restores the chain here
        boundary = getRuntimeContext().getState(new ValueStateDescriptor<>("boundary-frame", GvcTypes.FRAME));
        chainQuality = getRuntimeContext().getState(new ValueStateDescriptor<>("chain-quality", Types.INT));
        nextSeq = getRuntimeContext().getState(new ValueStateDescriptor<>("next-gop-seq", Types.LONG));
        nextFirstFrame = getRuntimeContext().getState(new ValueStateDescriptor<>("next-first-frame", Types.LONG));
        refusedJump = getRuntimeContext().getState(new ValueStateDescriptor<>("refused-jump", Types.LONG));
        queued = getRuntimeContext().getListState(new ListStateDescriptor<>("queued-gops", GvcTypes.RAW_GOP));
        // the chain coder needs the prior's identity and latent space only (no generation runs here)
        priors = priorSource.openForEncoding(null, 1);
        chains = new HashMap<>();
        metrics = new StreamMetrics(getRuntimeContext().getMetricGroup(), KeyedCounterTotals.of(getRuntimeContext()));
    }

    @Override
    public void processElement(RawGop gop, Context ctx, Collector<AtomSearchTask> out) throws Exception {
        StreamSettings settings = config.settings(gop.streamId());
        int bound = queueBound(settings);
        if (bound == 0) {
            code(gop, settings, ctx, out);
            return;
        }
        List<RawGop> waiting = new ArrayList<>();
        queued.get().forEach(waiting::add);
        waiting.add(gop);
        if (waiting.size() == 1) {
            ctx.timerService().registerProcessingTimeTimer(ctx.timerService().currentProcessingTime() + POLL_MS);
        }
        while (waiting.size() > bound) { // full: code the oldest now, which holds the input back (backpressure)
            code(waiting.remove(0), settings, ctx, out);
        }
        queued.update(waiting);
        metrics.set(gop.streamId(), "gopsQueued", waiting.size());
    }

    /** Codes the oldest queued GOP, and comes back for the next after {@link #POLL_MS}. */
    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<AtomSearchTask> out) throws Exception {
        List<RawGop> waiting = new ArrayList<>();
        queued.get().forEach(waiting::add);
        if (waiting.isEmpty()) {
            return;
        }
        RawGop gop = waiting.remove(0);
        code(gop, config.settings(gop.streamId()), ctx, out);
        queued.update(waiting);
        metrics.set(gop.streamId(), "gopsQueued", waiting.size());
        if (!waiting.isEmpty()) {
            ctx.timerService().registerProcessingTimeTimer(ctx.timerService().currentProcessingTime() + POLL_MS);
        }
    }

    /**
     * How many GOPs of a stream may wait in this key's queue: none for a chain through the stream
     * (each is coded as it arrives, as before), two periods for independent periods (see {@link #queued}).
     */
    static int queueBound(StreamSettings settings) {
        RandomAccess r = settings.params().randomAccess();
        return r.independentPeriods() ? 2 * r.intraPeriod() : 0;
    }

    /** Codes one GOP's keyframes in its chain and hands the task on, or refuses the GOP. */
    private void code(RawGop gop, StreamSettings settings, Context ctx, Collector<AtomSearchTask> out)
            throws Exception {
        String stream = gop.streamId();
        RandomAccess randomAccess = settings.params().randomAccess();
        // this key's chain: the stream's, or with independent periods its periods on this subtask
        ChainPosition position = ChainPosition.of(randomAccess, gop.gopSeq(), nextSeq.value(),
                getRuntimeContext().getTaskInfo().getNumberOfParallelSubtasks());
        if (position.late()) {
            metrics.inc(stream, "gopsLate");
            refuse(ctx, gop, "GOP " + gop.gopSeq() + " of stream " + stream + " arrived after GOP "
                    + (position.expected() - 1) + " was encoded (late, reordered or duplicate)");
            return;
        }
        if (GopJumps.judge(position.jumpBase(), gop.gopSeq(), refusedJump.value()) == GopJumps.Verdict.REFUSE) {
            metrics.inc(stream, "gopsImplausible");
            refusedJump.update(gop.gopSeq());
            refuse(ctx, gop, GopJumps.reason(stream, gop.gopSeq(), position.jumpBase()));
            return;
        }
        Frame shared = position.continuesChain() ? boundary.value() : null;
        Long first = nextFirstFrame.value();
        if (shared != null && (first == null || first != gop.firstFrameIndex() || shared.width() != gop.width()
                || shared.height() != gop.height())) {
            shared = null;
        }
        boolean restart = position.expectsChain() && shared == null;
        if (!settings.params().variant().sharesBoundary()) {
            shared = null;
        }
        KeyframedGop keyframed;
        Frame next;
        long nanos;
        try {
            KeyframeChainCoder coder = chain(stream, gop.format(), settings).coder();
            long t0 = System.nanoTime();
            Integer previousQuality = chainQuality.value(); // the coder ignores it where the chain restarts
            if (shared == null) { // a period's first GOP (independent periods): what the GOP before hands it, coded here
                var start = coder.periodStart(gop.toGop());
                if (start.isPresent()) {
                    shared = start.get().sharedFirst();
                    previousQuality = start.get().previousQuality();
                }
            }
            keyframed = coder.code(gop.toGop(), shared, previousQuality == null ? QualityFloor.NONE : previousQuality);
            next = keyframed.nextSharedFirst();
            nanos = System.nanoTime() - t0;
        } catch (Exception ex) {
            // the record's fault (the engine refused it) goes to the dead letters, anything else fails the task
            refuse(ctx, gop, RecordFailures.reasonOrRethrow("GOP " + gop.gopSeq() + " of stream " + stream + " ("
                    + gop.width() + "x" + gop.height() + ", " + gop.frameCount() + " frames) refused by the encoder", ex));
            metrics.inc(stream, "gopsRefused");
            return;
        }
        if (position.missing() > 0) {
            metrics.inc(stream, "gopsMissing", position.missing());
        }
        if (restart) {
            metrics.inc(stream, "chainRestarts");
        }

        if (next != null) {
            boundary.update(next);
        } else {
            boundary.clear();
        }
        chainQuality.update(keyframed.chainQuality());
        nextSeq.update(gop.gopSeq() + 1);
        nextFirstFrame.update(gop.firstFrameIndex() + gop.frameCount() - 1);
        refusedJump.clear();
        out.collect(new AtomSearchTask(gop, position.previous(), keyframed));
        metrics.inc(stream, "gopsKeyframed");
        metrics.record(stream, "keyframeMs", nanos / 1_000_000);
    }

    private void refuse(Context ctx, RawGop gop, String why) {
        metrics.inc(gop.streamId(), "deadLetters");
        ctx.output(DeadLetters.TAG, new DeadLetter(asRecord(gop), why, gop.streamId()));
    }

    private StreamChain chain(String stream, VideoFormat format, StreamSettings settings) throws IOException {
        StreamChain c = chains.get(stream);
        if (c == null || !c.format().equals(format)) {
            chains.remove(stream); // never used again, even if the new one cannot be built
            c = new StreamChain(format, new KeyframeChainCoder(settings.params(), format,
                    priors.forEncoding(settings.params().variant()), planThreads(settings.params().threads())));
            chains.put(stream, c);
        }
        return c;
    }

    /** A dead letter's record for a GOP refused here, after parsing. */
    private SourceRecord asRecord(RawGop gop) {
        return SourceRecord.refusedAfterParsing(rawTopic, gop.streamId(), RawGopFormat.write(gop),
                GvcHeaders.forRawGop(new RecordHeaders(), gop));
    }

    /**
     * The threads a GOP's keyframe plans are coded on (codec v12 codes each plan twice, with and
     * without between pictures, so the chain, the stage one camera cannot spread over slots, is
     * most of an encode): one pool per operator instance, of the encoder's thread count, shut down
     * in {@link #close}; null for one thread.
     */
    private java.util.concurrent.ExecutorService planThreads(int threads) {
        if (planPool == null && threads > 1) {
            planPool = java.util.concurrent.Executors.newFixedThreadPool(threads, io.gvc.codec.GopEncoder.daemonThreads());
        }
        return planPool;
    }

    @Override
    public void close() throws Exception {
        if (planPool != null) {
            planPool.shutdownNow();
            planPool = null;
        }
        if (priors != null) {
            priors.close();
        }
    }
}
