package io.gvc.jobs.pipeline;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import java.time.Duration;
import java.util.function.BiConsumer;

/** What both jobs set on their environment (exactly-once checkpoints, restarts, no Kryo), and their shared main. */
public final class JobSetup {

    private JobSetup() {
    }

    public static void configure(StreamExecutionEnvironment env, JobOptions o) {
        Configuration c = new Configuration();
        // every value GVC moves has an explicit serializer; a type that would fall back to Kryo is a bug
        c.set(PipelineOptions.GENERIC_TYPES, false);
        c.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
        c.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, o.restartAttempts());
        c.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofSeconds(1));
        env.configure(c);
        env.enableCheckpointing(o.checkpointInterval().toMillis(), CheckpointingMode.EXACTLY_ONCE);
        env.setParallelism(o.parallelism());
    }

    /**
     * The body of a job's main: {@code --help}, options, environment, pipeline, execute.
     *
     * @param build adds the job's pipeline to an environment
     */
    static void main(String[] args, String name, String description,
                     BiConsumer<StreamExecutionEnvironment, JobOptions> build) throws Exception {
        if (args.length > 0 && (args[0].equals("--help") || args[0].equals("-h"))) {
            System.out.println(description + "\n" + JobOptions.HELP);
            return;
        }
        JobOptions o = JobOptions.parse(args);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        configure(env, o);
        build.accept(env, o);
        env.execute(name);
    }
}
