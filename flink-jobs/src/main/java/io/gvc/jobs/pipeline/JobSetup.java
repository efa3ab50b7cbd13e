package io.gvc.jobs.pipeline;

import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import java.util.function.BiConsumer;

/**
 * What both jobs set on their environment (exactly-once checkpoints kept on failure and
 * cancellation, restarts, no Kryo), and their shared main.
 */
public final class JobSetup {

    private JobSetup() {
    }

    public static void configure(StreamExecutionEnvironment env, JobOptions o) {
        Configuration c = new Configuration();
        // every value GVC moves has an explicit serializer; a type that would fall back to Kryo is a bug
        c.set(PipelineOptions.GENERIC_TYPES, false);
        o.restarts().applyTo(c);
        // a job that ends FAILED or is cancelled leaves its last checkpoint behind, so that it can be
        // resubmitted from it (flink run -s ...) instead of from the consumer groups' offsets, which
        // would lose or repeat the GOPs between the last commit and the failure
        c.set(CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION, ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
        if (o.checkpointDir() != null) {
            c.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, o.checkpointDir());
        }
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
