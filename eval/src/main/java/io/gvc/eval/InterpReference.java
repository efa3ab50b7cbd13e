package io.gvc.eval;

import io.gvc.codec.GopPartition;
import io.gvc.codec.bitstream.BitstreamException;
import io.gvc.codec.frame.Frame;
import io.gvc.codec.frame.Video;
import io.gvc.codec.frame.VideoFormat;
import io.gvc.codec.intra.IntraCodec;
import io.gvc.codec.variant.Variant;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The reference GVC must beat to be worth its atoms: FLF2V's boundary frames alone, intra-coded with
 * the same codec, and every picture between two boundaries a linear blend of them. It spends the
 * rate GVC spends on boundaries and nothing on atoms, so GVC against it shows what the generation adds.
 *
 * <p>The file ("GVCI") holds what a decoder needs and nothing else: a 19-byte header (magic, version,
 * width, height, frame count, GOP length, rate as two shorts), the intra codec id, then each boundary
 * picture as position and length. Boundaries sit where FLF2V puts them: every GOP's first frame and the
 * video's last frame.
 */
final class InterpReference {

    private static final int MAGIC = 0x47564349; // "GVCI"
    private static final int VERSION = 1;

    private InterpReference() {
    }

    /** Positions of the boundary frames for {@code frames} pictures in GOPs of {@code gopFrames}. */
    static List<Integer> boundaries(int frames, int gopFrames) {
        GopPartition part = new GopPartition(Variant.FLF2V, gopFrames, frames);
        List<Integer> out = new ArrayList<>();
        for (long k = 0; k < part.gopCount(); k++) {
            out.add((int) part.firstFrame(k));
        }
        if (frames > 1) {
            out.add(frames - 1);
        }
        return out;
    }

    static byte[] encode(Video video, int gopFrames, IntraCodec intra, int quality) throws IOException {
        VideoFormat f = video.format();
        if (f.fpsNum() > 0xFFFF || f.fpsDen() > 0xFFFF) {
            throw new IllegalArgumentException("frame rate " + f.fpsNum() + "/" + f.fpsDen() + " does not fit");
        }
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(buf);
        out.writeInt(MAGIC);
        out.writeByte(VERSION);
        out.writeShort(f.width());
        out.writeShort(f.height());
        out.writeInt(video.frameCount());
        out.writeShort(gopFrames);
        out.writeShort(f.fpsNum());
        out.writeShort(f.fpsDen());
        byte[] id = intra.id().getBytes(StandardCharsets.US_ASCII);
        out.writeByte(id.length);
        out.write(id);
        for (int p : boundaries(video.frameCount(), gopFrames)) {
            byte[] data = intra.encode(video.frames().get(p), quality);
            out.writeInt(data.length);
            out.write(data);
        }
        out.flush();
        return buf.toByteArray();
    }

    /** The pictures a decoder makes of {@link #encode}'s bytes; {@code intra} must have the id in the file. */
    static Video decode(byte[] file, IntraCodec intra) throws IOException {
        DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(file));
        if (in.readInt() != MAGIC || in.readUnsignedByte() != VERSION) {
            throw new IOException("not a GVCI v" + VERSION + " interpolation file");
        }
        int width = in.readUnsignedShort(), height = in.readUnsignedShort();
        int frames = in.readInt();
        int gop = in.readUnsignedShort();
        VideoFormat format = new VideoFormat(width, height, in.readUnsignedShort(), in.readUnsignedShort());
        byte[] id = in.readNBytes(in.readUnsignedByte());
        if (!new String(id, StandardCharsets.US_ASCII).equals(intra.id())) {
            throw new IOException("file's boundaries are " + new String(id, StandardCharsets.US_ASCII)
                    + ", not " + intra.id());
        }
        List<Integer> positions = boundaries(frames, gop);
        Frame[] anchors = new Frame[positions.size()];
        for (int i = 0; i < anchors.length; i++) {
            byte[] data = in.readNBytes(in.readInt());
            try {
                anchors[i] = intra.decode(data, width, height);
            } catch (BitstreamException e) {
                throw new IOException("boundary " + i + ": " + e.getMessage(), e);
            }
        }
        List<Frame> out = new ArrayList<>(frames);
        out.add(anchors[0]);
        for (int i = 1; i < anchors.length; i++) {
            int p0 = positions.get(i - 1), p1 = positions.get(i);
            for (int t = p0 + 1; t <= p1; t++) {
                out.add(t == p1 ? anchors[i] : blend(anchors[i - 1], anchors[i], t - p0, p1 - p0));
            }
        }
        return new Video(format, out);
    }

    /** {@code a + (b - a) * num / den} per sample, rounded half up, in integers so it is exact. */
    static Frame blend(Frame a, Frame b, int num, int den) {
        byte[][] planes = new byte[3][];
        for (int p = 0; p < 3; p++) {
            byte[] x = a.plane(p), y = b.plane(p);
            byte[] o = new byte[x.length];
            for (int i = 0; i < o.length; i++) {
                int va = x[i] & 0xFF, vb = y[i] & 0xFF;
                o[i] = (byte) ((va * (den - num) + vb * num + den / 2) / den);
            }
            planes[p] = o;
        }
        return new Frame(a.width(), a.height(), planes[0], planes[1], planes[2]);
    }
}
