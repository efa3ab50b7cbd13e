package io.gvc.codec.bitstream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** BitWriter and BitReader: MSB-first bit order, exact lengths, and errors that name their field. */
class BitIoTest {

    @Test
    void msbFirstLayoutAndZeroPadding() {
        BitWriter w = new BitWriter();
        w.writeBit(true);
        w.writeBits(0b0110, 4);
        w.writeBits(0b101, 3);
        w.writeBits(0b11, 2);
        assertEquals(10, w.bitCount());
        assertArrayEquals(new byte[] {(byte) 0b1011_0101, (byte) 0b1100_0000}, w.toByteArray());
        assertArrayEquals(new byte[0], new BitWriter().toByteArray());
    }

    @Test
    void writeBitsKeepsOnlyTheLowBits() {
        BitWriter w = new BitWriter();
        w.writeBits(0xFFFF_FF05L, 4); // low 4 bits: 0101
        assertArrayEquals(new byte[] {(byte) 0x50}, w.toByteArray());
        w = new BitWriter();
        w.writeBits(-1L, 64);
        assertArrayEquals(new byte[] {-1, -1, -1, -1, -1, -1, -1, -1}, w.toByteArray());
        w = new BitWriter();
        w.writeBits(123, 0);
        assertEquals(0, w.bitCount());
    }

    @Test
    void randomFieldsRoundTrip() throws BitstreamException {
        Random rnd = new Random(7);
        int n = 5000;
        int[] widths = new int[n];
        long[] values = new long[n];
        BitWriter w = new BitWriter();
        for (int i = 0; i < n; i++) {
            widths[i] = rnd.nextInt(63); // 0..62: what readBits returns without sign trouble
            values[i] = widths[i] == 0 ? 0 : rnd.nextLong() >>> (64 - widths[i]);
            w.writeBits(values[i], widths[i]);
        }
        BitReader r = new BitReader(w.toByteArray(), w.bitCount(), "test.field");
        for (int i = 0; i < n; i++) {
            assertEquals(values[i], r.readBits(widths[i]), "field " + i + " of " + widths[i] + " bits");
        }
        assertEquals(0, r.remaining());
        assertEquals(w.bitCount(), r.position());
    }

    @Test
    void bigValuesRoundTripAtEveryWidth() throws BitstreamException {
        Random rnd = new Random(11);
        for (int bits = 0; bits <= 700; bits += (bits < 70 ? 1 : 37)) {
            BigInteger v = bits == 0 ? BigInteger.ZERO : new BigInteger(bits, rnd);
            BigInteger max = BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE);
            BitWriter w = new BitWriter();
            w.writeBit(true); // misalign
            w.writeBig(v, bits);
            w.writeBig(max, bits);
            w.writeBig(BigInteger.ZERO, bits);
            assertEquals(1 + 3L * bits, w.bitCount());
            BitReader r = new BitReader(w.toByteArray(), w.bitCount(), "big");
            assertTrue(r.readBit());
            assertEquals(v, r.readBig(bits), bits + " bits");
            assertEquals(max, r.readBig(bits), "all ones, " + bits + " bits");
            assertEquals(BigInteger.ZERO, r.readBig(bits));
            assertEquals(0, r.remaining());
        }
    }

    /** Above 62 bits readBig must not go through a signed long: a 63- and 64-bit all-ones value. */
    @Test
    void readBigAbove62BitsIsUnsigned() throws BitstreamException {
        for (int bits : new int[] {62, 63, 64, 65, 127, 128}) {
            BitWriter w = new BitWriter();
            w.writeBig(BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE), bits);
            BitReader r = new BitReader(w.toByteArray(), bits, "x");
            BigInteger got = r.readBig(bits);
            assertEquals(1, got.signum());
            assertEquals(bits, got.bitLength());
            assertEquals(bits, got.bitCount());
        }
    }

    @Test
    void writeBigRejectsValuesThatDoNotFit() {
        BitWriter w = new BitWriter();
        assertThrows(IllegalArgumentException.class, () -> w.writeBig(BigInteger.valueOf(8), 3));
        assertThrows(IllegalArgumentException.class, () -> w.writeBig(BigInteger.valueOf(-1), 10));
        assertEquals(0, w.bitCount());
    }

    @Test
    void readingPastTheEndNamesTheField() throws BitstreamException {
        byte[] buf = {(byte) 0xAB, (byte) 0xCD};
        BitReader r = new BitReader(buf, 12, "packet.atoms");
        assertEquals(0xABC, r.readBits(12));
        BitstreamException e = assertThrows(BitstreamException.class, r::readBit);
        assertEquals("packet.atoms", e.field());
        assertTrue(e.getMessage().startsWith("packet.atoms"), e.getMessage());

        // the limit, not the byte array, bounds the reader: the 4 padding bits are not readable
        BitReader r2 = new BitReader(buf, 12, "prior.side_info");
        r2.readBits(10);
        BitstreamException e2 = assertThrows(BitstreamException.class, () -> r2.readBits(3));
        assertEquals("prior.side_info", e2.field());

        BitReader r3 = new BitReader(buf, 16, "f");
        BitstreamException e3 = assertThrows(BitstreamException.class, () -> r3.readBig(100));
        assertEquals("f", e3.field());
        BitReader r4 = new BitReader(new byte[0], 0, "empty");
        assertEquals("empty", assertThrows(BitstreamException.class, () -> r4.readBits(1)).field());
        assertEquals(BigInteger.ZERO, r4.readBig(0));
    }

    @Test
    void limitBeyondTheBufferIsAProgrammingError() {
        assertThrows(IllegalArgumentException.class, () -> new BitReader(new byte[2], 17, "x"));
        assertThrows(IllegalArgumentException.class, () -> new BitReader(new byte[2], -1, "x"));
    }

    @Test
    void writerGrowsPastItsInitialBuffer() throws BitstreamException {
        BitWriter w = new BitWriter();
        for (int i = 0; i < 10_000; i++) {
            w.writeBits(i & 0xFF, 8);
        }
        byte[] b = w.toByteArray();
        assertEquals(10_000, b.length);
        BitReader r = new BitReader(b, 80_000, "x");
        for (int i = 0; i < 10_000; i++) {
            assertEquals(i & 0xFF, r.readBits(8));
        }
    }
}
