package io.gvc.boundary;

import java.util.Arrays;

/**
 * The bytes every picture of one kind opens with when x265 codes it as this format's settings ask
 * (bitstream version 15): the NAL unit header of its slice and, for P and B pictures, the first
 * three bytes of the slice segment header. A payload leaves them out where its picture opens with
 * them (a flag in its check says so) and a decoder puts them back: 2 bytes an intra picture, 5 a
 * predicted or between picture, the same bytes at every size, quality and content (the x265 of
 * JavaCV's FFmpeg 8.1.2 build, checked on carphone 176x144, foreman 352x288, yoga 568x320 and
 * cockatoo 1280x720 at qualities 1, 20, 50 and 90, and on a 130x98 crop in {@code SlicePrefixTest}).
 * What they hold:
 * <ul>
 * <li>intra: {@code 28 01}, an IDR_N_LP NAL unit (type 20), layer 0, TemporalId 0; the slice
 *     header's next byte already differs between pictures (its last bit), so nothing more is fixed;</li>
 * <li>predicted: {@code 02 01}, TRAIL_R (type 1), then {@code d0 09 79}: first slice segment, PPS 0,
 *     slice type P, picture order count 1, and the start of its reference picture set;</li>
 * <li>between: {@code 00 01}, TRAIL_N (type 0: nothing predicts from it), then {@code e0 24 be}:
 *     first slice segment, PPS 0, slice type B, picture order count 1 (the P picture after it is 2).</li>
 * </ul>
 * A table apart from the logic that uses it ({@link ReferencedPayload}, {@link ParameterSets}); x264
 * has none (its intra payloads mostly keep their parameter sets, and it codes no other kind).
 */
enum SlicePrefix {
    NONE(),
    X265_INTRA(0x28, 0x01),
    X265_PREDICTED(0x02, 0x01, 0xd0, 0x09, 0x79),
    X265_BETWEEN(0x00, 0x01, 0xe0, 0x24, 0xbe);

    private final byte[] bytes;

    SlicePrefix(int... bytes) {
        this.bytes = new byte[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            this.bytes[i] = (byte) bytes[i];
        }
    }

    /** The prefix of {@code codec}'s intra pictures ({@link #NONE} for x264). */
    static SlicePrefix intra(X26x codec) {
        return codec == X26x.X265 ? X265_INTRA : NONE;
    }

    /** The prefix of {@code codec}'s predicted pictures ({@link #NONE} where it codes none). */
    static SlicePrefix predicted(X26x codec) {
        return codec == X26x.X265 ? X265_PREDICTED : NONE;
    }

    /** The prefix of {@code codec}'s between pictures ({@link #NONE} where it codes none). */
    static SlicePrefix between(X26x codec) {
        return codec == X26x.X265 ? X265_BETWEEN : NONE;
    }

    /** Bytes left out where a picture opens with them. */
    int length() {
        return bytes.length;
    }

    /** Whether {@code data} from {@code from} on (NAL units without their first start code) opens with this prefix and goes on after it. */
    boolean opens(byte[] data, int from) {
        return bytes.length > 0 && data.length - from > bytes.length
                && Arrays.equals(data, from, from + bytes.length, bytes, 0, bytes.length);
    }

    /**
     * {@code data} whose picture follows a head of {@code from} bytes, as a packet carries it: without
     * this prefix and with {@code flag} set in its first byte where the picture opens with it; else
     * {@code data} itself.
     */
    byte[] leaveOut(byte[] data, int from, int flag) {
        if (!opens(data, from)) {
            return data;
        }
        byte[] out = new byte[data.length - bytes.length];
        System.arraycopy(data, 0, out, 0, from);
        out[0] |= (byte) flag;
        System.arraycopy(data, from + bytes.length, out, from, out.length - from);
        return out;
    }

    /** The picture's units after a head of {@code from} bytes: with this prefix put back where {@code leftOut}. */
    byte[] unitsAfter(byte[] data, int from, boolean leftOut) {
        int prefix = leftOut ? bytes.length : 0;
        byte[] out = new byte[prefix + data.length - from];
        System.arraycopy(bytes, 0, out, 0, prefix);
        System.arraycopy(data, from, out, prefix, data.length - from);
        return out;
    }
}
