package io.gvc.operators.encode;

import io.gvc.codec.CodecParams;
import io.gvc.codec.RandomAccess;
import io.gvc.kafka.formats.RawGop;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.runtime.state.KeyGroupRangeAssignment;

/**
 * Keys raw GOPs by the keyframe chain they continue, for the encoder's {@link KeyframeChainFunction}.
 * A stream whose chain runs through it is one key: its GOPs meet in one subtask, in order. A stream
 * with independent periods ({@link RandomAccess}) is one key per chain subtask, and its periods
 * take the subtasks in turn (period p on subtask p mod n), so n periods of one camera are coded at
 * once. Flink places a key by its hash, which would put two of a stream's keys on one subtask as
 * often as not, so each key carries a salt found here that places it on its subtask: the key for
 * subtask s is {@code <stream>#<s>.<salt>}, the first salt Flink's key-group assignment puts
 * there. It depends on the subtask count and the operator's max parallelism, both fixed when the
 * job is built ({@link #maxParallelism}).
 */
public final class ChainKeys implements KeySelector<RawGop, String> {

    private static final long serialVersionUID = 1L;

    private final StreamConfig config;
    private final int subtasks;
    /** Per stream, read from its config once: the keys of its chains (the Flink hash of a salt is not free). */
    private transient Map<String, StreamKeys> keysByStream;

    /** A stream's periods and its key per chain subtask; {@code periods} null where its chain runs through it. */
    private record StreamKeys(RandomAccess periods, String[] keys) {
    }

    /** @param subtasks the keyframe chain's parallelism */
    public ChainKeys(StreamConfig config, int subtasks) {
        if (subtasks < 1) {
            throw new IllegalArgumentException("subtasks must be >= 1, got " + subtasks);
        }
        this.config = config;
        this.subtasks = subtasks;
    }

    /** The max parallelism the keyframe chain must be given, so that the salts land where they are meant to. */
    public static int maxParallelism(int subtasks) {
        return KeyGroupRangeAssignment.computeDefaultMaxParallelism(subtasks);
    }

    @Override
    public String getKey(RawGop gop) {
        StreamKeys stream = keys(gop.streamId());
        if (stream.periods() == null) {
            return gop.streamId();
        }
        return stream.keys()[(int) (stream.periods().period(gop.gopSeq()) % subtasks)];
    }

    /** The subtask a key of this selector runs on. */
    public int subtaskOf(String key) {
        return KeyGroupRangeAssignment.assignKeyToParallelOperator(key, maxParallelism(subtasks), subtasks);
    }

    private StreamKeys keys(String stream) {
        if (keysByStream == null) {
            keysByStream = new HashMap<>();
        }
        return keysByStream.computeIfAbsent(stream, s -> {
            CodecParams p = config.settings(s).params();
            if (!p.independentPeriods()) {
                return new StreamKeys(null, null);
            }
            String[] keys = new String[subtasks];
            for (int subtask = 0; subtask < subtasks; subtask++) {
                for (int salt = 0; keys[subtask] == null; salt++) {
                    String key = s + "#" + subtask + "." + salt;
                    if (subtaskOf(key) == subtask) {
                        keys[subtask] = key;
                    }
                }
            }
            return new StreamKeys(p.randomAccess(), keys);
        });
    }
}
