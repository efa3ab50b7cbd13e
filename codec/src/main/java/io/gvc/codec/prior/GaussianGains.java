package io.gvc.codec.prior;

import io.gvc.codec.bitstream.BitReader;
import io.gvc.codec.bitstream.BitWriter;
import io.gvc.codec.bitstream.BitstreamException;

/**
 * The Gaussian prior's side information: one gain per {@link SpectralBands} gain group that scales
 * the fitted spectrum to this GOP's content. A gain is coded in 5 bits on a half-octave grid,
 * gain = 2^((q - 20) / 2), q in 0..31, covering 2^-10 to 2^5.5; six of them cost 30 bits.
 *
 * <p>Why: a spectrum fitted on other clips can be off by 10x for this one, and the prototype lost
 * 5 dB to that (GVC-ALGORITHM.md section 8). Thirty bits per GOP fix it. Learned priors send their
 * per-plane gains on the same grid ({@link #write}, {@link #read(byte[], int)}).
 */
public final class GaussianGains {

    /** Bits per gain. */
    public static final int BITS = 5;
    static final int OFFSET = 20;
    static final int MAX_Q = (1 << BITS) - 1;

    private GaussianGains() {
    }

    /** Quantisation index for a measured gain (encoder side only, so Math.log is fine here). */
    public static int quantise(double gain) {
        if (!(gain > 0)) {
            return 0;
        }
        long q = Math.round(2.0 * Math.log(gain) / Math.log(2.0)) + OFFSET;
        return (int) Math.max(0, Math.min(MAX_Q, q));
    }

    /** The gain for an index: exact powers of sqrt(2) computed with StrictMath. */
    public static float gain(int q) {
        return (float) StrictMath.pow(2.0, (q - OFFSET) / 2.0);
    }

    public static byte[] write(int[] q) {
        BitWriter w = new BitWriter();
        for (int v : q) {
            w.writeBits(v, BITS);
        }
        return w.toByteArray();
    }

    /** Reads the Gaussian prior's gains; empty side information means unit gains (no adaptation). */
    static float[] read(byte[] side) throws BitstreamException {
        if (side.length == 0) {
            float[] g = new float[SpectralBands.GAIN_GROUPS];
            java.util.Arrays.fill(g, 1f);
            return g;
        }
        return read(side, SpectralBands.GAIN_GROUPS);
    }

    /** Reads exactly {@code count} gains written by {@link #write}. */
    public static float[] read(byte[] side, int count) throws BitstreamException {
        int expected = (count * BITS + 7) / 8;
        if (side.length != expected) {
            throw new BitstreamException("prior.side_info", "has " + side.length + " bytes, " + count + " gains take "
                    + expected);
        }
        float[] g = new float[count];
        BitReader r = new BitReader(side, count * BITS, "prior.side_info");
        for (int i = 0; i < g.length; i++) {
            g[i] = gain((int) r.readBits(BITS));
        }
        return g;
    }
}
