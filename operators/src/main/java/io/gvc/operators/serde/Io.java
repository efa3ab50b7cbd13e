package io.gvc.operators.serde;

import io.gvc.codec.frame.Frame;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Field writers shared by the serializers. Lengths are checked before allocating, so a damaged
 * checkpoint fails with a message instead of an OutOfMemoryError.
 */
final class Io {

    /** Largest byte array a field may hold (a 64 MiB record plus headroom). */
    static final int MAX_BYTES = 80 << 20;
    static final int MAX_SIDE = 16384;
    static final int MAX_FRAMES = 1024;

    private Io() {
    }

    static void bytes(DataOutputView out, byte[] b) throws IOException {
        if (b == null) {
            out.writeInt(-1);
            return;
        }
        out.writeInt(b.length);
        out.write(b);
    }

    static byte[] bytes(DataInputView in, String field) throws IOException {
        int n = in.readInt();
        if (n == -1) {
            return null;
        }
        if (n < 0 || n > MAX_BYTES) {
            throw new IOException(field + ": length " + n + " out of range");
        }
        byte[] b = new byte[n];
        in.readFully(b);
        return b;
    }

    static void string(DataOutputView out, String s) throws IOException {
        bytes(out, s == null ? null : s.getBytes(StandardCharsets.UTF_8));
    }

    static String string(DataInputView in, String field) throws IOException {
        byte[] b = bytes(in, field);
        return b == null ? null : new String(b, StandardCharsets.UTF_8);
    }

    /** A frame, or null. */
    static void frame(DataOutputView out, Frame f) throws IOException {
        if (f == null) {
            out.writeInt(0);
            return;
        }
        out.writeInt(f.width());
        out.writeInt(f.height());
        out.write(f.y());
        out.write(f.u());
        out.write(f.v());
    }

    static Frame frame(DataInputView in, String field) throws IOException {
        int w = in.readInt();
        if (w == 0) {
            return null;
        }
        int h = in.readInt();
        if (w < 1 || w > MAX_SIDE || h < 1 || h > MAX_SIDE) {
            throw new IOException(field + ": frame size " + w + "x" + h + " out of range");
        }
        int c = Frame.chromaWidth(w) * Frame.chromaHeight(h);
        byte[] y = new byte[w * h];
        byte[] u = new byte[c];
        byte[] v = new byte[c];
        in.readFully(y);
        in.readFully(u);
        in.readFully(v);
        return new Frame(w, h, y, u, v);
    }

    static void frames(DataOutputView out, List<Frame> frames) throws IOException {
        out.writeInt(frames.size());
        for (Frame f : frames) {
            frame(out, f);
        }
    }

    static List<Frame> frames(DataInputView in, String field) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > MAX_FRAMES) {
            throw new IOException(field + ": frame count " + n + " out of range");
        }
        List<Frame> frames = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Frame f = frame(in, field);
            if (f == null) {
                throw new IOException(field + ": frame " + i + " is missing");
            }
            frames.add(f);
        }
        return frames;
    }

    /** Every serializer starts with its layout version, so state written by an older layout is recognised. */
    static void version(DataOutputView out, int version) throws IOException {
        out.writeByte(version);
    }

    static void version(DataInputView in, int expected, String type) throws IOException {
        int v = in.readUnsignedByte();
        if (v != expected) {
            throw new IOException(type + ": layout version " + v + ", this build reads " + expected);
        }
    }
}
