package io.gvc.codec.bitstream;

import java.math.BigInteger;

/** Reads bits most-significant first; reading past the end is a {@link BitstreamException}. */
public final class BitReader {

    private final byte[] buf;
    private final long limitBits;
    private final String field;
    private long pos;

    /**
     * @param limitBits how many bits of {@code buf} are valid
     * @param field     the field name reported when the data runs out
     */
    public BitReader(byte[] buf, long limitBits, String field) {
        if (limitBits < 0 || limitBits > (long) buf.length * 8) {
            throw new IllegalArgumentException("bit limit " + limitBits + " exceeds " + buf.length + " bytes");
        }
        this.buf = buf;
        this.limitBits = limitBits;
        this.field = field;
    }

    public boolean readBit() throws BitstreamException {
        if (pos >= limitBits) {
            throw new BitstreamException(field, "ends after " + limitBits + " bits, more were expected");
        }
        boolean b = (buf[(int) (pos >>> 3)] & (0x80 >>> (pos & 7))) != 0;
        pos++;
        return b;
    }

    public long readBits(int n) throws BitstreamException {
        long v = 0;
        for (int i = 0; i < n; i++) {
            v = (v << 1) | (readBit() ? 1 : 0);
        }
        return v;
    }

    public BigInteger readBig(int n) throws BitstreamException {
        if (n <= 62) {
            return BigInteger.valueOf(readBits(n));
        }
        byte[] mag = new byte[(n + 7) / 8];
        int lead = mag.length * 8 - n;
        for (int i = 0; i < n; i++) {
            if (readBit()) {
                int bit = lead + i;
                mag[bit >>> 3] |= (byte) (0x80 >>> (bit & 7));
            }
        }
        return new BigInteger(1, mag);
    }

    public long position() {
        return pos;
    }

    public long remaining() {
        return limitBits - pos;
    }
}
