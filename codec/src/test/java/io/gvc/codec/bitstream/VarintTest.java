package io.gvc.codec.bitstream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** The varints of bitstream version 4: one encoding per value, every other byte string refused by name. */
class VarintTest {

    private static byte[] write(long v) {
        return new FieldWriter().uv(v).toByteArray();
    }

    private static long read(byte... b) throws BitstreamException {
        FieldReader r = new FieldReader(b, 0, b.length);
        long v = r.uv("f");
        assertEquals(0, r.remaining(), "the varint must use exactly its bytes");
        return v;
    }

    @Test
    void valuesRoundTripInTheShortestForm() throws BitstreamException {
        assertArrayEquals(new byte[] {0}, write(0));
        assertArrayEquals(new byte[] {127}, write(127));
        assertArrayEquals(new byte[] {(byte) 0x80, 1}, write(128));
        assertArrayEquals(new byte[] {(byte) 0xAC, 0x02}, write(300));
        for (long v : new long[] {0, 1, 127, 128, 16383, 16384, 1L << 31, Long.MAX_VALUE, -1L, Long.MIN_VALUE}) {
            byte[] b = write(v);
            assertEquals(v, read(b), "value " + Long.toUnsignedString(v));
            assertEquals(v == 0 ? 1 : (64 - Long.numberOfLeadingZeros(v) + 6) / 7, b.length);
        }
        assertEquals(10, write(-1L).length);
    }

    @Test
    void longerFormsAndOverflowsAreRefused() {
        // 0 written in two bytes: a second encoding of the same value
        BitstreamException e = assertThrows(BitstreamException.class, () -> read((byte) 0x80, (byte) 0));
        assertEquals("f", e.field());
        // a tenth byte above 1 would need a 65th bit
        byte[] tooBig = new byte[10];
        java.util.Arrays.fill(tooBig, (byte) 0xFF);
        tooBig[9] = 2;
        assertThrows(BitstreamException.class, () -> read(tooBig));
        byte[] eleven = new byte[11];
        java.util.Arrays.fill(eleven, (byte) 0x80);
        assertThrows(BitstreamException.class, () -> read(eleven));
        // truncated: the continuation bit promises a byte that is not there
        assertThrows(BitstreamException.class, () -> read((byte) 0x80));
    }

    @Test
    void rangesAreCheckedAsUnsigned() {
        byte[] max = write(-1L); // 2^64 - 1
        FieldReader r = new FieldReader(max, 0, max.length);
        BitstreamException e = assertThrows(BitstreamException.class, () -> r.uvIn("packet.gop_seq", 0, Long.MAX_VALUE));
        assertEquals("packet.gop_seq", e.field());
        byte[] big = write(70_000);
        assertThrows(BitstreamException.class, () -> new FieldReader(big, 0, big.length).uvInt("packet.frame_count", 1, 1024));
    }
}
