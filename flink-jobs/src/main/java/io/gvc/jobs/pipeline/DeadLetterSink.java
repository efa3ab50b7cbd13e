package io.gvc.jobs.pipeline;

import io.gvc.operators.DeadLetters;
import io.gvc.operators.kafka.DeadLetterRecordSerializer;
import io.gvc.operators.kafka.KafkaConnectors;
import io.gvc.operators.types.DeadLetter;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;

/** Where a job's refused records go: every operator's dead-letter side output, to one exactly-once sink. */
final class DeadLetterSink {

    private DeadLetterSink() {
    }

    /**
     * Unions the operators' {@link DeadLetters#TAG} side outputs into the dead-letter topic.
     *
     * @param job the job's part in the sink's transactional id and uid ({@code encode}, {@code decode})
     */
    static void attach(JobOptions o, String job, SingleOutputStreamOperator<?>... operators) {
        DataStream<DeadLetter> letters = operators[0].getSideOutput(DeadLetters.TAG);
        for (int i = 1; i < operators.length; i++) {
            letters = letters.union(operators[i].getSideOutput(DeadLetters.TAG));
        }
        String topic = o.topics().deadLetters().name();
        letters.sinkTo(KafkaConnectors.exactlyOnceSink(o.kafka(), new DeadLetterRecordSerializer(topic),
                        o.transactionalIdPrefix() + "-" + job + "-dead-letters"))
                .name("dead letters: " + topic).uid("gvc-" + job + "-dead-letter-sink");
    }
}
