package io.gvc.jobs.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.Map;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamNode;
import org.junit.jupiter.api.Test;

/** The encode job's stages: the keyframe chain and the atom search at --encoders, the packet reorderer at --parallelism. */
class EncodeJobTest {

    static Map<String, Integer> parallelismByOperator(String... args) throws Exception {
        JobOptions o = JobOptions.parse(args);
        StreamExecutionEnvironment env = new StreamExecutionEnvironment();
        JobSetup.configure(env, o);
        EncodeJob.build(env, o);
        Map<String, Integer> p = new HashMap<>();
        for (StreamNode n : env.getStreamGraph().getStreamNodes()) {
            p.put(n.getOperatorName(), n.getParallelism());
        }
        return p;
    }

    @Test
    void theChainAndTheAtomSearchRunOnEncodersSubtasks() throws Exception {
        Map<String, Integer> p = parallelismByOperator("--bootstrap", "localhost:9092", "--encoders", "3");
        assertEquals(3, p.get("AtomSearch"), p.toString());
        // streams (and with independent periods, one stream's periods) spread over the chain's subtasks
        assertEquals(3, p.get("KeyframeChain"), p.toString());
        assertEquals(1, p.get("PacketReorderer"), p.toString());
    }

    @Test
    void encodersDefaultToTheParallelism() throws Exception {
        assertEquals(2, JobOptions.parse(new String[] {"--bootstrap", "localhost:9092", "--parallelism", "2"}).encoders());
        Map<String, Integer> p = parallelismByOperator("--bootstrap", "localhost:9092", "--parallelism", "2");
        assertEquals(2, p.get("AtomSearch"), p.toString());
        assertEquals(2, p.get("KeyframeChain"), p.toString());
    }
}
