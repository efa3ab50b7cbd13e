package io.gvc.model.onnx;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * A minimal protocol-buffers encoder: varints, 64-bit and 32-bit fixed fields and length-delimited
 * fields (strings, bytes, nested messages). Enough to write ONNX models without a protobuf library
 * (STACK.md trap 11). Nested messages are encoded bottom-up into their own {@code ProtoWriter} and
 * embedded with {@link #message}, so every length is known when written.
 *
 * <p>Repeated scalar fields are written unpacked (one tag per element), the proto2 default that
 * ONNX's own serializer uses; parsers accept packed and unpacked alike.
 */
public final class ProtoWriter {

    static final int WIRE_VARINT = 0;
    static final int WIRE_FIXED64 = 1;
    static final int WIRE_LEN = 2;
    static final int WIRE_FIXED32 = 5;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    /** Writes the tag of field {@code field} with wire type {@code wire}. */
    void tag(int field, int wire) {
        rawVarint(((long) field << 3) | wire);
    }

    /** An unsigned base-128 varint; negative int64 values take ten bytes, as protobuf specifies. */
    void rawVarint(long v) {
        while ((v & ~0x7FL) != 0) {
            out.write((int) ((v & 0x7F) | 0x80));
            v >>>= 7;
        }
        out.write((int) v);
    }

    public ProtoWriter int64(int field, long v) {
        tag(field, WIRE_VARINT);
        rawVarint(v);
        return this;
    }

    /** int32 fields are varints too; a negative int32 is sign-extended to 64 bits. */
    public ProtoWriter int32(int field, int v) {
        return int64(field, v);
    }

    public ProtoWriter float32(int field, float v) {
        tag(field, WIRE_FIXED32);
        int bits = Float.floatToRawIntBits(v);
        for (int i = 0; i < 4; i++) {
            out.write(bits >>> (8 * i));
        }
        return this;
    }

    public ProtoWriter string(int field, String s) {
        return bytes(field, s.getBytes(StandardCharsets.UTF_8));
    }

    public ProtoWriter bytes(int field, byte[] b) {
        return bytes(field, b, 0, b.length);
    }

    public ProtoWriter bytes(int field, byte[] b, int off, int len) {
        tag(field, WIRE_LEN);
        rawVarint(len);
        out.write(b, off, len);
        return this;
    }

    public ProtoWriter message(int field, ProtoWriter nested) {
        return bytes(field, nested.toByteArray());
    }

    public int size() {
        return out.size();
    }

    public byte[] toByteArray() {
        return out.toByteArray();
    }

    /** Number of bytes {@code v} takes as a varint (used by callers sizing buffers). */
    public static int varintSize(long v) {
        int n = 1;
        while ((v & ~0x7FL) != 0) {
            v >>>= 7;
            n++;
        }
        return n;
    }
}
