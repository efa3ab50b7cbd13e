package io.gvc.codec.bitstream;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Big-endian writes, the mirror of {@link FieldReader}. */
public final class FieldWriter {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    public FieldWriter u8(int v) {
        fits(v, 0xFF, "u8");
        out.write(v);
        return this;
    }

    public FieldWriter u16(int v) {
        fits(v, 0xFFFF, "u16");
        out.write(v >>> 8);
        out.write(v);
        return this;
    }

    public FieldWriter u32(long v) {
        fits(v, 0xFFFFFFFFL, "u32");
        out.write((int) (v >>> 24));
        out.write((int) (v >>> 16));
        out.write((int) (v >>> 8));
        out.write((int) v);
        return this;
    }

    public FieldWriter u64(long v) {
        return u32(v >>> 32).u32(v & 0xFFFFFFFFL);
    }

    /**
     * An unsigned varint (LEB128: 7 bits a byte, least significant first, high bit = more follow),
     * the 64 bits of {@code v} read as unsigned; always the shortest form. Counts, lengths and
     * numbers that are small in practice take one or two bytes instead of four or eight.
     */
    public FieldWriter uv(long v) {
        while ((v & ~0x7FL) != 0) {
            out.write((int) (v & 0x7F) | 0x80);
            v >>>= 7;
        }
        out.write((int) v);
        return this;
    }

    /** A UTF-8 string prefixed by its byte length as a {@link #uv} varint. */
    public FieldWriter vstring(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        return uv(b.length).bytes(b);
    }

    public FieldWriter f32(float v) {
        return u32(Float.floatToIntBits(v) & 0xFFFFFFFFL);
    }

    public FieldWriter bytes(byte[] b) {
        out.write(b, 0, b.length);
        return this;
    }

    /**
     * A name field (version 13, {@link WellKnownNames}): one byte for a name of {@code table}, else
     * its UTF-8 length (at most 127) and bytes.
     */
    public FieldWriter name(String s, List<String> table) {
        int entry = table.indexOf(s);
        if (entry >= 0) {
            return u8(WellKnownNames.ENTRY | entry);
        }
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        if (b.length > WellKnownNames.MAX_SPELLED_BYTES) {
            throw new IllegalArgumentException("name too long for its field: " + b.length + " bytes (at most "
                    + WellKnownNames.MAX_SPELLED_BYTES + ")");
        }
        return u8(b.length).bytes(b);
    }

    public int size() {
        return out.size();
    }

    public byte[] toByteArray() {
        return out.toByteArray();
    }

    /** A value that does not fit its field is the writer's bug: refuse it rather than wrap it. */
    private static void fits(long v, long max, String type) {
        if (v < 0 || v > max) {
            throw new IllegalArgumentException(v + " does not fit a " + type + " field (0.." + max + ")");
        }
    }
}
