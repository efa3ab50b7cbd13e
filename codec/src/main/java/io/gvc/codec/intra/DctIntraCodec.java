package io.gvc.codec.intra;

import io.gvc.codec.bitstream.BitstreamException;
import io.gvc.codec.frame.Frame;
import java.io.ByteArrayOutputStream;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * A small baseline-JPEG-like still codec in plain Java ({@code gvc-dct}): 8x8 DCT, IJG-scaled
 * quantisation, DC prediction, zero-run coding, then DEFLATE. It exists so the engine has a real
 * boundary-frame codec with no native code; x265 intra (module boundary-codecs) codes the same
 * picture in about a third fewer bytes and is the CLI's default where FFmpeg is present.
 *
 * <p>Layout: byte 0 = version (1), byte 1 = quality, then a DEFLATE stream of unsigned LEB128
 * varints: per plane (Y, U, V), per 8x8 block in raster order, the zigzag-mapped DC difference,
 * then (run, level) pairs with run+1 as the first varint and 0 ending the block.
 *
 * <p>Predicted pictures (the keyframe chain's inter pictures) have byte 0 = {@link #PREDICTED} and
 * code the difference from the reference picture the same way instead of the difference from 128:
 * zero-motion prediction, which is what a static camera needs; moving content costs about what
 * intra does, and the encoder then codes intra instead (measured per GOP). A between picture is
 * a predicted picture whose reference is the rounded mean of its two references.
 */
public final class DctIntraCodec implements BidirectionalCodec {

    public static final String ID = "gvc-dct";
    private static final int VERSION = 1;
    /** Leading byte of a predicted picture. */
    private static final int PREDICTED = 0x81;
    /** A bound on inflated size per pixel, so a hostile stream cannot inflate without end. */
    private static final int MAX_BYTES_PER_SAMPLE = 8;

    @Override
    public String id() {
        return ID;
    }

    @Override
    public byte[] encode(Frame frame, int quality) {
        return encode(null, frame, quality);
    }

    @Override
    public byte[] encodePredicted(Frame reference, Frame frame, int quality) {
        if (reference.width() != frame.width() || reference.height() != frame.height()) {
            throw new IllegalArgumentException("reference is " + reference.width() + "x" + reference.height()
                    + ", the picture " + frame.width() + "x" + frame.height());
        }
        return encode(reference, frame, quality);
    }

    @Override
    public byte[] encodeBetween(Frame past, Frame future, Frame frame, int quality) {
        return encodePredicted(mean(past, future), frame, quality);
    }

    @Override
    public Frame decodeBetween(byte[] data, Frame past, Frame future, int quality, int width, int height)
            throws BitstreamException {
        if (past.width() != future.width() || past.height() != future.height()) {
            throw new BitstreamException("boundary.gvc-dct", "references are " + past.width() + "x" + past.height()
                    + " and " + future.width() + "x" + future.height());
        }
        return decodePredicted(data, mean(past, future), quality, width, height);
    }

    /** The per-sample mean of two pictures of one size, rounded half up. */
    private static Frame mean(Frame a, Frame b) {
        if (a.width() != b.width() || a.height() != b.height()) {
            throw new IllegalArgumentException("references are " + a.width() + "x" + a.height() + " and "
                    + b.width() + "x" + b.height());
        }
        byte[][] planes = new byte[3][];
        for (int p = 0; p < 3; p++) {
            byte[] x = a.plane(p), y = b.plane(p), m = new byte[x.length];
            for (int i = 0; i < m.length; i++) {
                m[i] = (byte) (((x[i] & 0xFF) + (y[i] & 0xFF) + 1) >> 1);
            }
            planes[p] = m;
        }
        return new Frame(a.width(), a.height(), planes[0], planes[1], planes[2]);
    }

    /** HEVC's lambda at this codec's luma step for {@code quality}: the geometric mean of its scaled luma table. */
    @Override
    public double lambda(int quality) {
        int[] steps = JpegTables.scaled(JpegTables.LUMA, quality);
        double logSum = 0;
        for (int step : steps) {
            logSum += Math.log(step);
        }
        return HevcLambda.ofQuantiserStep(Math.exp(logSum / steps.length));
    }

    private static byte[] encode(Frame reference, Frame frame, int quality) {
        int q = Math.max(1, Math.min(100, quality));
        ByteArrayOutputStream syms = new ByteArrayOutputStream();
        for (int p = 0; p < 3; p++) {
            int[] qt = JpegTables.scaled(p == 0 ? JpegTables.LUMA : JpegTables.CHROMA, q);
            encodePlane(frame.plane(p), reference == null ? null : reference.plane(p), frame.planeWidth(p),
                    frame.planeHeight(p), qt, syms);
        }
        Deflater d = new Deflater(Deflater.BEST_COMPRESSION, true);
        d.setInput(syms.toByteArray());
        d.finish();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(reference == null ? VERSION : PREDICTED);
        out.write(q);
        byte[] buf = new byte[4096];
        while (!d.finished()) {
            out.write(buf, 0, d.deflate(buf));
        }
        d.end();
        return out.toByteArray();
    }

    /** {@code pred} is the prediction plane, or null for intra (prediction 128 everywhere). */
    private static void encodePlane(byte[] px, byte[] pred, int w, int h, int[] qt, ByteArrayOutputStream out) {
        float[] block = new float[64];
        float[] coef = new float[64];
        int prevDc = 0;
        for (int by = 0; by < h; by += 8) {
            for (int bx = 0; bx < w; bx += 8) {
                for (int y = 0; y < 8; y++) {
                    int sy = Math.min(h - 1, by + y); // replicate the edge into partial blocks
                    for (int x = 0; x < 8; x++) {
                        int sx = Math.min(w - 1, bx + x);
                        block[y * 8 + x] = (px[sy * w + sx] & 0xFF) - (pred == null ? 128f : pred[sy * w + sx] & 0xFF);
                    }
                }
                forward(block, coef);
                int dc = Math.round(coef[0] / qt[0]);
                writeVarint(out, zigzag(dc - prevDc));
                prevDc = dc;
                int run = 0;
                for (int i = 1; i < 64; i++) {
                    int z = JpegTables.ZIGZAG[i];
                    int level = Math.round(coef[z] / qt[z]);
                    if (level == 0) {
                        run++;
                    } else {
                        writeVarint(out, run + 1);
                        writeVarint(out, zigzag(level));
                        run = 0;
                    }
                }
                writeVarint(out, 0);
            }
        }
    }

    @Override
    public Frame decode(byte[] data, int width, int height) throws BitstreamException {
        if (data.length < 2 || data[0] != VERSION) {
            throw new BitstreamException("boundary.gvc-dct", "not a gvc-dct version " + VERSION + " intra picture");
        }
        return decode(data, null, width, height);
    }

    @Override
    public Frame decodePredicted(byte[] data, Frame reference, int quality, int width, int height)
            throws BitstreamException {
        if (data.length < 2 || (data[0] & 0xFF) != PREDICTED) {
            throw new BitstreamException("boundary.gvc-dct", "not a gvc-dct predicted picture");
        }
        if ((data[1] & 0xFF) != quality) { // gvc-dct pictures carry their own quality: it must be the boundary's
            throw new BitstreamException("boundary.gvc-dct.quality", "is " + (data[1] & 0xFF) + ", the boundary's "
                    + quality);
        }
        if (reference.width() != width || reference.height() != height) {
            throw new BitstreamException("boundary.gvc-dct", "reference is " + reference.width() + "x"
                    + reference.height() + ", the picture " + width + "x" + height);
        }
        return decode(data, reference, width, height);
    }

    private static Frame decode(byte[] data, Frame reference, int width, int height) throws BitstreamException {
        int q = data[1] & 0xFF;
        if (q < 1 || q > 100) {
            throw new BitstreamException("boundary.gvc-dct.quality", "quality " + q + " outside 1..100");
        }
        byte[] syms = inflate(data, (long) Frame.i420Size(width, height) * MAX_BYTES_PER_SAMPLE);
        int[] pos = {0};
        byte[][] planes = new byte[3][];
        for (int p = 0; p < 3; p++) {
            int pw = p == 0 ? width : Frame.chromaWidth(width), ph = p == 0 ? height : Frame.chromaHeight(height);
            int[] qt = JpegTables.scaled(p == 0 ? JpegTables.LUMA : JpegTables.CHROMA, q);
            planes[p] = decodePlane(syms, pos, reference == null ? null : reference.plane(p), pw, ph, qt);
        }
        return new Frame(width, height, planes[0], planes[1], planes[2]);
    }

    private static byte[] decodePlane(byte[] syms, int[] pos, byte[] pred, int w, int h, int[] qt)
            throws BitstreamException {
        byte[] px = new byte[w * h];
        float[] coef = new float[64];
        float[] block = new float[64];
        int prevDc = 0;
        for (int by = 0; by < h; by += 8) {
            for (int bx = 0; bx < w; bx += 8) {
                java.util.Arrays.fill(coef, 0f);
                int dc = prevDc + unzigzag(readVarint(syms, pos));
                prevDc = dc;
                coef[0] = (float) dc * qt[0];
                int i = 1;
                while (true) {
                    int run = readVarint(syms, pos);
                    if (run == 0) {
                        break;
                    }
                    i += run - 1;
                    if (i > 63) {
                        throw new BitstreamException("boundary.gvc-dct.block", "zero run past the end of a block");
                    }
                    int z = JpegTables.ZIGZAG[i];
                    coef[z] = (float) unzigzag(readVarint(syms, pos)) * qt[z];
                    i++;
                }
                inverse(coef, block);
                for (int y = 0; y < 8 && by + y < h; y++) {
                    for (int x = 0; x < 8 && bx + x < w; x++) {
                        int i0 = (by + y) * w + bx + x;
                        float base = pred == null ? 128f : pred[i0] & 0xFF;
                        int v = (int) Math.floor(block[y * 8 + x] + base + 0.5f);
                        px[i0] = (byte) (v < 0 ? 0 : Math.min(255, v));
                    }
                }
            }
        }
        return px;
    }

    private static byte[] inflate(byte[] data, long limit) throws BitstreamException {
        Inflater inf = new Inflater(true);
        inf.setInput(data, 2, data.length - 2);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        try {
            while (!inf.finished()) {
                int n = inf.inflate(buf);
                if (n == 0 && (inf.needsInput() || inf.needsDictionary())) {
                    throw new BitstreamException("boundary.gvc-dct", "compressed data ends early");
                }
                out.write(buf, 0, n);
                if (out.size() > limit) {
                    throw new BitstreamException("boundary.gvc-dct", "inflates beyond " + limit + " bytes");
                }
            }
        } catch (DataFormatException e) {
            throw new BitstreamException("boundary.gvc-dct", "corrupt compressed data: " + e.getMessage());
        } finally {
            inf.end();
        }
        return out.toByteArray();
    }

    private static void forward(float[] in, float[] out) {
        float[] tmp = new float[64];
        float[] c = JpegTables.DCT8;
        for (int y = 0; y < 8; y++) {
            for (int k = 0; k < 8; k++) {
                float s = 0f;
                for (int x = 0; x < 8; x++) {
                    s += in[y * 8 + x] * c[k * 8 + x];
                }
                tmp[y * 8 + k] = s;
            }
        }
        for (int ky = 0; ky < 8; ky++) {
            for (int kx = 0; kx < 8; kx++) {
                float s = 0f;
                for (int y = 0; y < 8; y++) {
                    s += c[ky * 8 + y] * tmp[y * 8 + kx];
                }
                out[ky * 8 + kx] = s;
            }
        }
    }

    private static void inverse(float[] in, float[] out) {
        float[] tmp = new float[64];
        float[] c = JpegTables.DCT8;
        for (int ky = 0; ky < 8; ky++) {
            for (int x = 0; x < 8; x++) {
                float s = 0f;
                for (int kx = 0; kx < 8; kx++) {
                    s += in[ky * 8 + kx] * c[kx * 8 + x];
                }
                tmp[ky * 8 + x] = s;
            }
        }
        for (int y = 0; y < 8; y++) {
            for (int x = 0; x < 8; x++) {
                float s = 0f;
                for (int ky = 0; ky < 8; ky++) {
                    s += c[ky * 8 + y] * tmp[ky * 8 + x];
                }
                out[y * 8 + x] = s;
            }
        }
    }

    private static int zigzag(int v) {
        return (v << 1) ^ (v >> 31);
    }

    private static int unzigzag(int u) {
        return (u >>> 1) ^ -(u & 1);
    }

    private static void writeVarint(ByteArrayOutputStream out, int v) {
        while ((v & ~0x7F) != 0) {
            out.write((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        out.write(v);
    }

    private static int readVarint(byte[] buf, int[] pos) throws BitstreamException {
        int v = 0;
        for (int shift = 0; shift < 32; shift += 7) {
            if (pos[0] >= buf.length) {
                throw new BitstreamException("boundary.gvc-dct", "symbols end in the middle of a picture");
            }
            int b = buf[pos[0]++] & 0xFF;
            v |= (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return v;
            }
        }
        throw new BitstreamException("boundary.gvc-dct", "varint longer than 5 bytes");
    }
}
