package io.gvc.boundary;

import java.io.ByteArrayOutputStream;
import java.util.function.IntPredicate;

/**
 * H.264 / HEVC Annex-B byte streams: NAL units each preceded by a 00 00 01 start code (often with
 * an extra leading zero). Emulation prevention guarantees that 00 00 01 never occurs inside a NAL
 * unit, so a plain scan finds the boundaries.
 */
final class AnnexB {

    private static final byte[] START_CODE = {0, 0, 1};

    private AnnexB() {
    }

    /**
     * Keeps the NAL units whose first header byte passes {@code keep}, each behind a three-byte
     * start code: the smallest stream a decoder still reads. Zero bytes between units (the fourth
     * byte of long start codes, trailing zeros) are dropped; a NAL unit never ends in zero.
     */
    static byte[] filter(byte[] stream, IntPredicate keep) {
        int start = nextUnit(stream, 0);
        if (start < 0) {
            throw new IllegalArgumentException("not an Annex-B stream: no start code");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(stream.length);
        while (start >= 0) {
            int next = nextUnit(stream, start);
            int end = next < 0 ? stream.length : next - START_CODE.length;
            while (end > start && stream[end - 1] == 0) {
                end--;
            }
            if (end > start && keep.test(stream[start] & 0xFF)) {
                out.writeBytes(START_CODE);
                out.write(stream, start, end - start);
            }
            start = next;
        }
        return out.toByteArray();
    }

    /**
     * The stream without its first start code: every stream {@link #filter} returns starts with one,
     * so a payload need not carry those three bytes ({@link #withFirstStartCode} puts them back).
     */
    static byte[] withoutFirstStartCode(byte[] filtered) {
        if (filtered.length < START_CODE.length || nextUnit(filtered, 0) != START_CODE.length) {
            throw new IllegalArgumentException("not a filtered Annex-B stream: it does not start with 00 00 01");
        }
        return java.util.Arrays.copyOfRange(filtered, START_CODE.length, filtered.length);
    }

    /** {@link #withoutFirstStartCode}'s input back: the start code, then the bytes. */
    static byte[] withFirstStartCode(byte[] units) {
        byte[] out = new byte[START_CODE.length + units.length];
        System.arraycopy(START_CODE, 0, out, 0, START_CODE.length);
        System.arraycopy(units, 0, out, START_CODE.length, units.length);
        return out;
    }

    /**
     * Bytes of the NAL units (each with its start code) that open a {@link #filter}ed stream and
     * whose first header byte passes {@code kind}; 0 where the first one does not.
     */
    static int leadingUnits(byte[] filtered, IntPredicate kind) {
        int at = 0;
        while (at + START_CODE.length < filtered.length && nextUnit(filtered, at) == at + START_CODE.length
                && kind.test(filtered[at + START_CODE.length] & 0xFF)) {
            int next = nextUnit(filtered, at + START_CODE.length);
            at = next < 0 ? filtered.length : next - START_CODE.length;
        }
        return at;
    }

    /** Index of the first byte after the next start code at or after {@code from}, or -1. */
    private static int nextUnit(byte[] s, int from) {
        for (int i = from; i + 2 < s.length; i++) {
            if (s[i] == 0 && s[i + 1] == 0 && s[i + 2] == 1) {
                return i + 3;
            }
        }
        return -1;
    }
}
