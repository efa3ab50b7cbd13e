package io.gvc.operators.encode;

import io.gvc.codec.EncodedGop;
import io.gvc.codec.GopEncoder;
import io.gvc.codec.bitstream.GvcPacket;
import io.gvc.codec.bitstream.PacketCodec;
import io.gvc.codec.frame.Frame;
import io.gvc.codec.frame.VideoFormat;
import io.gvc.codec.metrics.YuvSse;
import io.gvc.codec.prior.FlowPrior;
import io.gvc.kafka.formats.GvcHeaders;
import io.gvc.kafka.formats.RawGop;
import io.gvc.kafka.formats.RawGopFormat;
import io.gvc.model.registry.OpenedModels;
import io.gvc.operators.DeadLetters;
import io.gvc.operators.FailureDrill;
import io.gvc.operators.GopJumps;
import io.gvc.operators.PriorSource;
import io.gvc.operators.RecordFailures;
import io.gvc.operators.metrics.KeyedCounterTotals;
import io.gvc.operators.metrics.StreamMetrics;
import io.gvc.operators.serde.GvcTypes;
import io.gvc.operators.types.DeadLetter;
import io.gvc.operators.types.PacketEnvelope;
import io.gvc.operators.types.SourceRecord;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Raw GOPs of one stream (keyed by stream id) to packets. Keyed state holds what chains the GOPs:
 * the reconstructed last frame of the previous GOP (the next GOP's shared first frame) and the
 * next expected GOP number and first frame index. Policy when the input is not a clean sequence:
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
 *     goes on as if it had been lost. Failures that are not the record's (out of memory, model files,
 *     ONNX Runtime) fail the task, so Flink restores it ({@link RecordFailures}).</li>
 * </ul>
 * Packets are byte-identical to {@code gvc encode}'s for the same frames and settings.
 */
public final class GopEncodeFunction extends KeyedProcessFunction<String, RawGop, PacketEnvelope> {

    private static final long serialVersionUID = 1L;

    private final StreamConfig config;
    private final PriorSource priorSource;
    private final String rawTopic;
    private final FailureDrill drill;

    private transient ValueState<Frame> boundary;
    private transient ValueState<Long> nextSeq;
    private transient ValueState<Long> nextFirstFrame;
    /** The last GOP refused as too far ahead (GopJumps), cleared by every GOP coded. */
    private transient ValueState<Long> refusedJump;
    private transient OpenedModels<FlowPrior> priors;
    private transient Map<String, StreamEngine> engines;
    private transient StreamMetrics metrics;
    private transient long handled;

    /** The engine of one stream, rebuilt when its picture format changes. */
    private record StreamEngine(VideoFormat format, GopEncoder encoder) {
    }

    public GopEncodeFunction(StreamConfig config, PriorSource priorSource, String rawTopic, FailureDrill drill) {
        this.config = config;
        this.priorSource = priorSource;
        this.rawTopic = rawTopic;
        this.drill = drill;
    }

    @Override
    public void open(OpenContext context) throws Exception {
        boundary = getRuntimeContext().getState(new ValueStateDescriptor<>("boundary-frame", GvcTypes.FRAME));
        nextSeq = getRuntimeContext().getState(new ValueStateDescriptor<>("next-gop-seq", Types.LONG));
        nextFirstFrame = getRuntimeContext().getState(new ValueStateDescriptor<>("next-first-frame", Types.LONG));
        refusedJump = getRuntimeContext().getState(new ValueStateDescriptor<>("refused-jump", Types.LONG));
        priors = priorSource.openForEncoding(null, config.threads());
        engines = new HashMap<>();
        metrics = new StreamMetrics(getRuntimeContext().getMetricGroup(), KeyedCounterTotals.of(getRuntimeContext()));
    }

    @Override
    public void processElement(RawGop gop, Context ctx, Collector<PacketEnvelope> out) throws Exception {
        String stream = gop.streamId();
        Long expected = nextSeq.value();
        if (expected != null && gop.gopSeq() < expected) {
            metrics.inc(stream, "gopsLate");
            refuse(ctx, gop, "GOP " + gop.gopSeq() + " of stream " + stream + " arrived after GOP " + (expected - 1)
                    + " was encoded (late, reordered or duplicate)");
            return;
        }
        if (GopJumps.judge(expected, gop.gopSeq(), refusedJump.value()) == GopJumps.Verdict.REFUSE) {
            metrics.inc(stream, "gopsImplausible");
            refusedJump.update(gop.gopSeq());
            refuse(ctx, gop, GopJumps.reason(stream, gop.gopSeq(), expected));
            return;
        }
        StreamSettings settings = config.settings(stream);
        Frame shared = boundary.value();
        if (expected != null && gop.gopSeq() > expected) {
            shared = null;
        }
        Long first = nextFirstFrame.value();
        if (shared != null && (first == null || first != gop.firstFrameIndex() || shared.width() != gop.width()
                || shared.height() != gop.height())) {
            shared = null;
        }
        boolean restart = expected != null && shared == null;
        if (!settings.params().variant().sharesBoundary()) {
            shared = null;
        }
        EncodedGop e;
        byte[] packet;
        long nanos;
        try {
            GopEncoder encoder = engine(stream, gop.format(), settings).encoder();
            long t0 = System.nanoTime();
            e = encoder.encode(gop.toGop(), shared);
            nanos = System.nanoTime() - t0;
            packet = PacketCodec.write(e.packet());
        } catch (Exception ex) {
            // the record's fault (the engine refused it) goes to the dead letters, anything else fails the task
            refuse(ctx, gop, RecordFailures.reasonOrRethrow("GOP " + gop.gopSeq() + " of stream " + stream + " ("
                    + gop.width() + "x" + gop.height() + ", " + gop.frameCount() + " frames) refused by the encoder", ex));
            metrics.inc(stream, "gopsRefused");
            return;
        }
        if (expected != null && gop.gopSeq() > expected) {
            metrics.inc(stream, "gopsMissing", gop.gopSeq() - expected);
        }
        if (restart) {
            metrics.inc(stream, "chainRestarts");
        }

        boundary.update(e.last());
        nextSeq.update(gop.gopSeq() + 1);
        nextFirstFrame.update(gop.firstFrameIndex() + gop.frameCount() - 1);
        refusedJump.clear();
        out.collect(new PacketEnvelope(stream, gop.gopSeq(), gop.captureTimeMicros(), packet));
        report(stream, gop, e.packet(), packet.length, shared != null, nanos);
        drill.check(getRuntimeContext(), ++handled);
    }

    private void refuse(Context ctx, RawGop gop, String why) {
        metrics.inc(gop.streamId(), "deadLetters");
        ctx.output(DeadLetters.TAG, new DeadLetter(asRecord(gop), why, gop.streamId()));
    }

    private StreamEngine engine(String stream, VideoFormat format, StreamSettings settings) throws IOException {
        StreamEngine e = engines.get(stream);
        if (e == null || !e.format().equals(format)) {
            if (e != null) {
                engines.remove(stream); // closed: never used again, even if the new one cannot be built
                e.encoder().close();
            }
            e = new StreamEngine(format, new GopEncoder(settings.params(), format,
                    priors.forEncoding(settings.params().variant())));
            engines.put(stream, e);
        }
        return e;
    }

    private void report(String stream, RawGop gop, GvcPacket p, int bytes, boolean chained, long nanos) {
        long outFrames = chained ? gop.frameCount() - 1L : gop.frameCount();
        long pixels = outFrames * gop.width() * gop.height();
        long chroma = outFrames * Frame.chromaWidth(gop.width()) * Frame.chromaHeight(gop.height());
        long bits = 8L * bytes;
        long boundaryBits = 8L * p.boundaryBytes();
        long atomBits = 8L * p.atoms().length;
        metrics.inc(stream, "gopsEncoded");
        metrics.set(stream, "bitsPerGop", bits);
        metrics.set(stream, "bpp", (double) bits / pixels);
        metrics.set(stream, "boundaryBits", boundaryBits);
        metrics.set(stream, "atomBits", atomBits);
        metrics.set(stream, "sideBits", bits - boundaryBits - atomBits);
        metrics.set(stream, "atomsPerStep", p.m());
        metrics.set(stream, "psnrY", new YuvSse(p.sse()[0], p.sse()[1], p.sse()[2], pixels, chroma).psnrY());
        metrics.record(stream, "encodeMs", nanos / 1_000_000);
    }

    /** A dead letter's record for a GOP refused here, after parsing. */
    private SourceRecord asRecord(RawGop gop) {
        return SourceRecord.refusedAfterParsing(rawTopic, gop.streamId(), RawGopFormat.write(gop),
                GvcHeaders.forRawGop(new RecordHeaders(), gop));
    }

    @Override
    public void close() throws Exception {
        if (engines != null) {
            engines.values().forEach(e -> e.encoder().close());
        }
        if (priors != null) {
            priors.close();
        }
    }
}
