package io.gvc.kafka.formats;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Random;
import java.util.Set;

import static io.gvc.kafka.formats.RawGopFormatTest.putInt;
import static io.gvc.kafka.formats.RawGopFormatTest.putLong;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

class DecodedGopFormatTest {

    static final Set<String> FIELDS = Set.of("magic", "version", "streamId", "gopSeq", "firstFrameIndex",
            "captureTimeMicros", "decodeFinishedMicros", "width", "height", "frameCount", "frames");

    @Test
    void roundTrip() throws Exception {
        DecodedGop gop = TestGops.decoded("cam-2", 4, 9, 3);
        byte[] bytes = DecodedGopFormat.write(gop);
        DecodedGop back = DecodedGopFormat.read(bytes);
        assertEquals(gop.streamId(), back.streamId());
        assertEquals(gop.gopSeq(), back.gopSeq());
        assertEquals(gop.firstFrameIndex(), back.firstFrameIndex());
        assertEquals(gop.captureTimeMicros(), back.captureTimeMicros());
        assertEquals(gop.decodeFinishedMicros(), back.decodeFinishedMicros());
        assertEquals(250_000L, back.latencyMicros());
        assertEquals(9, back.width());
        assertEquals(3, back.height());
        TestGops.assertSameFrames(gop.frames(), back.frames());
        assertArrayEquals(bytes, DecodedGopFormat.write(back));
    }

    @Test
    void rawAndDecodedAreNotInterchangeable() {
        byte[] raw = RawGopFormat.write(TestGops.raw("s", 1, 2, 2));
        byte[] dec = DecodedGopFormat.write(TestGops.decoded("s", 1, 2, 2));
        assertEquals("magic", assertThrows(RecordFormatException.class, () -> DecodedGopFormat.read(raw)).field());
        assertEquals("magic", assertThrows(RecordFormatException.class, () -> RawGopFormat.read(dec)).field());
    }

    @Test
    void eachBadFieldIsNamed() {
        byte[] good = DecodedGopFormat.write(TestGops.decoded("ab", 2, 4, 2));
        int id = 4 + 1 + 2 + 2;
        assertField("version", RawGopFormatTest.set(good, 4, 0));
        assertField("streamId", RawGopFormatTest.putShort(good, 5, 256));
        assertField("gopSeq", putLong(good, id, -3));
        assertField("firstFrameIndex", putLong(good, id + 8, -3));
        assertField("captureTimeMicros", putLong(good, id + 16, -3));
        assertField("decodeFinishedMicros", putLong(good, id + 24, -3));
        assertField("width", putInt(good, id + 32, 100_000));
        assertField("height", putInt(good, id + 36, 0));
        assertField("frameCount", putInt(good, id + 40, -1));
        assertField("frames", putInt(good, id + 40, 1));
        assertField("frames", Arrays.copyOf(good, good.length - 1));
    }

    @Test
    void hugeClaimsAreRefusedBeforeAllocation() {
        ByteBuffer b = ByteBuffer.allocate(DecodedGopFormat.FIXED_BYTES + 1);
        b.put(DecodedGopFormat.MAGIC).put((byte) 1).putShort((short) 1).put((byte) 's');
        b.putLong(0).putLong(0).putLong(0).putLong(0).putInt(8192).putInt(8192).putInt(1024);
        assertEquals("frames", assertThrows(RecordFormatException.class, () -> DecodedGopFormat.read(b.array())).field());
    }

    @Test
    void mutationsFailCleanly() throws Exception {
        byte[] good = DecodedGopFormat.write(TestGops.decoded("dec-1", 2, 5, 5));
        Random r = new Random(7L);
        int ok = 0;
        for (int i = 0; i < 300; i++) {
            byte[] m = good.clone();
            int kind = r.nextInt(4);
            if (kind < 2) {
                int pos = r.nextInt(DecodedGopFormat.FIXED_BYTES + 5);
                m[pos] ^= (byte) (1 << r.nextInt(8));
            } else if (kind == 2) {
                m[r.nextInt(m.length)] = (byte) r.nextInt(256);
            } else {
                m = Arrays.copyOf(good, r.nextInt(good.length * 2));
                if (m.length == good.length) {
                    continue;
                }
            }
            try {
                assertArrayEquals(m, DecodedGopFormat.write(DecodedGopFormat.read(m)));
                ok++;
            } catch (RecordFormatException e) {
                assertTrue(FIELDS.contains(e.field()), e.field());
            } catch (RuntimeException e) {
                fail("mutation " + i + ": " + e, e);
            }
        }
        assertTrue(ok > 10, "some mutations (pixels, timestamps) must still parse: " + ok);
    }

    static void assertField(String field, byte[] bytes) {
        RecordFormatException e = assertThrows(RecordFormatException.class, () -> DecodedGopFormat.read(bytes));
        assertEquals(field, e.field(), e.getMessage());
    }
}
