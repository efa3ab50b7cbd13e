package io.gvc.operators.decode;

import io.gvc.codec.GopDecoder;
import io.gvc.codec.bitstream.BitstreamException;
import io.gvc.codec.bitstream.GvcPacket;
import io.gvc.codec.bitstream.PacketCodec;
import io.gvc.codec.frame.Frame;
import io.gvc.operators.DeadLetters;
import io.gvc.operators.GopJumps;
import io.gvc.operators.RecordFailures;
import io.gvc.operators.metrics.KeyedCounterTotals;
import io.gvc.operators.metrics.StreamMetrics;
import io.gvc.operators.serde.GvcTypes;
import io.gvc.operators.types.DeadLetter;
import io.gvc.operators.types.DecodeTask;
import io.gvc.operators.types.PacketEnvelope;
import io.gvc.operators.types.SourceRecord;
import java.io.IOException;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Makes each packet decodable on its own, so one stream's GOPs can be generated on many slots at
 * once. Keyed by stream, it sees the stream's packets in order (one Kafka partition per stream) and
 * keeps the last boundary frame: FLF2V codes every GOP's last frame intra, so the next GOP's shared
 * first frame costs one intra decode here, not a generation.
 *
 * <p>It also links the packets: each task carries the GOP number of the one handed on before it,
 * and the reorderer releases GOPs along that chain, so GOPs the encoder skipped or that were refused
 * here never hold the stream up.
 *
 * <p>A packet whose predecessor never arrived (dead-lettered) is concealed: it starts from the
 * newest boundary frame there is, counted ({@code gopsConcealed}) and marked on the output record.
 * A packet that needs a predecessor when the stream has none at all is refused.
 *
 * <p>A packet numbered more than {@link GopJumps#MAX_JUMP} ahead of the newest one is refused
 * ({@code gopsImplausible}) unless the packet refused before it is its predecessor, so one absurd
 * GOP number never makes every later packet "late". A packet whose boundary picture cannot be
 * decoded is refused; failures that are not the packet's fail the task ({@link RecordFailures}).
 */
public final class BoundaryResolver extends KeyedProcessFunction<String, PacketEnvelope, DecodeTask> {

    private static final long serialVersionUID = 1L;
    private final String bitstreamTopic;

    private transient ValueState<Frame> lastBoundary;
    private transient ValueState<Long> lastBoundarySeq;
    private transient ValueState<Long> lastHandedOn;
    /** The last packet refused as too far ahead (GopJumps), cleared by every packet handed on. */
    private transient ValueState<Long> refusedJump;
    private transient StreamMetrics metrics;

    public BoundaryResolver(String bitstreamTopic) {
        this.bitstreamTopic = bitstreamTopic;
    }

    @Override
    public void open(OpenContext context) {
        lastBoundary = getRuntimeContext().getState(new ValueStateDescriptor<>("last-boundary", GvcTypes.FRAME));
        lastBoundarySeq = getRuntimeContext().getState(new ValueStateDescriptor<>("last-boundary-seq", Types.LONG));
        lastHandedOn = getRuntimeContext().getState(new ValueStateDescriptor<>("last-handed-on", Types.LONG));
        refusedJump = getRuntimeContext().getState(new ValueStateDescriptor<>("refused-jump", Types.LONG));
        metrics = new StreamMetrics(getRuntimeContext().getMetricGroup(), KeyedCounterTotals.of(getRuntimeContext()));
    }

    @Override
    public void processElement(PacketEnvelope env, Context ctx, Collector<DecodeTask> out) throws Exception {
        String stream = env.streamId();
        Long handedOn = lastHandedOn.value();
        // the newest GOP seen: handed on, or refused after its last frame was kept (see below)
        Long newest = handedOn;
        Long boundarySeq = lastBoundarySeq.value();
        if (boundarySeq != null && (newest == null || boundarySeq > newest)) {
            newest = boundarySeq;
        }
        if (newest != null && env.gopSeq() <= newest) {
            refuse(ctx, env, "GOP " + env.gopSeq() + " of stream " + stream + " arrived after GOP " + newest
                    + " (late or duplicate)");
            return;
        }
        Long expected = newest == null ? null : newest + 1;
        if (GopJumps.judge(expected, env.gopSeq(), refusedJump.value()) == GopJumps.Verdict.REFUSE) {
            metrics.inc(stream, "gopsImplausible");
            refusedJump.update(env.gopSeq());
            refuse(ctx, env, GopJumps.reason(stream, env.gopSeq(), expected));
            return;
        }
        GvcPacket p = PacketCodec.read(env.packet()); // parsed and checked before, cannot fail here
        Frame shared = null;
        String concealment = "";
        if (GopDecoder.needsSharedFirst(p)) {
            Long have = lastBoundarySeq.value();
            Frame frame = lastBoundary.value();
            int w = p.config().format().width(), h = p.config().format().height();
            if (frame == null || frame.width() != w || frame.height() != h) {
                // keep this packet's last frame although the packet is refused: the next packet starts from
                // it. Only an intra last frame can be kept; a predicted one needs the missing first frame,
                // so the stream resumes at the next random-access GOP (GopDecoder.endsOnIntra)
                try {
                    rememberLastBoundary(p, env.gopSeq(), null);
                } catch (Exception e) {
                    RecordFailures.reasonOrRethrow("boundary", e); // nothing to keep; refused below either way
                }
                refuse(ctx, env, "GOP " + env.gopSeq() + " of stream " + stream + " starts from GOP "
                        + (env.gopSeq() - 1) + "'s last frame, and no earlier " + w + "x" + h
                        + " frame of this stream arrived to stand in for it");
                return;
            }
            shared = frame;
            if (have != env.gopSeq() - 1) {
                concealment = "GOP " + (env.gopSeq() - 1) + " is missing; its last frame was replaced by GOP "
                        + have + "'s";
                metrics.inc(stream, "gopsConcealed");
            }
        }
        try {
            rememberLastBoundary(p, env.gopSeq(), shared);
        } catch (Exception e) {
            refuse(ctx, env, RecordFailures.reasonOrRethrow("corrupt boundary picture", e));
            return;
        }
        out.collect(new DecodeTask(env, handedOn == null ? -1 : handedOn, shared, concealment));
        lastHandedOn.update(env.gopSeq());
        refusedJump.clear();
        metrics.inc(stream, "gopsResolved");
    }

    /** Stores the packet's last boundary frame (FLF2V), the frame the next packet of the stream starts from. */
    private void rememberLastBoundary(GvcPacket p, long gopSeq, Frame shared) throws BitstreamException, IOException {
        var last = GopDecoder.lastBoundary(p, shared);
        if (last.isPresent()) {
            lastBoundary.update(last.get());
            lastBoundarySeq.update(gopSeq);
        }
    }

    private void refuse(Context ctx, PacketEnvelope env, String why) {
        metrics.inc(env.streamId(), "deadLetters");
        SourceRecord r = SourceRecord.refusedAfterParsing(bitstreamTopic, env.streamId(), env.packet(),
                new RecordHeaders());
        ctx.output(DeadLetters.TAG, new DeadLetter(r, why, env.streamId()));
    }
}
