package io.gvc.operators.kafka;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gvc.codec.bitstream.PacketCodec;
import io.gvc.codec.frame.Frame;
import io.gvc.kafka.formats.DecodedGop;
import io.gvc.kafka.formats.DecodedGopFormat;
import io.gvc.kafka.formats.GvcHeaders;
import io.gvc.operators.types.DeadLetter;
import io.gvc.operators.types.DecodedEnvelope;
import io.gvc.operators.types.PacketEnvelope;
import io.gvc.operators.types.SourceRecord;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

/** What the job's Kafka sinks write and its sources read, record by record. */
class RecordSerializersTest {

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aPacketIsKeyedByItsStreamWithTheBytesAsTheyAreAndGopHeaders() {
        byte[] packet = {1, 2, 3, 4};
        ProducerRecord<byte[], byte[]> r = new PacketRecordSerializer("t.bitstream")
                .serialize(new PacketEnvelope("cam1", 7, 123_456L, packet), null, 99L);
        assertEquals("t.bitstream", r.topic());
        assertNull(r.partition(), "the producer partitions by key");
        assertEquals(99L, r.timestamp());
        assertArrayEquals(utf8("cam1"), r.key());
        assertArrayEquals(packet, r.value());
        assertEquals("cam1", GvcHeaders.stream(r.headers()).orElseThrow());
        assertEquals(7, GvcHeaders.gopSeq(r.headers()).getAsLong());
        assertEquals(123_456L, GvcHeaders.captureTs(r.headers()).getAsLong());
        assertTrue(GvcHeaders.format(r.headers()).orElseThrow().endsWith(Integer.toString(PacketCodec.VERSION)),
                GvcHeaders.format(r.headers()).orElseThrow());
    }

    @Test
    void aDecodedGopIsWrittenInDecodedGopFormatAndSaysWhenItWasConcealed() throws Exception {
        Frame f = Frame.grey(4, 2);
        DecodedEnvelope plain = new DecodedEnvelope("cam2", 3, 2, 48, 1_000L, 2_000L, 5L, 4, 2, List.of(f, f), "", "");
        ProducerRecord<byte[], byte[]> r = new DecodedGopRecordSerializer("t.decoded").serialize(plain, null, 5L);
        assertEquals("t.decoded", r.topic());
        assertArrayEquals(utf8("cam2"), r.key());
        DecodedGop gop = DecodedGopFormat.read(r.value());
        assertEquals("cam2", gop.streamId());
        assertEquals(3, gop.gopSeq());
        assertEquals(48, gop.firstFrameIndex());
        assertEquals(2_000L, gop.decodeFinishedMicros());
        assertEquals(2, gop.frames().size());
        assertArrayEquals(f.y(), gop.frames().get(1).y());
        assertEquals(3, GvcHeaders.gopSeq(r.headers()).getAsLong());
        assertTrue(GvcHeaders.get(r.headers(), GvcHeaders.CONCEALED).isEmpty());

        DecodedEnvelope concealed = new DecodedEnvelope("cam2", 4, 3, 50, 1_000L, 2_000L, 5L, 4, 2, List.of(f),
                "previous boundary", "");
        ProducerRecord<byte[], byte[]> c = new DecodedGopRecordSerializer("t.decoded").serialize(concealed, null, 5L);
        assertEquals("previous boundary", GvcHeaders.get(c.headers(), GvcHeaders.CONCEALED).orElseThrow());
    }

    @Test
    void aDeadLetterKeepsTheOriginalRecordAndAddsWhyAndWhence() {
        SourceRecord src = new SourceRecord("t.raw", 2, 41, 7L, utf8("cam3"), new byte[] {9, 9},
                List.of(new SourceRecord.Header("app", utf8("x"))));
        ProducerRecord<byte[], byte[]> r = new DeadLetterRecordSerializer("t.dead")
                .serialize(new DeadLetter(src, "truncated at width", "cam3"), null, 8L);
        assertEquals("t.dead", r.topic());
        assertArrayEquals(utf8("cam3"), r.key());
        assertArrayEquals(new byte[] {9, 9}, r.value());
        assertArrayEquals(utf8("x"), r.headers().lastHeader("app").value());
        assertEquals("truncated at width", GvcHeaders.error(r.headers()).orElseThrow());
        assertEquals("t.raw", GvcHeaders.sourceTopic(r.headers()).orElseThrow());
        assertEquals(2, GvcHeaders.sourcePartition(r.headers()).getAsInt());
        assertEquals(41, GvcHeaders.sourceOffset(r.headers()).getAsLong());
    }

    @Test
    void theSourceTakesEveryRecordAsItIsHeadersInOrder() {
        ConsumerRecord<byte[], byte[]> in = new ConsumerRecord<>("t.raw", 1, 17L, 1_234L, TimestampType.CREATE_TIME,
                4, 3, utf8("cam4"), new byte[] {0, 1, 2},
                new RecordHeaders(List.of(new RecordHeader("a", utf8("1")), new RecordHeader("b", utf8("2")))),
                java.util.Optional.empty());
        List<SourceRecord> out = new ArrayList<>();
        new RecordCapture().deserialize(in, new Collector<>() {
            @Override
            public void collect(SourceRecord record) {
                out.add(record);
            }

            @Override
            public void close() {
            }
        });
        assertEquals(1, out.size());
        SourceRecord r = out.get(0);
        assertEquals("t.raw", r.topic());
        assertEquals(1, r.partition());
        assertEquals(17L, r.offset());
        assertEquals(1_234L, r.timestamp());
        assertArrayEquals(utf8("cam4"), r.key());
        assertArrayEquals(new byte[] {0, 1, 2}, r.value());
        assertEquals(List.of("a", "b"), r.headers().stream().map(SourceRecord.Header::key).toList());
        assertArrayEquals(utf8("2"), r.headers().get(1).value());
    }
}
