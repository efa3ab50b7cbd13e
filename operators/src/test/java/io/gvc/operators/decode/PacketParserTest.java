package io.gvc.operators.decode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.gvc.codec.bitstream.BitstreamException;
import io.gvc.codec.bitstream.PacketCodec;
import io.gvc.operators.DeadLetters;
import io.gvc.operators.TestMedia;
import io.gvc.operators.types.DeadLetter;
import io.gvc.operators.types.PacketEnvelope;
import io.gvc.operators.types.SourceRecord;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Bitstream records to packets: capture time, and every refusal with its reason. */
class PacketParserTest {

    static final long LIMIT = 100_000;
    static final long TIMESTAMP_MS = 1_764_000_000_123L;
    /** GOP 1 of a two-GOP stream. */
    static byte[] packet;

    @BeforeAll
    static void encode() {
        packet = PacketCodec.write(TestMedia.encode(TestMedia.video(32, 32, 9)).gops().get(1).packet());
    }

    static SourceRecord record(String key, byte[] value, List<SourceRecord.Header> headers) {
        return new SourceRecord("gvc.bitstream", 2, 77, TIMESTAMP_MS,
                key == null ? null : key.getBytes(StandardCharsets.UTF_8), value, headers);
    }

    static SourceRecord.Header captureTs(String value) {
        return new SourceRecord.Header("gvc.capture-ts", value.getBytes(StandardCharsets.UTF_8));
    }

    record Result(List<PacketEnvelope> out, List<DeadLetter> dead) {
    }

    static Result parse(SourceRecord r) throws Exception {
        try (OneInputStreamOperatorTestHarness<SourceRecord, PacketEnvelope> h =
                     ProcessFunctionTestHarnesses.forProcessFunction(new PacketParser(LIMIT))) {
            h.processElement(r, 0);
            var side = h.getSideOutput(DeadLetters.TAG);
            return new Result(h.extractOutputValues(),
                    side == null ? List.of() : side.stream().map(StreamRecord::getValue).toList());
        }
    }

    static void refused(SourceRecord r, String stream, String reason) throws Exception {
        Result res = parse(r);
        assertEquals(List.of(), res.out());
        assertEquals(1, res.dead().size());
        assertEquals(reason, res.dead().get(0).reason());
        assertEquals(stream, res.dead().get(0).stream());
        assertSame(r, res.dead().get(0).record());
    }

    @Test
    void validPacketWithCaptureTimeHeader() throws Exception {
        Result res = parse(record("cam1", packet, List.of(captureTs("1764000000000999"))));
        assertEquals(List.of(), res.dead());
        PacketEnvelope e = res.out().get(0);
        assertEquals("cam1", e.streamId());
        assertEquals(1, e.gopSeq(), "the GOP number comes from the packet");
        assertEquals(1_764_000_000_000_999L, e.captureTimeMicros());
        assertArrayEquals(packet, e.packet());
    }

    @Test
    void captureTimeFallsBackToTheRecordTimestamp() throws Exception {
        assertEquals(TIMESTAMP_MS * 1000, parse(record("cam1", packet, List.of())).out().get(0).captureTimeMicros());
        assertEquals(TIMESTAMP_MS * 1000,
                parse(record("cam1", packet, List.of(captureTs("soon")))).out().get(0).captureTimeMicros());
        assertEquals(TIMESTAMP_MS * 1000,
                parse(record("cam1", packet, List.of(captureTs("-5")))).out().get(0).captureTimeMicros());
    }

    @Test
    void refusals() throws Exception {
        refused(record(null, packet, List.of()), "", "record has no key: bitstream records are keyed by stream id");
        refused(record("", packet, List.of()), "", "record has no key: bitstream records are keyed by stream id");
        refused(record("cam1", null, List.of()), "cam1", "record has no value");
        byte[] big = new byte[(int) LIMIT];
        refused(record("cam1", big, List.of()), "cam1", "oversized record: " + (LIMIT + 4) + " bytes, the limit is "
                + LIMIT);
    }

    @Test
    void corruptPacketNamesTheField() throws Exception {
        byte[] bad = packet.clone();
        bad[bad.length / 2] ^= 0x10;
        BitstreamException e = assertThrows(BitstreamException.class, () -> PacketCodec.read(bad));
        refused(record("cam1", bad, List.of()), "cam1", "corrupt packet: " + e.getMessage());

        byte[] junk = "not a packet at all".getBytes(StandardCharsets.UTF_8);
        BitstreamException j = assertThrows(BitstreamException.class, () -> PacketCodec.read(junk));
        refused(record("cam1", junk, List.of()), "cam1", "corrupt packet: " + j.getMessage());
        refused(record("cam1", new byte[0], List.of()), "cam1",
                "corrupt packet: " + assertThrows(BitstreamException.class, () -> PacketCodec.read(new byte[0])).getMessage());
    }
}
