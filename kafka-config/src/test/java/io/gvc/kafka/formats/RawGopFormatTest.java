package io.gvc.kafka.formats;

import io.gvc.codec.frame.Gop;
import io.gvc.codec.frame.VideoFormat;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

class RawGopFormatTest {

    static final Set<String> FIELDS = Set.of("magic", "version", "streamId", "gopSeq", "firstFrameIndex",
            "captureTimeMicros", "fpsNum", "fpsDen", "width", "height", "frameCount", "frames");

    @Test
    void roundTripKeepsEveryFieldAndPixel() throws Exception {
        RawGop gop = TestGops.raw("cam-é-1", 3, 7, 5); // odd size: chroma rounds up
        byte[] bytes = RawGopFormat.write(gop);
        assertEquals(RawGopFormat.FIXED_BYTES + "cam-é-1".getBytes(StandardCharsets.UTF_8).length
                + 3 * (35 + 2 * 12), bytes.length);
        RawGop back = RawGopFormat.read(bytes);
        assertEquals(gop.streamId(), back.streamId());
        assertEquals(gop.gopSeq(), back.gopSeq());
        assertEquals(gop.firstFrameIndex(), back.firstFrameIndex());
        assertEquals(gop.captureTimeMicros(), back.captureTimeMicros());
        assertEquals(gop.format(), back.format());
        TestGops.assertSameFrames(gop.frames(), back.frames());
        assertArrayEquals(bytes, RawGopFormat.write(back));
    }

    @Test
    void layoutIsBigEndianAsDocumented() {
        RawGop gop = new RawGop("ab", 0x0102030405060708L, 9, 10, 25, 1, 2, 2,
                TestGops.frames(1, 2, 2, 1));
        ByteBuffer b = ByteBuffer.wrap(RawGopFormat.write(gop));
        byte[] magic = new byte[4];
        b.get(magic);
        assertEquals("GVRG", new String(magic, StandardCharsets.US_ASCII));
        assertEquals(1, b.get());
        assertEquals(2, b.getShort());
        assertEquals('a', b.get());
        assertEquals('b', b.get());
        assertEquals(0x01, b.get(b.position())); // most significant byte first
        assertEquals(0x0102030405060708L, b.getLong());
        assertEquals(9, b.getLong());
        assertEquals(10, b.getLong());
        assertEquals(25, b.getInt());
        assertEquals(1, b.getInt());
        assertEquals(2, b.getInt());
        assertEquals(2, b.getInt());
        assertEquals(1, b.getInt());
        assertEquals(6, b.remaining()); // 2x2 Y + 1 U + 1 V
    }

    @Test
    void codecTypesConvertBothWays() {
        VideoFormat f = new VideoFormat(8, 6, 25, 1);
        Gop g = new Gop(3, 96, TestGops.frames(2, 8, 6, 5));
        RawGop raw = RawGop.of("s", f, g, 123);
        assertEquals(f, raw.format());
        assertEquals(3, raw.toGop().seq());
        assertEquals(96, raw.toGop().firstFrame());
        assertEquals(2, raw.toGop().size());
    }

    @Test
    void constructorRefusesWhatTheReaderWouldRefuse() {
        assertThrows(IllegalArgumentException.class, () -> TestGops.raw("", 1, 2, 2));
        assertThrows(IllegalArgumentException.class, () -> TestGops.raw("x".repeat(256), 1, 2, 2));
        assertThrows(IllegalArgumentException.class, () -> TestGops.raw("\uD800", 1, 2, 2));
        assertThrows(IllegalArgumentException.class,
                () -> new RawGop("s", -1, 0, 0, 1, 1, 2, 2, TestGops.frames(1, 2, 2, 1)));
        assertThrows(IllegalArgumentException.class,
                () -> new RawGop("s", 0, 0, 0, 1, 1, 4, 2, TestGops.frames(1, 2, 2, 1)));
        assertThrows(IllegalArgumentException.class,
                () -> new RawGop("s", 0, 0, 0, 0, 1, 2, 2, TestGops.frames(1, 2, 2, 1)));
        assertThrows(IllegalArgumentException.class, () -> TestGops.raw("s", 1025, 1, 1));
    }

    @Test
    void eachBadFieldIsNamed() {
        byte[] good = RawGopFormat.write(TestGops.raw("cam", 2, 4, 4));
        int id = 4 + 1 + 2 + 3; // after magic, version, id length, "cam"
        assertField("magic", set(good, 0, 'X'));
        assertField("version", set(good, 4, 2));
        assertField("streamId", putShort(good, 5, 0));
        assertField("streamId", putShort(good, 5, 300));
        assertField("streamId", putShort(good, 5, 65535));
        assertField("streamId", set(good, 7, 0xC3)); // lone UTF-8 lead byte before 'a'
        assertField("gopSeq", putLong(good, id, -1));
        assertField("firstFrameIndex", putLong(good, id + 8, Long.MIN_VALUE));
        assertField("captureTimeMicros", putLong(good, id + 16, -5));
        assertField("fpsNum", putInt(good, id + 24, 0));
        assertField("fpsDen", putInt(good, id + 28, -1));
        assertField("width", putInt(good, id + 32, 0));
        assertField("width", putInt(good, id + 32, 8193));
        assertField("height", putInt(good, id + 36, -4));
        assertField("frameCount", putInt(good, id + 40, 0));
        assertField("frameCount", putInt(good, id + 40, 1025));
        assertField("frames", putInt(good, id + 40, 3));
        assertField("frames", Arrays.copyOf(good, good.length + 1));
        assertField("magic", new byte[0]);
    }

    @Test
    void everyTruncationIsRefusedWithAField() {
        byte[] good = RawGopFormat.write(TestGops.raw("cam-1", 2, 6, 4));
        for (int len = 0; len < good.length; len++) {
            RecordFormatException e = assertThrows(RecordFormatException.class,
                    readOf(Arrays.copyOf(good, len)), "length " + len);
            assertTrue(FIELDS.contains(e.field()), e.field());
        }
    }

    @Test
    void hugeClaimsAreRefusedBeforeAllocation() {
        // 1024 frames of 8192x8192 would be ~103 GB: the reader must compare against the bytes first
        ByteBuffer b = ByteBuffer.allocate(RawGopFormat.FIXED_BYTES + 1 + 16);
        b.put(RawGopFormat.MAGIC).put((byte) 1).putShort((short) 1).put((byte) 's');
        b.putLong(0).putLong(0).putLong(0).putInt(30).putInt(1).putInt(8192).putInt(8192).putInt(1024);
        RecordFormatException e = assertThrows(RecordFormatException.class, readOf(b.array()));
        assertEquals("frames", e.field());
        assertTrue(e.getMessage().contains("need 103079215104 bytes"), e.getMessage());

        ByteBuffer c = ByteBuffer.wrap(b.array().clone());
        c.putInt(RawGopFormat.FIXED_BYTES + 1 - 4, 1_000_000_000);
        assertEquals("frameCount", assertThrows(RecordFormatException.class, readOf(c.array())).field());
    }

    /**
     * Seeded mutations: each either still parses (and then writes back to the very same bytes) or
     * fails with a RecordFormatException naming the field the mutated byte belongs to (or a later
     * field whose check the change upset). Never any other exception.
     */
    @Test
    void mutationsFailCleanlyAndNameTheField() throws Exception {
        RawGop gop = TestGops.raw("stream-7", 2, 6, 4);
        byte[] good = RawGopFormat.write(gop);
        String[] fieldAt = fieldMap(good, "stream-7".length());
        int headerEnd = RawGopFormat.FIXED_BYTES + "stream-7".length();
        Random r = new Random(20261126L);
        Map<String, Integer> outcomes = new HashMap<>();
        for (int i = 0; i < 600; i++) {
            byte[] m = good.clone();
            int kind = r.nextInt(10);
            int pos;
            String what;
            if (kind < 6) { // one flipped bit in the header
                pos = r.nextInt(headerEnd);
                m[pos] ^= (byte) (1 << r.nextInt(8));
                what = "flip " + pos;
            } else if (kind < 8) { // one random byte anywhere
                pos = r.nextInt(m.length);
                m[pos] = (byte) r.nextInt(256);
                what = "set " + pos;
            } else if (kind == 8) {
                pos = -1;
                m = Arrays.copyOf(good, r.nextInt(good.length));
                what = "truncate " + m.length;
            } else {
                pos = -1;
                m = Arrays.copyOf(good, good.length + 1 + r.nextInt(64));
                what = "extend " + m.length;
            }
            try {
                RawGop back = RawGopFormat.read(m);
                assertArrayEquals(m, RawGopFormat.write(back), what + ": parsed but not canonical");
                outcomes.merge("ok", 1, Integer::sum);
            } catch (RecordFormatException e) {
                assertTrue(FIELDS.contains(e.field()), what + ": unknown field " + e.field());
                if (pos >= 0) {
                    String at = fieldAt[pos];
                    Set<String> allowed = switch (at) {
                        case "streamIdLength" -> FIELDS; // shifts everything after it
                        case "width", "height", "frameCount" -> Set.of(at, "frames");
                        default -> Set.of(at);
                    };
                    assertTrue(allowed.contains(e.field()), what + " in " + at + " blamed " + e.field());
                }
                outcomes.merge(e.field(), 1, Integer::sum);
            } catch (RuntimeException e) {
                fail(what + ": " + e, e);
            }
        }
        assertTrue(outcomes.getOrDefault("ok", 0) > 20, outcomes.toString());
        assertTrue(outcomes.size() >= 8, outcomes.toString());
    }

    /** Field name of every byte of a record with an ASCII stream id of idLen bytes. */
    static String[] fieldMap(byte[] record, int idLen) {
        String[] f = new String[record.length];
        int p = 0;
        p = mark(f, p, 4, "magic");
        p = mark(f, p, 1, "version");
        p = mark(f, p, 2, "streamIdLength");
        p = mark(f, p, idLen, "streamId");
        p = mark(f, p, 8, "gopSeq");
        p = mark(f, p, 8, "firstFrameIndex");
        p = mark(f, p, 8, "captureTimeMicros");
        p = mark(f, p, 4, "fpsNum");
        p = mark(f, p, 4, "fpsDen");
        p = mark(f, p, 4, "width");
        p = mark(f, p, 4, "height");
        p = mark(f, p, 4, "frameCount");
        mark(f, p, record.length - p, "pixels");
        return f;
    }

    private static int mark(String[] f, int p, int n, String name) {
        Arrays.fill(f, p, p + n, name);
        return p + n;
    }

    static org.junit.jupiter.api.function.Executable readOf(byte[] b) {
        return () -> RawGopFormat.read(b);
    }

    static void assertField(String field, byte[] bytes) {
        RecordFormatException e = assertThrows(RecordFormatException.class, readOf(bytes));
        assertEquals(field, e.field(), e.getMessage());
        assertTrue(e.getMessage().startsWith(field + ": "), e.getMessage());
    }

    static byte[] set(byte[] b, int pos, int v) {
        byte[] c = b.clone();
        c[pos] = (byte) v;
        return c;
    }

    static byte[] putShort(byte[] b, int pos, int v) {
        byte[] c = b.clone();
        ByteBuffer.wrap(c).putShort(pos, (short) v);
        return c;
    }

    static byte[] putInt(byte[] b, int pos, int v) {
        byte[] c = b.clone();
        ByteBuffer.wrap(c).putInt(pos, v);
        return c;
    }

    static byte[] putLong(byte[] b, int pos, long v) {
        byte[] c = b.clone();
        ByteBuffer.wrap(c).putLong(pos, v);
        return c;
    }
}
