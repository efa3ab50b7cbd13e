package io.gvc.codec.bench;

import io.gvc.codec.atoms.AtomChoice;
import io.gvc.codec.atoms.AtomSearch;
import io.gvc.codec.atoms.Codebook;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The encoder's atom search (GVC-ALGORITHM.md section 3 and 7): all K inner products of freshly
 * generated atoms with a residual of D elements, then the top M. The score is in atom elements
 * (atoms x dims) per second: one operation is one generated-and-multiplied element, so K x D of them
 * per search. K = 1024, D = 9504 is the default latent of a CIF picture (downscale 4: 88x72 luma
 * plus two 44x36 chroma blocks).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class AtomSearchBench {

    static final int K = 1024;
    static final int D = 9504;

    @Param({"1", "2"})
    public int threads;

    private ExecutorService pool;
    private AtomSearch search;
    private float[] residual;
    private int step;

    @Setup(Level.Trial)
    public void setUp() {
        pool = threads > 1 ? Executors.newFixedThreadPool(threads) : null;
        search = new AtomSearch(new Codebook(0x6776635f73656564L, K), pool, threads);
        Random rnd = new Random(1);
        residual = new float[D];
        for (int i = 0; i < D; i++) {
            residual[i] = (float) rnd.nextGaussian();
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        if (pool != null) {
            pool.shutdownNow();
        }
    }

    @Benchmark
    @OperationsPerInvocation(K * D)
    public AtomChoice select() {
        // a new step each time, so no two invocations search the same codebook
        step = (step + 1) & 1023;
        return search.select(7, step, 0, residual, 16);
    }
}
