package io.gvc.codec.bitstream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gvc.codec.frame.VideoFormat;
import io.gvc.codec.variant.Variant;
import java.util.List;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;

/** The packet layout since version 4: what it saves, and the fields' refusals. */
class PacketCodecTest {

    private static final CodingConfig CONFIG = new CodingConfig(Variant.FLF2V, new VideoFormat(176, 144, 30, 1), 17,
            4, 2, 1024, 12, 2, 3f, 3f, 42L, "gvc-learned-picture-3", new byte[8]);

    private static GvcPacket packet(List<BoundaryPicture> boundaries) {
        return new GvcPacket(3, 48, 17, CONFIG, 0, 0, 0, 1, new int[] {16, 8}, boundaries, "", new byte[] {1, 2},
                new byte[0], 0, new byte[0], new long[] {123_456, 7_890, 6_543});
    }

    @Test
    void aCutGopRoundTripsWithItsCodecIdsWrittenOnce() throws BitstreamException {
        GvcPacket p = packet(List.of(new BoundaryPicture(8, "x265", 40, true, new byte[30]),
                new BoundaryPicture(16, "x265", 40, true, new byte[20])));
        byte[] b = PacketCodec.writeInStream(p, CONFIG);
        GvcPacket back = PacketCodec.read(b, 0, b.length, CONFIG);
        assertEquals(2, back.boundaries().size());
        for (int i = 0; i < 2; i++) {
            assertEquals(p.boundaries().get(i).position(), back.boundaries().get(i).position());
            assertEquals("x265", back.boundaries().get(i).codecId());
            assertEquals(40, back.boundaries().get(i).quality());
            assertTrue(back.boundaries().get(i).predicted());
            assertArrayEquals(p.boundaries().get(i).data(), back.boundaries().get(i).data());
        }
        assertArrayEquals(p.sse(), back.sse());
        assertEquals(3, back.gopSeq());
        assertEquals(48, back.firstFrame());
        // the fixed fields of this GOP: magic 4, version 1, length 1 (6), seq, first, count, m, m_tail,
        // tail frames, anchor, 2 scales, count 1 each (10), boundaries 1+5+1+1 and 1+1+1+1, bridge
        // offsets 1 (none), prompt 1, side 1+2, residual 1, atom bits 1, SSE 3+2+2, CRC 4: 46 bytes
        // besides the 50 of the pictures
        assertEquals(46 + 50, b.length);
    }

    @Test
    void anEmptyCodecIdOnTheFirstBoundaryIsRefused() {
        GvcPacket p = packet(List.of(new BoundaryPicture(16, "gvc-dct", 40, false, new byte[4])));
        byte[] b = PacketCodec.write(p);
        // the codec id "gvc-dct" becomes "" + 7 bytes that the parser then reads as the quality and on
        int at = indexOf(b, "gvc-dct".getBytes()) - 1;
        b[at] = 0;
        BitstreamException e = assertThrows(BitstreamException.class, () -> PacketCodec.read(fixCrc(b)));
        assertEquals("packet.boundary[0].codec", e.field());
    }

    @Test
    void aPredictedFirstFrameIsRefused() {
        GvcPacket p = packet(List.of(new BoundaryPicture(0, "gvc-dct", 40, false, new byte[4]),
                new BoundaryPicture(16, "gvc-dct", 40, true, new byte[4])));
        byte[] b = PacketCodec.write(p);
        int at = indexOf(b, "gvc-dct".getBytes()) + "gvc-dct".length();
        assertEquals(40, b[at]);
        b[at] = (byte) (40 | 0x80);
        BitstreamException e = assertThrows(BitstreamException.class, () -> PacketCodec.read(fixCrc(b)));
        assertEquals("packet.boundary[0].predicted", e.field());
    }

    @Test
    void theWriterRefusesAQualityThatWouldSetThePredictedBit() {
        GvcPacket p = packet(List.of(new BoundaryPicture(16, "x265", 200, false, new byte[4])));
        assertThrows(IllegalArgumentException.class, () -> PacketCodec.write(p));
    }

    private static int indexOf(byte[] b, byte[] what) {
        outer:
        for (int i = 0; i + what.length <= b.length; i++) {
            for (int j = 0; j < what.length; j++) {
                if (b[i + j] != what[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("not found");
    }

    private static byte[] fixCrc(byte[] b) {
        int[] s = io.gvc.codec.fuzz.Mutations.sections(b).get(0);
        CRC32C crc = new CRC32C();
        crc.update(b, s[0], s[1] - s[0]);
        long v = crc.getValue();
        for (int i = 0; i < 4; i++) {
            b[s[1] + i] = (byte) (v >>> (24 - 8 * i));
        }
        return b;
    }
}
