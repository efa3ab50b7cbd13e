package io.gvc.codec.bitstream;

import java.math.BigInteger;
import java.util.Arrays;

/** Writes bits most-significant first into a growing byte array; the last byte is zero-padded. */
public final class BitWriter {

    private byte[] buf = new byte[64];
    private long bits;

    public void writeBit(boolean b) {
        int byteIndex = (int) (bits >>> 3);
        if (byteIndex == buf.length) {
            buf = Arrays.copyOf(buf, buf.length * 2);
        }
        if (b) {
            buf[byteIndex] |= (byte) (0x80 >>> (bits & 7));
        }
        bits++;
    }

    /** Writes the low {@code n} bits of {@code value}, high bit first (n in 0..64). */
    public void writeBits(long value, int n) {
        for (int i = n - 1; i >= 0; i--) {
            writeBit(((value >>> i) & 1) != 0);
        }
    }

    /** Writes a non-negative integer in exactly {@code n} bits, high bit first. */
    public void writeBig(BigInteger value, int n) {
        if (value.signum() < 0 || value.bitLength() > n) {
            throw new IllegalArgumentException("value needs " + value.bitLength() + " bits, field has " + n);
        }
        for (int i = n - 1; i >= 0; i--) {
            writeBit(value.testBit(i));
        }
    }

    public long bitCount() {
        return bits;
    }

    public byte[] toByteArray() {
        return Arrays.copyOf(buf, (int) ((bits + 7) >>> 3));
    }
}
