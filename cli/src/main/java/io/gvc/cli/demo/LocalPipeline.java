package io.gvc.cli.demo;

import io.gvc.jobs.pipeline.DecodeJob;
import io.gvc.jobs.pipeline.EncodeJob;
import io.gvc.jobs.pipeline.JobOptions;
import io.gvc.jobs.pipeline.JobSetup;
import java.util.function.Supplier;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/** Both jobs submitted side by side to one Flink cluster (local mode, tests). */
public record LocalPipeline(JobClient encode, JobClient decode) implements AutoCloseable {

    /** @param environments a fresh environment on the target cluster per call */
    public static LocalPipeline submit(Supplier<StreamExecutionEnvironment> environments, JobOptions o)
            throws Exception {
        return submit(environments, o, o);
    }

    /**
     * Each job with options of its own, as on a cluster where each is submitted with its own arguments
     * (the decode job's --model, say, need not be the encode job's).
     */
    public static LocalPipeline submit(Supplier<StreamExecutionEnvironment> environments, JobOptions encodeOptions,
                                       JobOptions decodeOptions) throws Exception {
        StreamExecutionEnvironment e = environments.get();
        JobSetup.configure(e, encodeOptions);
        EncodeJob.build(e, encodeOptions);
        JobClient encode = e.executeAsync(EncodeJob.NAME);
        try {
            StreamExecutionEnvironment d = environments.get();
            JobSetup.configure(d, decodeOptions);
            DecodeJob.build(d, decodeOptions);
            return new LocalPipeline(encode, d.executeAsync(DecodeJob.NAME));
        } catch (Exception ex) {
            encode.cancel();
            throw ex;
        }
    }

    /** Cancels both jobs and waits for them to stop. */
    @Override
    public void close() throws Exception {
        Exception first = null;
        for (JobClient c : new JobClient[] {encode, decode}) {
            try {
                c.cancel().get();
            } catch (Exception ex) {
                if (first == null && !(String.valueOf(ex.getMessage()).contains("not found")
                        || String.valueOf(ex.getMessage()).contains("globally terminal"))) {
                    first = ex;
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
