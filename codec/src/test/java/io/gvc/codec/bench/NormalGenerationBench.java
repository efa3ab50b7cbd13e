package io.gvc.codec.bench;

import io.gvc.codec.prng.GaussianMapping;
import io.gvc.codec.prng.NoiseDomain;
import io.gvc.codec.prng.Philox4x32;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * The bound of the atom search (GVC-ALGORITHM.md section 8): generating the normal values alone,
 * without the dot product. One operation is one normal element (a quarter of a Philox4x32-10 block).
 * Single-threaded; the search scales over cores from here.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class NormalGenerationBench {

    static final int ATOMS = 64;
    static final int D = 9504;

    private final Philox4x32 rng = Philox4x32.forSeed(0x6776635f73656564L);
    private final int[] block = new int[4];
    private final int[] levels = new int[D];
    private int gop;

    /** Philox4x32-10 blocks only: the raw words, folded so nothing is optimised away. */
    @Benchmark
    @OperationsPerInvocation(ATOMS * D)
    public int philoxBlocks() {
        NoiseDomain.Sequence seq = NoiseDomain.sequence(gop++, NoiseDomain.PURPOSE_ATOM, 3, 0);
        int acc = 0;
        for (int k = 0; k < ATOMS; k++) {
            for (int e = 0; e < D; e += 4) {
                seq.block(rng, e, k, block);
                acc ^= block[0] ^ block[1] ^ block[2] ^ block[3];
            }
        }
        return acc;
    }

    /** Philox blocks plus the popcount levels: exactly the generation inside Codebook.correlate. */
    @Benchmark
    @OperationsPerInvocation(ATOMS * D)
    public int philoxPopcountLevels() {
        NoiseDomain.Sequence seq = NoiseDomain.sequence(gop++, NoiseDomain.PURPOSE_ATOM, 3, 0);
        int acc = 0;
        for (int k = 0; k < ATOMS; k++) {
            for (int e = 0; e < D; e += 4) {
                seq.block(rng, e, k, block);
                acc += GaussianMapping.level(block[0]) + GaussianMapping.level(block[1])
                        + GaussianMapping.level(block[2]) + GaussianMapping.level(block[3]);
            }
        }
        return acc;
    }

    /** The decoder's path: NoiseDomain.levels regenerating whole atoms into an array. */
    @Benchmark
    @OperationsPerInvocation(ATOMS * D)
    public int noiseDomainLevels() {
        int g = gop++;
        int acc = 0;
        for (int k = 0; k < ATOMS; k++) {
            NoiseDomain.levels(rng, g, NoiseDomain.PURPOSE_ATOM, 3, 0, k, levels);
            acc += levels[k];
        }
        return acc;
    }
}
