package io.gvc.operators.decode;

import io.gvc.codec.bitstream.BitstreamException;
import io.gvc.codec.bitstream.GvcPacket;
import io.gvc.codec.bitstream.PacketCodec;
import io.gvc.kafka.formats.GvcHeaders;
import io.gvc.operators.DeadLetters;
import io.gvc.operators.metrics.StreamMetrics;
import io.gvc.operators.types.DeadLetter;
import io.gvc.operators.types.PacketEnvelope;
import io.gvc.operators.types.SourceRecord;
import java.nio.charset.StandardCharsets;
import java.util.OptionalLong;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Bitstream records to packets. The packet is parsed in full (every field and the CRC32C), so a
 * damaged record is refused here, with the field that is wrong, rather than on a decoder slot.
 */
public final class PacketParser extends ProcessFunction<SourceRecord, PacketEnvelope> {

    private static final long serialVersionUID = 1L;
    private final long maxRecordBytes;
    private transient StreamMetrics metrics;

    public PacketParser(long maxRecordBytes) {
        this.maxRecordBytes = maxRecordBytes;
    }

    @Override
    public void open(OpenContext context) {
        metrics = new StreamMetrics(getRuntimeContext().getMetricGroup());
    }

    @Override
    public void processElement(SourceRecord r, Context ctx, Collector<PacketEnvelope> out) {
        String stream = r.key() == null ? "" : new String(r.key(), StandardCharsets.UTF_8);
        String problem = null;
        GvcPacket packet = null;
        if (stream.isEmpty()) {
            problem = "record has no key: bitstream records are keyed by stream id";
        } else if (r.value() == null) {
            problem = "record has no value";
        } else if (r.size() > maxRecordBytes) {
            problem = "oversized record: " + r.size() + " bytes, the limit is " + maxRecordBytes;
        } else {
            try {
                packet = PacketCodec.read(r.value());
            } catch (BitstreamException e) {
                problem = "corrupt packet: " + e.getMessage();
            } catch (RuntimeException e) {
                problem = "corrupt packet: " + e;
            }
        }
        if (problem != null) {
            metrics.inc(stream, "deadLetters");
            ctx.output(DeadLetters.TAG, new DeadLetter(r, problem, stream));
            return;
        }
        out.collect(new PacketEnvelope(stream, packet.gopSeq(), captureTime(r), r.value()));
    }

    /** The capture time header, or the record's timestamp (ms) when the producer set none. */
    private static long captureTime(SourceRecord r) {
        OptionalLong ts = GvcHeaders.captureTs(r.kafkaHeaders());
        return ts.isPresent() && ts.getAsLong() >= 0 ? ts.getAsLong() : Math.max(0, r.timestamp()) * 1000;
    }
}
