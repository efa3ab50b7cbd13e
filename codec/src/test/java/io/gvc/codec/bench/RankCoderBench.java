package io.gvc.codec.bench;

import io.gvc.codec.bitstream.BitstreamException;
import io.gvc.codec.bitstream.RankCoder;
import java.math.BigInteger;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The decoder's other per-choice cost besides regenerating M atoms: turning the transmitted rank back
 * into M indices ({@link RankCoder#unrank}), and the encoder's {@link RankCoder#rank}. Time per call.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class RankCoderBench {

    /** K:M */
    @Param({"1024:16", "1024:64", "16384:64"})
    public String km;

    private int k;
    private int m;
    private BigInteger[] ranks;
    private int[][] sets;
    private int next;

    @Setup
    public void setUp() throws BitstreamException {
        String[] p = km.split(":");
        k = Integer.parseInt(p[0]);
        m = Integer.parseInt(p[1]);
        BigInteger count = RankCoder.binomial(k, m);
        Random rnd = new Random(1);
        ranks = new BigInteger[64];
        sets = new int[64][];
        for (int i = 0; i < ranks.length; i++) {
            BigInteger r;
            do {
                r = new BigInteger(count.bitLength(), rnd);
            } while (r.compareTo(count) >= 0);
            ranks[i] = r;
            sets[i] = RankCoder.unrank(r, k, m);
        }
    }

    @Benchmark
    public int[] unrank() throws BitstreamException {
        next = (next + 1) & 63;
        return RankCoder.unrank(ranks[next], k, m);
    }

    @Benchmark
    public BigInteger rank() {
        next = (next + 1) & 63;
        return RankCoder.rank(sets[next]);
    }
}
