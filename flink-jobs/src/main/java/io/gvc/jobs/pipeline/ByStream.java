package io.gvc.jobs.pipeline;

import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.util.function.SerializableFunction;

/**
 * Keys a job's records by their stream id, so that one stream's records meet in one subtask (its
 * keyframe chain, boundary resolver or reorderer). One class for every record type: the jobs name
 * the accessor ({@code new ByStream<>(RawGop::streamId)}) and give the key type to {@code keyBy}
 * themselves, which Flink cannot infer from a lambda.
 */
final class ByStream<T> implements KeySelector<T, String> {
    private static final long serialVersionUID = 1L;

    private final SerializableFunction<T, String> streamId;

    ByStream(SerializableFunction<T, String> streamId) {
        this.streamId = streamId;
    }

    @Override
    public String getKey(T record) {
        return streamId.apply(record);
    }
}
