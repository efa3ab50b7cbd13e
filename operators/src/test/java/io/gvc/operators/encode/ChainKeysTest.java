package io.gvc.operators.encode;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.gvc.codec.frame.Video;
import io.gvc.kafka.formats.RawGop;
import io.gvc.operators.TestMedia;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Chain keys: one per stream whose chain runs through it, one per subtask for independent periods, each on its subtask. */
class ChainKeysTest {

    static final Video VIDEO = TestMedia.video(16, 16, 5);

    /** GOP {@code seq} of a stream: the key depends on the stream and the number alone. */
    private static RawGop gop(String stream, long seq) {
        RawGop g = TestMedia.flf2vGop(stream, VIDEO, 0);
        return new RawGop(stream, seq, g.firstFrameIndex(), g.captureTimeMicros(), 25, 1, 16, 16, VIDEO.frames());
    }

    @Test
    void aChainThroughTheStreamIsKeyedByTheStream() {
        ChainKeys keys = new ChainKeys(StreamConfig.defaults(), 3);
        for (long seq = 0; seq < 20; seq++) {
            assertEquals("cam1", keys.getKey(gop("cam1", seq)));
        }
    }

    @Test
    void independentPeriodsTakeTheSubtasksInTurn() {
        StreamConfig config = StreamConfig.defaults().with("default.intra-period", "4")
                .with("stream.cam1.independent-periods", "true");
        for (int subtasks : new int[] {1, 2, 3, 5}) {
            ChainKeys keys = new ChainKeys(config, subtasks);
            Set<String> distinct = new HashSet<>();
            for (long seq = 0; seq < 40; seq++) {
                String key = keys.getKey(gop("cam1", seq));
                distinct.add(key);
                assertEquals((int) (seq / 4 % subtasks), keys.subtaskOf(key), subtasks + " subtasks, GOP " + seq);
            }
            assertEquals(subtasks, distinct.size());
            assertEquals("cam2", keys.getKey(gop("cam2", 5)), "another stream's chain runs through it");
        }
    }
}
