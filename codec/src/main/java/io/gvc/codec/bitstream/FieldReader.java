package io.gvc.codec.bitstream;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Big-endian reads that never trust the data: every read checks what is left first and names the
 * field it was reading when it fails, so a corrupt packet yields "packet.boundary[1].length: ..."
 * rather than an IndexOutOfBoundsException.
 */
public final class FieldReader {

    private final byte[] buf;
    private final int end;
    private int pos;

    public FieldReader(byte[] buf, int from, int end) {
        this.buf = buf;
        this.pos = from;
        this.end = end;
    }

    public int position() {
        return pos;
    }

    public int remaining() {
        return end - pos;
    }

    private void need(int n, String field) throws BitstreamException {
        if (n < 0 || end - pos < n) {
            throw new BitstreamException(field, "needs " + n + " bytes, only " + (end - pos) + " left");
        }
    }

    public int u8(String field) throws BitstreamException {
        need(1, field);
        return buf[pos++] & 0xFF;
    }

    public int u16(String field) throws BitstreamException {
        need(2, field);
        int v = (buf[pos] & 0xFF) << 8 | (buf[pos + 1] & 0xFF);
        pos += 2;
        return v;
    }

    public long u32(String field) throws BitstreamException {
        need(4, field);
        long v = (buf[pos] & 0xFFL) << 24 | (buf[pos + 1] & 0xFFL) << 16 | (buf[pos + 2] & 0xFFL) << 8
                | (buf[pos + 3] & 0xFFL);
        pos += 4;
        return v;
    }

    public long u64(String field) throws BitstreamException {
        long hi = u32(field);
        return hi << 32 | u32(field);
    }

    public float f32(String field) throws BitstreamException {
        float v = Float.intBitsToFloat((int) u32(field));
        if (!Float.isFinite(v)) {
            throw new BitstreamException(field, "is not a finite number");
        }
        return v;
    }

    /** An unsigned 32-bit value that must lie in [min, max]. */
    public int u32In(String field, long min, long max) throws BitstreamException {
        long v = u32(field);
        return (int) checkRange(field, v, min, max);
    }

    public int u16In(String field, int min, int max) throws BitstreamException {
        return (int) checkRange(field, u16(field), min, max);
    }

    public int u8In(String field, int min, int max) throws BitstreamException {
        return (int) checkRange(field, u8(field), min, max);
    }

    public static long checkRange(String field, long v, long min, long max) throws BitstreamException {
        if (v < min || v > max) {
            throw new BitstreamException(field, "value " + v + " outside " + min + ".." + max);
        }
        return v;
    }

    public byte[] bytes(int n, String field) throws BitstreamException {
        need(n, field);
        byte[] out = java.util.Arrays.copyOfRange(buf, pos, pos + n);
        pos += n;
        return out;
    }

    /** A UTF-8 string prefixed by a u8 (maxLen &lt;= 255) or u16 length. */
    public String string(String field, boolean wide, int maxLen) throws BitstreamException {
        int n = wide ? u16(field + ".length") : u8(field + ".length");
        if (n > maxLen) {
            throw new BitstreamException(field, "length " + n + " exceeds " + maxLen);
        }
        byte[] b = bytes(n, field);
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(java.nio.ByteBuffer.wrap(b)).toString();
        } catch (CharacterCodingException e) {
            throw new BitstreamException(field, "is not valid UTF-8");
        }
    }
}
