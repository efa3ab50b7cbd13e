package io.gvc.jobs.pipeline;

import java.util.Arrays;

/**
 * The manifest entry point of the Flink job jar ({@code flink-jobs/target/gvc-flink-jobs.jar}):
 * {@code encode ARGS} runs {@link EncodeJob}, {@code decode ARGS} runs {@link DecodeJob}, anything
 * else prints how to call them and returns. It never calls System.exit: on a session cluster this
 * main runs inside the JobManager (REST or web-UI submission without an entry class), where an
 * exit would end the cluster.
 */
public final class FlinkJobs {

    static final String USAGE = """
            GVC Flink jobs. Submit with an entry class:
              flink run -c io.gvc.jobs.pipeline.EncodeJob gvc-flink-jobs.jar --bootstrap HOST:PORT [options]
              flink run -c io.gvc.jobs.pipeline.DecodeJob gvc-flink-jobs.jar --bootstrap HOST:PORT [options]
            or without one, naming the job first:
              flink run gvc-flink-jobs.jar encode --bootstrap HOST:PORT [options]
              flink run gvc-flink-jobs.jar decode --bootstrap HOST:PORT [options]
            `encode --help` / `decode --help` list the options (docs/live.md).""";

    private FlinkJobs() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h")) {
            System.out.println(USAGE);
            return;
        }
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        switch (args[0]) {
            case "encode" -> EncodeJob.main(rest);
            case "decode" -> DecodeJob.main(rest);
            default -> throw new IllegalArgumentException("unknown job '" + args[0] + "': expected encode or decode\n"
                    + USAGE);
        }
    }
}
