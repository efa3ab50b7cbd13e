package io.gvc.kafka.formats;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SerdeAndHeadersTest {

    @Test
    void rawGopSerdeSetsHeadersAndRoundTrips() {
        RawGop gop = TestGops.raw("cam-9", 2, 4, 4);
        Headers h = new RecordHeaders();
        h.add(GvcHeaders.STREAM, "stale".getBytes(StandardCharsets.UTF_8));
        try (RawGopSerializer ser = new RawGopSerializer(); RawGopDeserializer de = new RawGopDeserializer()) {
            byte[] bytes = ser.serialize("t", h, gop);
            assertEquals(Optional.of("raw-gop/1"), GvcHeaders.format(h));
            assertEquals(Optional.of("cam-9"), GvcHeaders.stream(h));
            assertEquals(4, h.toArray().length, "stale stream header replaced, not repeated");
            assertEquals(OptionalLong.of(7), GvcHeaders.gopSeq(h));
            assertEquals(OptionalLong.of(gop.captureTimeMicros()), GvcHeaders.captureTs(h));
            RawGop back = de.deserialize("t", bytes);
            TestGops.assertSameFrames(gop.frames(), back.frames());
            assertNull(ser.serialize("t", h, null));
            assertNull(de.deserialize("t", null));
        }
    }

    @Test
    void decodedGopSerdeSetsHeaders() {
        DecodedGop gop = TestGops.decoded("cam-3", 1, 2, 2);
        Headers h = new RecordHeaders();
        try (DecodedGopSerializer ser = new DecodedGopSerializer(); DecodedGopDeserializer de = new DecodedGopDeserializer()) {
            byte[] bytes = ser.serialize("t", h, gop);
            assertEquals(Optional.of("decoded-gop/1"), GvcHeaders.format(h));
            assertEquals(gop.decodeFinishedMicros(), de.deserialize("t", bytes).decodeFinishedMicros());
        }
    }

    @Test
    void badValueBecomesSerializationExceptionWithTheFormatError() {
        try (RawGopDeserializer de = new RawGopDeserializer()) {
            SerializationException e = assertThrows(SerializationException.class,
                    () -> de.deserialize("gvc.raw-gops", new byte[] {'G', 'V', 'R', 'G', 9}));
            RecordFormatException cause = assertInstanceOf(RecordFormatException.class, e.getCause());
            assertEquals("version", cause.field());
            assertTrue(e.getMessage().contains("gvc.raw-gops"), e.getMessage());
        }
    }

    @Test
    void packetsPassThroughUntouched() {
        byte[] packet = {1, 2, 3, (byte) 0xff};
        try (GvcPacketSerializer ser = new GvcPacketSerializer(); GvcPacketDeserializer de = new GvcPacketDeserializer()) {
            assertSame(packet, ser.serialize("t", packet));
            assertSame(packet, de.deserialize("t", packet));
        }
        Headers h = GvcHeaders.forPacket(new RecordHeaders(), 1, "s", 4, 5);
        assertEquals(Optional.of("gvc-packet/1"), GvcHeaders.format(h));
        assertEquals(OptionalLong.of(4), GvcHeaders.gopSeq(h));
    }

    @Test
    void deadLetterKeepsTheRecordAndAddsTheReason() {
        ConsumerRecord<byte[], byte[]> bad = new ConsumerRecord<>("gvc.raw-gops", 2, 41L,
                "cam".getBytes(StandardCharsets.UTF_8), new byte[] {1, 2});
        GvcHeaders.set(bad.headers(), GvcHeaders.STREAM, "cam");
        ProducerRecord<byte[], byte[]> dl = GvcHeaders.deadLetter("gvc.dead-letters", bad, "x".repeat(5000));
        assertEquals("gvc.dead-letters", dl.topic());
        assertArrayEquals(bad.value(), dl.value());
        assertArrayEquals(bad.key(), dl.key());
        assertEquals(Optional.of("cam"), GvcHeaders.stream(dl.headers()));
        assertEquals(Optional.of("gvc.raw-gops"), GvcHeaders.sourceTopic(dl.headers()));
        assertEquals(OptionalInt.of(2), GvcHeaders.sourcePartition(dl.headers()));
        assertEquals(OptionalLong.of(41), GvcHeaders.sourceOffset(dl.headers()));
        assertEquals(GvcHeaders.MAX_ERROR_CHARS, GvcHeaders.error(dl.headers()).orElseThrow().length());
        assertTrue(bad.headers().lastHeader(GvcHeaders.ERROR) == null, "the consumed record is not changed");
    }

    @Test
    void unreadableNumbersReadAsEmpty() {
        Headers h = new RecordHeaders();
        GvcHeaders.set(h, GvcHeaders.GOP_SEQ, "seven");
        assertEquals(OptionalLong.empty(), GvcHeaders.gopSeq(h));
        assertEquals(OptionalLong.empty(), GvcHeaders.captureTs(h));
    }
}
