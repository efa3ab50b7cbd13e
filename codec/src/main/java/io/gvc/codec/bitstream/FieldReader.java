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

    /**
     * An unsigned varint as {@link FieldWriter#uv} writes it (at most 10 bytes, 64 bits). Only the
     * shortest form is accepted, so every value has exactly one encoding.
     */
    public long uv(String field) throws BitstreamException {
        long v = 0;
        for (int i = 0; i < 10; i++) {
            int b = u8(field);
            if (i == 9 && b > 1) {
                throw new BitstreamException(field, "varint overflows 64 bits");
            }
            v |= (long) (b & 0x7F) << (7 * i);
            if ((b & 0x80) == 0) {
                if (b == 0 && i > 0) {
                    throw new BitstreamException(field, "varint not in its shortest form");
                }
                return v;
            }
        }
        throw new BitstreamException(field, "varint longer than 10 bytes");
    }

    /** A varint that must lie in [min, max] (both >= 0). */
    public long uvIn(String field, long min, long max) throws BitstreamException {
        long v = uv(field);
        if (v < 0) { // above 2^63 - 1 read as unsigned
            throw new BitstreamException(field, "value " + Long.toUnsignedString(v) + " outside " + min + ".." + max);
        }
        return checkRange(field, v, min, max);
    }

    /** A varint that must lie in [min, max], as an int. */
    public int uvInt(String field, int min, int max) throws BitstreamException {
        return (int) uvIn(field, min, max);
    }

    /** A UTF-8 string prefixed by a varint byte length of at most maxLen. */
    public String vstring(String field, int maxLen) throws BitstreamException {
        long n = uvIn(field + ".length", 0, Integer.MAX_VALUE);
        if (n > maxLen) {
            throw new BitstreamException(field, "length " + n + " exceeds " + maxLen);
        }
        return utf8(bytes((int) n, field), field);
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

    /**
     * A name field (version 13, {@link WellKnownNames}): an entry of {@code table}, or a name of at
     * most {@code maxLen} bytes spelled out, which must not be one of the table's (one layout per value).
     */
    public String name(String field, java.util.List<String> table, int maxLen) throws BitstreamException {
        int b = u8(field);
        if ((b & WellKnownNames.ENTRY) != 0) {
            int entry = b & ~WellKnownNames.ENTRY;
            if (entry >= table.size()) {
                throw new BitstreamException(field, "is well-known name " + entry + ", past this decoder's table ("
                        + table.size() + " names: " + String.join(", ", table) + ")");
            }
            return table.get(entry);
        }
        if (b > maxLen) {
            throw new BitstreamException(field, "length " + b + " exceeds " + maxLen);
        }
        String s = utf8(bytes(b, field), field);
        if (table.contains(s)) {
            throw new BitstreamException(field, "spells out '" + s + "', which is written as its well-known entry "
                    + table.indexOf(s));
        }
        return s;
    }

    private static String utf8(byte[] b, String field) throws BitstreamException {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(java.nio.ByteBuffer.wrap(b)).toString();
        } catch (CharacterCodingException e) {
            throw new BitstreamException(field, "is not valid UTF-8");
        }
    }
}
