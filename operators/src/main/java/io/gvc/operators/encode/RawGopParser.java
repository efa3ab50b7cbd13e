package io.gvc.operators.encode;

import io.gvc.kafka.formats.RawGop;
import io.gvc.kafka.formats.RawGopFormat;
import io.gvc.kafka.formats.RecordFormatException;
import io.gvc.operators.DeadLetters;
import io.gvc.operators.metrics.StreamMetrics;
import io.gvc.operators.types.DeadLetter;
import io.gvc.operators.types.SourceRecord;
import java.nio.charset.StandardCharsets;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Raw-GOP records to {@link RawGop}s. Everything that can be judged from one record alone is
 * judged here (size, format, key, allow-list, resolution, GOP length), and a refused record goes to
 * the dead letters with a reason naming what is wrong; the stream goes on.
 */
public final class RawGopParser extends ProcessFunction<SourceRecord, RawGop> {

    private static final long serialVersionUID = 1L;

    private final StreamConfig config;
    private final long maxRecordBytes;
    private transient StreamMetrics metrics;

    /** @param maxRecordBytes largest raw-GOP record accepted (key + value) */
    public RawGopParser(StreamConfig config, long maxRecordBytes) {
        this.config = config;
        this.maxRecordBytes = maxRecordBytes;
    }

    @Override
    public void open(OpenContext context) {
        metrics = new StreamMetrics(getRuntimeContext().getMetricGroup());
    }

    @Override
    public void processElement(SourceRecord r, Context ctx, Collector<RawGop> out) {
        String key = r.key() == null ? "" : new String(r.key(), StandardCharsets.UTF_8);
        Verdict v = check(r, key);
        if (v.problem() != null) {
            ctx.output(DeadLetters.TAG, new DeadLetter(r, v.problem(), key));
            metrics.inc(key, "deadLetters");
            return;
        }
        out.collect(v.gop());
    }

    /** A parsed GOP, or why there is none. */
    private record Verdict(RawGop gop, String problem) {
        static Verdict refuse(String why) {
            return new Verdict(null, why);
        }
    }

    private Verdict check(SourceRecord r, String key) {
        if (r.size() > maxRecordBytes) {
            return Verdict.refuse("oversized record: " + r.size() + " bytes, the limit is " + maxRecordBytes
                    + " (one GOP of the configured size)");
        }
        RawGop gop;
        try {
            gop = RawGopFormat.read(r.value());
        } catch (RecordFormatException e) {
            return Verdict.refuse("not a raw GOP: " + e.getMessage());
        } catch (IllegalArgumentException e) {
            return Verdict.refuse("not a raw GOP: " + e.getMessage());
        }
        if (!gop.streamId().equals(key)) {
            return Verdict.refuse("record key '" + key + "' differs from the stream id '" + gop.streamId() + "' in the value");
        }
        if (!config.accepts(gop.streamId())) {
            return Verdict.refuse("unknown stream '" + gop.streamId() + "': not in the stream config's allow-list");
        }
        StreamSettings s = config.settings(gop.streamId());
        if (s.fixesResolution() && (gop.width() != s.width() || gop.height() != s.height())) {
            return Verdict.refuse("wrong resolution " + gop.width() + "x" + gop.height() + ": stream " + gop.streamId()
                    + " is configured for " + s.width() + "x" + s.height());
        }
        if (gop.frameCount() > s.params().gopFrames()) {
            return Verdict.refuse("GOP " + gop.gopSeq() + " has " + gop.frameCount() + " frames, stream " + gop.streamId()
                    + " is configured for GOPs of " + s.params().gopFrames());
        }
        return new Verdict(gop, null);
    }
}
