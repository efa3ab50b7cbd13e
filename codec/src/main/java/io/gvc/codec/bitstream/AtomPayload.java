package io.gvc.codec.bitstream;

import io.gvc.codec.atoms.AtomChoice;
import java.math.BigInteger;

/**
 * The atom section of a packet: for every stochastic step, for every coded latent frame in order,
 * the index set as its combinatorial rank in ceil(log2 C(K, M_f)) bits, then M_f sign bits
 * (1 = negative) in increasing index order. Nothing else: its length follows from K and the M_f.
 */
public final class AtomPayload {

    private AtomPayload() {
    }

    /** Bits of one step and latent frame with m atoms of k. */
    public static long bitsPerChoice(int k, int m) {
        return RankCoder.indexBits(k, m) + (long) m;
    }

    public static void write(BitWriter w, AtomChoice c, int k) {
        int m = c.count();
        w.writeBig(RankCoder.rank(c.indices()), RankCoder.indexBits(k, m));
        for (boolean neg : c.negative()) {
            w.writeBit(neg);
        }
    }

    public static AtomChoice read(BitReader r, int k, int m) throws BitstreamException {
        BigInteger rank = r.readBig(RankCoder.indexBits(k, m));
        int[] idx = RankCoder.unrank(rank, k, m);
        boolean[] neg = new boolean[m];
        for (int i = 0; i < m; i++) {
            neg[i] = r.readBit();
        }
        return new AtomChoice(idx, neg);
    }
}
