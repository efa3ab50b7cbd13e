package io.gvc.codec.bitstream;

import java.io.ByteArrayOutputStream;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * I2V's optional coarse residual of the last latent frame (GVC-ALGORITHM.md section 4): the
 * difference between the true and the generated latent, quantised to 8 bits with one step for the
 * frame, then deflated. The last frame seeds the next GOP, so its drift is worth paying for.
 *
 * <p>Layout: f32 step, then a raw DEFLATE stream of D signed bytes.
 */
public final class TailResidual {

    private TailResidual() {
    }

    /** Codes truth - x0 and adds the dequantised residual to x0 in place (as the decoder will). */
    public static byte[] encodeAndApply(float[] truth, float[] x0) {
        float max = 0f;
        for (int i = 0; i < x0.length; i++) {
            max = Math.max(max, Math.abs(truth[i] - x0[i]));
        }
        float step = max > 0f ? max / 127f : 1f;
        byte[] q = new byte[x0.length];
        for (int i = 0; i < x0.length; i++) {
            int v = Math.round((truth[i] - x0[i]) / step);
            q[i] = (byte) Math.max(-127, Math.min(127, v));
        }
        Deflater d = new Deflater(Deflater.BEST_COMPRESSION, true);
        d.setInput(q);
        d.finish();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[4096];
        while (!d.finished()) {
            out.write(buf, 0, d.deflate(buf));
        }
        d.end();
        byte[] coded = new FieldWriter().f32(step).bytes(out.toByteArray()).toByteArray();
        apply(step, q, x0);
        return coded;
    }

    /** Adds a coded residual to x0 in place. */
    public static void decodeAndApply(byte[] coded, float[] x0) throws BitstreamException {
        FieldReader r = new FieldReader(coded, 0, coded.length);
        float step = r.f32("packet.tail_residual.step");
        if (!(step > 0)) {
            throw new BitstreamException("packet.tail_residual.step", "must be positive");
        }
        Inflater inf = new Inflater(true);
        inf.setInput(coded, 4, coded.length - 4);
        byte[] q = new byte[x0.length];
        try {
            int n = 0;
            while (n < q.length && !inf.finished()) {
                int got = inf.inflate(q, n, q.length - n);
                if (got == 0 && inf.needsInput()) {
                    break;
                }
                n += got;
            }
            if (n != q.length || !inf.finished()) {
                throw new BitstreamException("packet.tail_residual", "holds " + n + " values (or more), the latent has "
                        + q.length);
            }
        } catch (DataFormatException e) {
            throw new BitstreamException("packet.tail_residual", "corrupt compressed data");
        } finally {
            inf.end();
        }
        apply(step, q, x0);
    }

    private static void apply(float step, byte[] q, float[] x0) {
        for (int i = 0; i < x0.length; i++) {
            x0[i] += q[i] * step;
        }
    }
}
