package io.gvc.operators.types;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gvc.codec.frame.Frame;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

/** The values that travel between the job's operators: their defaults and derived fields. */
class OperatorTypesTest {

    @Test
    void sourceRecordKeepsHeadersInOrderAndTellsWhereItCameFrom() {
        List<SourceRecord.Header> hs = new ArrayList<>(List.of(new SourceRecord.Header("a", new byte[] {1}),
                new SourceRecord.Header("a", new byte[] {2})));
        SourceRecord r = new SourceRecord("gvc.raw-gops", 2, 17, 5L, new byte[3], new byte[10], hs);
        hs.clear();
        assertEquals(2, r.headers().size(), "copied in");
        assertThrows(UnsupportedOperationException.class, () -> r.headers().add(null));
        Headers k = r.kafkaHeaders();
        assertArrayEquals(new byte[] {2}, k.lastHeader("a").value());
        int n = 0;
        for (var ignored : k.headers("a")) {
            n++;
        }
        assertEquals(2, n, "repeated keys kept");
        assertEquals(13, r.size());
        assertEquals("gvc.raw-gops[2]@17", r.coordinates());
        assertEquals(0, new SourceRecord("t", 0, 0, 0, null, null, List.of()).size(), "null key and value");
    }

    @Test
    void aRecordRefusedAfterParsingIsKeyedByItsStreamWithoutCoordinates() {
        RecordHeaders h = new RecordHeaders();
        h.add("gvc.stream", "cam1".getBytes(StandardCharsets.UTF_8));
        SourceRecord r = SourceRecord.refusedAfterParsing("gvc.bitstream", "cam1", new byte[] {7}, h);
        assertArrayEquals("cam1".getBytes(StandardCharsets.UTF_8), r.key());
        assertEquals("gvc.bitstream[-1]@-1", r.coordinates());
        assertEquals("gvc.stream", r.headers().get(0).key());
    }

    @Test
    void missingTextsBecomeEmptyOrUnknown() {
        SourceRecord src = new SourceRecord("t", 0, 0, 0, null, null, List.of());
        DeadLetter d = new DeadLetter(src, "  ", null);
        assertEquals("unknown", d.reason());
        assertEquals("", d.stream());
        assertEquals("bad magic", new DeadLetter(src, "bad magic", "cam1").reason());

        DecodeTask t = new DecodeTask(new PacketEnvelope("cam1", 0, 0, new byte[0]), -1, null, null);
        assertEquals("", t.concealment());
        assertNull(t.sharedFirst());
    }

    @Test
    void aDecodedEnvelopeFailedWhenItSaysWhy() {
        Frame f = Frame.grey(2, 2);
        List<Frame> frames = new ArrayList<>(List.of(f));
        DecodedEnvelope ok = new DecodedEnvelope("cam1", 1, 0, 16, 0, 0, 0, 2, 2, frames, null, null);
        frames.clear();
        assertEquals(1, ok.frames().size(), "copied in");
        assertEquals("", ok.concealment());
        assertFalse(ok.failed());
        DecodedEnvelope failed = new DecodedEnvelope("cam1", 2, 1, 32, 0, 0, 0, 2, 2, List.of(), "", "model mismatch");
        assertTrue(failed.failed());
    }
}
