package io.gvc.codec.bench;

import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs the codec's JMH benchmarks with short settings: 1 fork, 3 warm-up and 5 measured iterations of
 * 1 s each. With arguments, JMH's own command line ({@code org.openjdk.jmh.Main}) runs instead, e.g.
 * {@code -l} to list, {@code -f 2 -wi 5 -i 10 AtomSearchBench}. Never run by the test suite; see
 * docs/performance.md for the command.
 */
public final class RunBenchmarks {

    private RunBenchmarks() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0) {
            org.openjdk.jmh.Main.main(args);
            return;
        }
        Options options = new OptionsBuilder()
                .include(AtomSearchBench.class.getName())
                .include(NormalGenerationBench.class.getName())
                .include(RankCoderBench.class.getName())
                .forks(1)
                .warmupIterations(3)
                .warmupTime(TimeValue.seconds(1))
                .measurementIterations(5)
                .measurementTime(TimeValue.seconds(1))
                .build();
        new Runner(options).run();
    }
}
