package io.gvc.cli;

import io.gvc.codec.CodecParams;
import io.gvc.codec.Progress;
import io.gvc.codec.StreamEncoder;
import io.gvc.codec.frame.Video;
import io.gvc.codec.fuzz.BitstreamFuzzer;
import io.gvc.codec.fuzz.FuzzClip;
import io.gvc.codec.fuzz.FuzzTally;
import io.gvc.codec.fuzz.MutationKind;
import io.gvc.codec.intra.DctIntraCodec;
import io.gvc.codec.prior.FlowPrior;
import io.gvc.codec.variant.Variant;
import io.gvc.model.registry.ModelRegistry;
import io.gvc.model.registry.ShippedModels;
import io.gvc.model.runtime.SessionConfig;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "fuzz", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Fuzz the decoder: encode a tiny clip (64x48, 9 frames, GOPs of 5; one stream per variant) with",
            "each shipped prior, mutate the streams and decode every mutation with the prior the stream was coded",
            "with, as `gvc decode` does. Two kinds of mutation, half each: raw (bit flips, overwrites,",
            "truncations, insertions, deletions, random runs, copied ranges anywhere in the file) and crc-fixed",
            "(the same inside the header or one packet, checksums recomputed so the checks behind them are",
            "reached). Mutation i of a prior and kind uses the project's Philox PRNG keyed by seed = base + i, so every",
            "example printed can be replayed.",
            "Prints, per prior and kind: mutations, decoded, refused with a BitstreamException (by field), and",
            "anything else (an untyped exception, an error such as OutOfMemoryError, a decode slower than",
            "--bound-ms) with the first example of each.",
            "Exit codes: 0 only when every mutation was decoded or refused with a BitstreamException within the",
            "bound; 1 when anything else happened; 2 bad options; 3 a prior could not be loaded."})
final class FuzzCommand implements Callable<Integer> {

    /** Base seeds of the runs: far apart, so no two runs share a seed. */
    static final long RAW_SEED = 1_000_000_000L, CRC_FIXED_SEED = 2_000_000_000L, PER_PRIOR = 100_000_000L;

    @Option(names = "--mutations", description = "Mutations in total, spread evenly over the priors and the two "
            + "kinds (default: ${DEFAULT-VALUE}).", defaultValue = "100000")
    int mutations;

    @Option(names = "--priors", split = ",", description = "Priors to fuzz, comma-separated: java, reference, "
            + "learned (default: all three).", defaultValue = "java,reference,learned")
    List<String> priors;

    @Option(names = "--bound-ms", description = "A decode or refusal slower than this is reported as a finding "
            + "(default: ${DEFAULT-VALUE}).", defaultValue = "10000")
    long boundMillis;

    @Option(names = "--jobs", description = "Runs (prior x kind) in parallel, each single-threaded "
            + "(default: the cores, at most the number of runs). Figures do not depend on it.")
    Integer jobs;

    @Option(names = "--device", description = "ONNX models: cpu, cuda or cuda:N (default: ${DEFAULT-VALUE}).",
            defaultValue = "cpu")
    String device;

    @Option(names = "--progress-s", description = "Seconds between progress lines on stderr "
            + "(default: ${DEFAULT-VALUE}).", defaultValue = "15")
    int progressSeconds;

    /** One prior, loaded, with the streams it coded. */
    record Target(String name, FlowPrior prior, List<byte[]> streams) {
    }

    @Override
    public Integer call() throws Exception {
        check();
        List<Target> targets = new ArrayList<>();
        List<FuzzTally> tallies;
        try {
            for (String name : priors) {
                FlowPrior prior;
                try {
                    prior = ModelRegistry.forEncoding(name).encodingModel(Variant.FLF2V).open(SessionConfig.of(device, 1));
                } catch (java.io.IOException e) {
                    throw new BadInputException(e.getMessage(), e);
                }
                targets.add(new Target(name, prior, List.of()));
                targets.set(targets.size() - 1, new Target(name, prior, encode(prior)));
            }
            tallies = run(targets, targets.size() * 2);
        } finally {
            for (Target t : targets) {
                if (t.prior() instanceof AutoCloseable c) {
                    c.close(); // ONNX sessions hold native memory
                }
            }
        }
        PrintStream out = System.out;
        print(tallies, out);
        boolean clean = tallies.stream().allMatch(FuzzTally::clean);
        out.println(clean ? "result: every mutation was decoded or refused with a BitstreamException"
                : "result: FINDINGS (see 'other' and 'slow' above)");
        return clean ? ExitCodes.OK : 1;
    }

    private void check() {
        if (mutations < 1) {
            throw new IllegalArgumentException("--mutations must be at least 1, got " + mutations);
        }
        if (boundMillis < 1) {
            throw new IllegalArgumentException("--bound-ms must be at least 1, got " + boundMillis);
        }
        if (jobs != null && jobs < 1) {
            throw new IllegalArgumentException("--jobs must be at least 1, got " + jobs);
        }
        if (progressSeconds < 1) {
            throw new IllegalArgumentException("--progress-s must be at least 1, got " + progressSeconds);
        }
        List<String> known = List.of(ShippedModels.JAVA, ShippedModels.REFERENCE, ShippedModels.LEARNED,
                ShippedModels.LEARNED_BRIDGE);
        for (String p : priors) {
            if (!known.contains(p)) {
                throw new IllegalArgumentException("--priors: unknown prior '" + p + "'; choose from " + known);
            }
        }
        if (priors.stream().distinct().count() != priors.size()) {
            throw new IllegalArgumentException("--priors names a prior twice: " + priors);
        }
        if (mutations < priors.size() * 2) {
            throw new IllegalArgumentException("--mutations must be at least " + priors.size() * 2
                    + " (one per prior and kind), got " + mutations);
        }
    }

    /** One small stream per variant, coded with {@code prior}. */
    static List<byte[]> encode(FlowPrior prior) {
        Video clip = FuzzClip.movingSquare(64, 48, 9);
        List<byte[]> out = new ArrayList<>();
        Variant[] variants = Variant.values();
        for (int i = 0; i < variants.length; i++) {
            Variant v = variants[i];
            CodecParams p = CodecParams.builder().variant(v).gopFrames(5).codebookSize(64).m(2).steps(4).tailSteps(1)
                    .seed(5L + i).intraCodec(DctIntraCodec.ID).keyframeQuality(50).boundaryShare(0.5)
                    .tailResidual(v == Variant.I2V).prompt(v == Variant.T2V ? "fuzz" : "").threads(1).build();
            out.add(StreamEncoder.encode(clip, p, prior, Progress.NONE).file());
        }
        return out;
    }

    private List<FuzzTally> run(List<Target> targets, int runs) throws Exception {
        int threads = jobs != null ? jobs : Math.min(runs, Runtime.getRuntime().availableProcessors());
        AtomicInteger done = new AtomicInteger();
        long start = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        Thread progress = progressPrinter(done, start);
        try {
            List<Future<FuzzTally>> futures = new ArrayList<>();
            int r = 0;
            for (int t = 0; t < targets.size(); t++) {
                for (MutationKind kind : MutationKind.values()) {
                    // spread evenly; the first runs take the remainder
                    int n = mutations / runs + (r < mutations % runs ? 1 : 0);
                    long seed = (kind == MutationKind.RAW ? RAW_SEED : CRC_FIXED_SEED) + t * PER_PRIOR;
                    Target target = targets.get(t);
                    futures.add(pool.submit(() -> BitstreamFuzzer.run(target.name(), target.streams(), kind, n,
                            seed, BitstreamFuzzer.wholeFile(target.prior()), boundMillis,
                            k -> done.incrementAndGet())));
                    r++;
                }
            }
            List<FuzzTally> out = new ArrayList<>();
            for (Future<FuzzTally> f : futures) {
                out.add(f.get());
            }
            System.err.printf("fuzz: %d mutations in %.1f s%n", done.get(), (System.nanoTime() - start) / 1e9);
            return out;
        } finally {
            progress.interrupt();
            pool.shutdownNow();
        }
    }

    private Thread progressPrinter(AtomicInteger done, long start) {
        Thread t = new Thread(() -> {
            try {
                while (true) {
                    Thread.sleep(progressSeconds * 1000L);
                    System.err.printf("fuzz: %d of %d mutations, %.0f s%n", done.get(), mutations,
                            (System.nanoTime() - start) / 1e9);
                }
            } catch (InterruptedException stop) {
                // the runs are over
            }
        }, "fuzz-progress");
        t.setDaemon(true);
        t.start();
        return t;
    }

    static void print(List<FuzzTally> tallies, PrintStream out) {
        out.printf("%-10s %-10s %10s %9s %9s %6s %5s %11s%n", "prior", "kind", "mutations", "decoded", "refused",
                "other", "slow", "slowest ms");
        for (FuzzTally t : tallies) {
            out.printf("%-10s %-10s %10d %9d %9d %6d %5d %11d%n", t.prior(), t.kind().label(), t.mutations(),
                    t.decoded(), t.refused(), t.others(), t.slow(), t.slowestMillis());
        }
        for (FuzzTally t : tallies) {
            out.printf("%n%s %s: refused by field%n", t.prior(), t.kind().label());
            for (Map.Entry<String, Integer> e : t.refusedByField().entrySet()) {
                out.printf("  %8d  %s%n", e.getValue(), e.getKey());
            }
            for (Map.Entry<String, Integer> e : t.otherCount().entrySet()) {
                out.printf("  OTHER %d x %s%n      e.g. %s%n", e.getValue(), e.getKey(), t.otherExample().get(e.getKey()));
            }
            if (t.slow() > 0) {
                out.printf("  SLOW %d decodes; first: %s%n", t.slow(), t.slowExample());
            }
            out.printf("  slowest: %d ms, %s%n", t.slowestMillis(), t.slowestExample());
        }
    }
}
