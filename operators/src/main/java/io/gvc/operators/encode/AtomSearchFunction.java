package io.gvc.operators.encode;

import io.gvc.codec.EncodedGop;
import io.gvc.codec.GopAtomCoder;
import io.gvc.codec.bitstream.GvcPacket;
import io.gvc.codec.bitstream.PacketCodec;
import io.gvc.codec.frame.VideoFormat;
import io.gvc.kafka.formats.GvcHeaders;
import io.gvc.kafka.formats.RawGop;
import io.gvc.kafka.formats.RawGopFormat;
import io.gvc.model.registry.OpenedModels;
import io.gvc.codec.prior.FlowPrior;
import io.gvc.operators.DeadLetters;
import io.gvc.operators.FailureDrill;
import io.gvc.operators.PriorSource;
import io.gvc.operators.RecordFailures;
import io.gvc.operators.metrics.StreamMetrics;
import io.gvc.operators.types.AtomSearchTask;
import io.gvc.operators.types.DeadLetter;
import io.gvc.operators.types.EncodedPacket;
import io.gvc.operators.types.SourceRecord;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * The encoder's parallel stage, and its expensive step: codes the rest of each GOP's packet (the
 * prior's side information and the atoms searched along the decoder's own trajectory) with the
 * engine's {@link GopAtomCoder}, from the GOP's frames and its keyframes as the keyframe chain coded
 * them. Stateless, so it runs at any parallelism and one camera's GOPs spread over every subtask;
 * each subtask opens the prior of each model its streams use on first use and keeps it.
 *
 * <p>A GOP that fails here goes to the dead letters, and a failed result still goes on to the
 * packet reorderer so the stream's other GOPs are not held up. The keyframe chain has already moved
 * on past it (it refuses everything it can tell is wrong before that), so the decoder conceals the
 * next GOP's shared first frame. A failure that is not the GOP's (ONNX Runtime, I/O; see
 * {@link RecordFailures}) fails the task instead.
 */
public final class AtomSearchFunction extends ProcessFunction<AtomSearchTask, EncodedPacket> {

    private static final long serialVersionUID = 1L;

    private final StreamConfig config;
    private final PriorSource priorSource;
    private final String rawTopic;
    private final FailureDrill drill;

    private transient OpenedModels<FlowPrior> priors;
    private transient Map<String, StreamCoder> coders;
    private transient StreamMetrics metrics;
    private transient long handled;

    /** The atom coder of one stream, rebuilt when its picture format changes. */
    private record StreamCoder(VideoFormat format, GopAtomCoder coder) {
    }

    public AtomSearchFunction(StreamConfig config, PriorSource priorSource, String rawTopic, FailureDrill drill) {
        this.config = config;
        this.priorSource = priorSource;
        this.rawTopic = rawTopic;
        this.drill = drill;
    }

    @Override
    public void open(OpenContext context) throws Exception {
        priors = priorSource.openForEncoding(null, config.threads());
        coders = new HashMap<>();
        metrics = new StreamMetrics(getRuntimeContext().getMetricGroup());
    }

    @Override
    public void processElement(AtomSearchTask task, Context ctx, Collector<EncodedPacket> out) throws Exception {
        RawGop gop = task.gop();
        String stream = gop.streamId();
        EncodedGop e;
        byte[] packet;
        long nanos;
        try {
            GopAtomCoder coder = coder(stream, gop.format(), config.settings(stream)).coder();
            long t0 = System.nanoTime();
            e = coder.encode(gop.toGop(), task.keyframed());
            nanos = System.nanoTime() - t0;
            packet = PacketCodec.write(e.packet());
        } catch (Exception ex) {
            String why = RecordFailures.reasonOrRethrow("GOP " + gop.gopSeq() + " of stream " + stream + " ("
                    + gop.width() + "x" + gop.height() + ", " + gop.frameCount() + " frames) refused by the atom search",
                    ex);
            metrics.inc(stream, "deadLetters");
            ctx.output(DeadLetters.TAG, new DeadLetter(asRecord(gop), why, stream));
            out.collect(new EncodedPacket(stream, gop.gopSeq(), task.previousSeq(), gop.captureTimeMicros(), null,
                    why));
            return;
        }
        out.collect(new EncodedPacket(stream, gop.gopSeq(), task.previousSeq(), gop.captureTimeMicros(), packet, ""));
        report(stream, gop, e.packet(), packet.length, task.keyframed().chained(), nanos);
        drill.check(getRuntimeContext(), ++handled);
    }

    private StreamCoder coder(String stream, VideoFormat format, StreamSettings settings) throws IOException {
        StreamCoder c = coders.get(stream);
        if (c == null || !c.format().equals(format)) {
            if (c != null) {
                coders.remove(stream); // closed: never used again, even if the new one cannot be built
                c.coder().close();
            }
            c = new StreamCoder(format, new GopAtomCoder(settings.params(), format,
                    priors.forEncoding(settings.params().variant())));
            coders.put(stream, c);
        }
        return c;
    }

    private void report(String stream, RawGop gop, GvcPacket p, int bytes, boolean chained, long nanos) {
        long outFrames = chained ? gop.frameCount() - 1L : gop.frameCount();
        long pixels = outFrames * gop.width() * gop.height();
        long bits = 8L * bytes;
        long boundaryBits = 8L * p.boundaryBytes();
        long atomBits = 8L * p.atoms().length;
        metrics.inc(stream, "gopsSearched");
        metrics.set(stream, "bitsPerGop", bits);
        metrics.set(stream, "bpp", (double) bits / pixels);
        metrics.set(stream, "boundaryBits", boundaryBits);
        metrics.set(stream, "atomBits", atomBits);
        metrics.set(stream, "sideBits", bits - boundaryBits - atomBits);
        metrics.set(stream, "atomsPerStep", p.m());
        metrics.set(stream, "psnrY", p.psnr().psnrY());
        metrics.record(stream, "searchMs", nanos / 1_000_000);
    }

    /** A dead letter's record for a GOP refused here, after parsing. */
    private SourceRecord asRecord(RawGop gop) {
        return SourceRecord.refusedAfterParsing(rawTopic, gop.streamId(), RawGopFormat.write(gop),
                GvcHeaders.forRawGop(new RecordHeaders(), gop));
    }

    @Override
    public void close() throws Exception {
        if (coders != null) {
            coders.values().forEach(c -> c.coder().close());
        }
        if (priors != null) {
            priors.close();
        }
    }
}
