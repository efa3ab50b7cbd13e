package io.gvc.kafka.formats;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Big-endian reader over one record value that checks every read against the bytes that are left
 * and names the field at fault. Nothing is allocated from a length read off the wire until that
 * length has been checked against both its limit and the remaining bytes.
 */
final class RecordReader {

    private final ByteBuffer buf;

    RecordReader(byte[] bytes) {
        this.buf = ByteBuffer.wrap(bytes); // big-endian by default
    }

    /** A reader past the magic and version of a {@code formatName} record, both checked. */
    static RecordReader open(byte[] bytes, byte[] magic, String formatName, int version) throws RecordFormatException {
        if (bytes == null) {
            throw new RecordFormatException("magic", "null record value");
        }
        RecordReader in = new RecordReader(bytes);
        in.magic(magic, formatName);
        in.version(version);
        return in;
    }

    int position() {
        return buf.position();
    }

    int remaining() {
        return buf.remaining();
    }

    private void need(String field, int n) throws RecordFormatException {
        if (buf.remaining() < n) {
            throw new RecordFormatException(field, "truncated: needs " + n + " bytes at offset "
                    + buf.position() + ", " + buf.remaining() + " left");
        }
    }

    void magic(byte[] expected, String formatName) throws RecordFormatException {
        need("magic", expected.length);
        for (int i = 0; i < expected.length; i++) {
            byte b = buf.get();
            if (b != expected[i]) {
                throw new RecordFormatException("magic", "not a " + formatName + " record (byte " + i
                        + " is 0x" + Integer.toHexString(b & 0xff) + ")");
            }
        }
    }

    int version(int supported) throws RecordFormatException {
        int v = u8("version");
        if (v != supported) {
            throw new RecordFormatException("version", "unsupported version " + v + " (this build reads "
                    + supported + ")");
        }
        return v;
    }

    int u8(String field) throws RecordFormatException {
        need(field, 1);
        return buf.get() & 0xff;
    }

    int u16(String field) throws RecordFormatException {
        need(field, 2);
        return buf.getShort() & 0xffff;
    }

    int i32(String field) throws RecordFormatException {
        need(field, 4);
        return buf.getInt();
    }

    long i64(String field) throws RecordFormatException {
        need(field, 8);
        return buf.getLong();
    }

    int i32InRange(String field, int min, int max) throws RecordFormatException {
        int v = i32(field);
        if (v < min || v > max) {
            throw new RecordFormatException(field, v + " is outside " + min + ".." + max);
        }
        return v;
    }

    long nonNegativeI64(String field) throws RecordFormatException {
        long v = i64(field);
        if (v < 0) {
            throw new RecordFormatException(field, "negative value " + v);
        }
        return v;
    }

    /** u16 byte length (1..maxBytes) then that many bytes of strict UTF-8. */
    String string(String field, int maxBytes) throws RecordFormatException {
        int len = u16(field);
        if (len < 1 || len > maxBytes) {
            throw new RecordFormatException(field, "length " + len + " is outside 1.." + maxBytes);
        }
        need(field, len);
        ByteBuffer slice = buf.slice(buf.position(), len);
        buf.position(buf.position() + len);
        try {
            CharBuffer chars = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(slice);
            return chars.toString();
        } catch (CharacterCodingException e) {
            throw new RecordFormatException(field, "not valid UTF-8", e);
        }
    }

    byte[] array() {
        return buf.array();
    }

    void skip(int n) {
        buf.position(buf.position() + n);
    }
}
