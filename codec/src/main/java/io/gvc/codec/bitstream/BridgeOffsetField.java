package io.gvc.codec.bitstream;

/**
 * The packet's {@code bridge_offsets} field (version 6), to bytes and back: for each bridged position
 * of an FLF2V GOP (every position but 0 and the boundary pictures' positions), in increasing order, the offset's x then y in luma pixels, each a signed Exp-Golomb code
 * (0 -> "1", 1 -> "010", -1 -> "011", 2 -> "00100", ...), the last byte padded with zero bits. A
 * GOP without offsets writes no bytes. Offsets are per GOP position, interleaved (x, y), as
 * {@link GvcPacket#bridgeOffsets} holds them.
 */
public final class BridgeOffsetField {

    private static final int MAX_PIXELS = Limits.MAX_BRIDGE_OFFSET_PIXELS;

    private BridgeOffsetField() {
    }

    /**
     * The field's bytes: empty when {@code offsets} is empty or all zero.
     *
     * @param offsets  (x, y) per GOP position, or empty
     * @param keyframe per GOP position, whether it is a keyframe (no offset there)
     */
    static byte[] write(int[] offsets, boolean[] keyframe) {
        if (offsets.length == 0 || allZero(offsets)) {
            return new byte[0];
        }
        BitWriter w = new BitWriter();
        for (int j = 0; j < keyframe.length; j++) {
            if (keyframe[j]) {
                if (offsets[2 * j] != 0 || offsets[2 * j + 1] != 0) {
                    throw new IllegalArgumentException("an offset at position " + j + ", which is a keyframe");
                }
                continue;
            }
            for (int c = 0; c < 2; c++) {
                int v = offsets[2 * j + c];
                if (Math.abs(v) > MAX_PIXELS) {
                    throw new IllegalArgumentException("offset " + v + " at position " + j + " beyond +-" + MAX_PIXELS);
                }
                writeSigned(w, v);
            }
        }
        return w.toByteArray();
    }

    /**
     * The offsets the field's bytes hold, (x, y) per GOP position (zeros at keyframes), or an empty
     * array for an empty field.
     */
    static int[] read(byte[] field, boolean[] keyframe) throws BitstreamException {
        if (field.length == 0) {
            return new int[0];
        }
        String name = "packet.bridge_offsets";
        BitReader r = new BitReader(field, 8L * field.length, name);
        int[] out = new int[2 * keyframe.length];
        for (int j = 0; j < keyframe.length; j++) {
            if (keyframe[j]) {
                continue;
            }
            for (int c = 0; c < 2; c++) {
                out[2 * j + c] = readSigned(r, name + "[" + j + "]." + (c == 0 ? "x" : "y"));
            }
        }
        if (r.remaining() >= 8) {
            throw new BitstreamException(name, r.remaining() / 8 + " unused bytes after the last offset");
        }
        if (r.remaining() > 0 && r.readBits((int) r.remaining()) != 0) {
            throw new BitstreamException(name, "padding bits after the last offset are not zero");
        }
        if (allZero(out)) {
            throw new BitstreamException(name, "holds only zero offsets (a GOP without offsets writes no bytes)");
        }
        return out;
    }

    private static boolean allZero(int[] v) {
        for (int x : v) {
            if (x != 0) {
                return false;
            }
        }
        return true;
    }

    /** Signed Exp-Golomb: v > 0 as code 2v - 1, v <= 0 as -2v. */
    static void writeSigned(BitWriter w, int v) {
        long code = v > 0 ? 2L * v - 1 : -2L * v;
        long value = code + 1;
        int bits = 64 - Long.numberOfLeadingZeros(value);
        w.writeBits(0, bits - 1);
        w.writeBits(value, bits);
    }

    static int readSigned(BitReader r, String field) throws BitstreamException {
        int zeros = 0;
        while (!r.readBit()) {
            if (++zeros > 6) { // the largest code, 2 * 32, has 6 leading zeros
                throw new BitstreamException(field, "an Exp-Golomb code with more than 6 leading zeros: beyond +-"
                        + MAX_PIXELS);
            }
        }
        long value = (1L << zeros) | r.readBits(zeros);
        long code = value - 1;
        long v = (code & 1) == 1 ? (code + 1) / 2 : -(code / 2);
        if (Math.abs(v) > MAX_PIXELS) {
            throw new BitstreamException(field, "is " + v + " pixels, beyond +-" + MAX_PIXELS);
        }
        return (int) v;
    }
}
