package io.gvc.operators.encode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.gvc.codec.frame.Frame;
import io.gvc.kafka.formats.RawGop;
import io.gvc.kafka.formats.RawGopFormat;
import io.gvc.operators.DeadLetters;
import io.gvc.operators.TestMedia;
import io.gvc.operators.types.DeadLetter;
import io.gvc.operators.types.SourceRecord;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;

/** Every refusal of the raw-GOP parser, with the reason text the dead-letter topic carries. */
class RawGopParserTest {

    /** Bytes of one 16x16 I420 frame. */
    static final int FRAME_BYTES = Frame.i420Size(16, 16);
    static final long LIMIT = 10_000;

    static RawGop gop(String stream, int frames, int width, int height) {
        return new RawGop(stream, 3, 12, TestMedia.T0, 25, 1, width, height,
                Collections.nCopies(frames, Frame.grey(width, height)));
    }

    static StreamConfig config() {
        return TestMedia.config().with("streams", "cam1, cam2").with("stream.cam1.width", "16")
                .with("stream.cam1.height", "16");
    }

    /** Runs one record through a fresh parser; returns [outputs, dead letters]. */
    static Result parse(StreamConfig config, SourceRecord r) throws Exception {
        try (OneInputStreamOperatorTestHarness<SourceRecord, RawGop> h =
                     ProcessFunctionTestHarnesses.forProcessFunction(new RawGopParser(config, LIMIT))) {
            h.processElement(r, 0);
            var side = h.getSideOutput(DeadLetters.TAG);
            return new Result(h.extractOutputValues(),
                    side == null ? List.of() : side.stream().map(StreamRecord::getValue).toList());
        }
    }

    record Result(List<RawGop> out, List<DeadLetter> dead) {
    }

    /** The record is refused with exactly {@code reason}, kept whole, and nothing goes downstream. */
    static void refused(StreamConfig config, SourceRecord r, String stream, String reason) throws Exception {
        Result res = parse(config, r);
        assertEquals(List.of(), res.out(), "nothing downstream");
        assertEquals(1, res.dead().size());
        DeadLetter d = res.dead().get(0);
        assertEquals(reason, d.reason());
        assertEquals(stream, d.stream());
        assertSame(r, d.record(), "the dead letter carries the record as it arrived");
    }

    @Test
    void validGopPasses() throws Exception {
        RawGop g = gop("cam1", 5, 16, 16);
        Result res = parse(config(), TestMedia.rawRecord(g));
        assertEquals(List.of(), res.dead());
        assertEquals(1, res.out().size());
        assertArrayEquals(RawGopFormat.write(g), RawGopFormat.write(res.out().get(0)));
        // a stream without a fixed resolution accepts any size
        RawGop other = gop("cam2", 2, 24, 8);
        assertEquals(1, parse(config(), TestMedia.rawRecord(other)).out().size());
    }

    @Test
    void oversizedRecord() throws Exception {
        RawGop g = gop("cam1", 30, 16, 16); // 30 x 384 bytes, above the 10 000 byte limit
        SourceRecord r = TestMedia.rawRecord(g);
        long size = 4 + r.value().length;
        refused(config(), r, "cam1", "oversized record: " + size + " bytes, the limit is 10000 (one GOP of the "
                + "configured size)");
    }

    @Test
    void garbageIsNotARawGop() throws Exception {
        byte[] junk = "hello, not a GOP".getBytes();
        refused(config(), TestMedia.rawRecord("cam1", junk), "cam1",
                "not a raw GOP: magic: not a raw-gop record (byte 0 is 0x68)");
        refused(config(), TestMedia.rawRecord("cam1", null), "cam1", "not a raw GOP: magic: null record value");
        refused(config(), TestMedia.rawRecord("cam1", new byte[] {'G', 'V'}), "cam1",
                "not a raw GOP: magic: truncated: needs 4 bytes at offset 0, 2 left");
    }

    @Test
    void truncatedRawGopNamesTheField() throws Exception {
        byte[] whole = RawGopFormat.write(gop("cam1", 3, 16, 16));
        // cut inside the frames
        byte[] cut = Arrays.copyOf(whole, whole.length - 100);
        refused(config(), TestMedia.rawRecord("cam1", cut), "cam1", "not a raw GOP: frames: 3 frames of 16x16 I420 "
                + "need " + 3 * FRAME_BYTES + " bytes, record has " + (3 * FRAME_BYTES - 100));
        // cut inside the header: magic 4, version 1, id 2+4, gopSeq 8 -> firstFrameIndex starts at 19
        byte[] header = Arrays.copyOf(whole, 22);
        refused(config(), TestMedia.rawRecord("cam1", header), "cam1",
                "not a raw GOP: firstFrameIndex: truncated: needs 8 bytes at offset 19, 3 left");
        // a version this build does not read
        byte[] v2 = whole.clone();
        v2[4] = 2;
        refused(config(), TestMedia.rawRecord("cam1", v2), "cam1",
                "not a raw GOP: version: unsupported version 2 (this build reads 1)");
    }

    @Test
    void keyMustBeTheStreamId() throws Exception {
        byte[] value = RawGopFormat.write(gop("cam1", 5, 16, 16));
        refused(config(), TestMedia.rawRecord("cam2", value), "cam2",
                "record key 'cam2' differs from the stream id 'cam1' in the value");
        refused(config(), TestMedia.rawRecord(null, value), "",
                "record key '' differs from the stream id 'cam1' in the value");
    }

    @Test
    void streamNotOnTheAllowList() throws Exception {
        StreamConfig onlyCam1 = TestMedia.config().with("streams", "cam1");
        refused(onlyCam1, TestMedia.rawRecord(gop("cam2", 5, 16, 16)), "cam2",
                "unknown stream 'cam2': not in the stream config's allow-list");
        assertEquals(1, parse(onlyCam1, TestMedia.rawRecord(gop("cam1", 5, 16, 16))).out().size());
        // without an allow-list every stream is accepted
        assertEquals(1, parse(TestMedia.config(), TestMedia.rawRecord(gop("cam9", 5, 16, 16))).out().size());
    }

    @Test
    void wrongResolution() throws Exception {
        refused(config(), TestMedia.rawRecord(gop("cam1", 5, 16, 8)), "cam1",
                "wrong resolution 16x8: stream cam1 is configured for 16x16");
        refused(config(), TestMedia.rawRecord(gop("cam1", 5, 32, 32)), "cam1",
                "wrong resolution 32x32: stream cam1 is configured for 16x16");
    }

    @Test
    void moreFramesThanTheGopSize() throws Exception {
        refused(config(), TestMedia.rawRecord(gop("cam1", 6, 16, 16)), "cam1",
                "GOP 3 has 6 frames, stream cam1 is configured for GOPs of 5");
        // per-stream GOP size wins over the default
        StreamConfig longer = config().with("stream.cam1.gop-frames", "9");
        assertEquals(1, parse(longer, TestMedia.rawRecord(gop("cam1", 6, 16, 16))).out().size());
        // a shorter GOP (the end of a stream) is fine
        assertEquals(1, parse(config(), TestMedia.rawRecord(gop("cam1", 1, 16, 16))).out().size());
    }

    @Test
    void oneBadRecordDoesNotStopTheStream() throws Exception {
        try (OneInputStreamOperatorTestHarness<SourceRecord, RawGop> h =
                     ProcessFunctionTestHarnesses.forProcessFunction(new RawGopParser(config(), LIMIT))) {
            h.processElement(TestMedia.rawRecord(gop("cam1", 5, 16, 16)), 0);
            h.processElement(TestMedia.rawRecord("cam1", new byte[] {1, 2, 3}), 0);
            h.processElement(TestMedia.rawRecord(gop("cam2", 5, 16, 16)), 0);
            assertEquals(List.of("cam1", "cam2"), h.extractOutputValues().stream().map(RawGop::streamId).toList());
            assertEquals(1, h.getSideOutput(DeadLetters.TAG).size());
        }
    }
}
