package io.gvc.operators.encode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.gvc.codec.Progress;
import io.gvc.codec.StreamEncoder;
import io.gvc.codec.bitstream.PacketCodec;
import io.gvc.codec.frame.Video;
import io.gvc.kafka.formats.RawGop;
import io.gvc.operators.PriorSource;
import io.gvc.operators.TestMedia;
import io.gvc.operators.types.AtomSearchTask;
import io.gvc.operators.types.PacketEnvelope;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/**
 * One camera with independent periods on two keyframe-chain subtasks, each in a harness of its own:
 * each codes its own periods, in whatever order the two run, and the packets are byte-identical to
 * {@code gvc encode --intra-period 2 --independent-periods}; each period's first task names the
 * last GOP of the period before, coded on the other subtask. GOPs are queued as they arrive and
 * coded on a timer, so a subtask takes in its input while it codes.
 */
class IndependentPeriodsChainTest {

    static final int SUBTASKS = 2;

    @Test
    void twoSubtasksCodeAlternatePeriodsAsGvcEncodeDoes() throws Exception {
        StreamConfig config = TestMedia.config().with("default.intra-period", "2")
                .with("default.independent-periods", "true");
        Video video = TestMedia.video(32, 32, 17); // four GOPs of 5: periods {0, 1} and {2, 3}
        StreamEncoder.Result reference = StreamEncoder.encode(video, config.settings("cam1").params(),
                TestMedia.prior(), Progress.NONE);
        ChainKeys keys = new ChainKeys(config, SUBTASKS);
        List<List<AtomSearchTask>> bySubtask = new ArrayList<>();
        for (int subtask = SUBTASKS - 1; subtask >= 0; subtask--) { // the later period's subtask first
            try (var h = harness(config, keys, subtask)) {
                h.open();
                for (long seq = 0; seq < 4; seq++) {
                    RawGop gop = TestMedia.flf2vGop("cam1", video, seq);
                    if (keys.subtaskOf(keys.getKey(gop)) == subtask) {
                        h.processElement(gop, 0);
                    }
                }
                assertEquals(List.of(), h.extractOutputValues(), "taken in, coded on the timer");
                drain(h);
                bySubtask.add(0, h.extractOutputValues());
            }
        }
        assertEquals(List.of(-1L, 0L), bySubtask.get(0).stream().map(AtomSearchTask::previousSeq).toList());
        assertEquals(List.of(1L, 2L), bySubtask.get(1).stream().map(AtomSearchTask::previousSeq).toList());
        List<AtomSearchTask> inOrder = new ArrayList<>(bySubtask.get(0));
        inOrder.addAll(bySubtask.get(1));
        List<PacketEnvelope> packets = KeyframeChainFunctionTest.search(inOrder, config);
        assertEquals(4, packets.size());
        for (int k = 0; k < 4; k++) {
            assertEquals(k, packets.get(k).gopSeq());
            assertArrayEquals(PacketCodec.write(reference.gops().get(k).packet()), packets.get(k).packet(),
                    "GOP " + k + " differs from gvc encode's packet");
        }
    }

    /** Past the bound of queued GOPs (two periods) the oldest is coded as the next one arrives. */
    @Test
    void aFullQueueCodesTheOldestAtOnce() throws Exception {
        StreamConfig config = TestMedia.config().with("default.intra-period", "1")
                .with("default.independent-periods", "true");
        Video video = TestMedia.video(32, 32, 17);
        ChainKeys keys = new ChainKeys(config, 1);
        try (var h = harness(config, keys, 0, 1)) {
            h.open();
            for (long seq = 0; seq < 4; seq++) {
                h.processElement(TestMedia.flf2vGop("cam1", video, seq), 0);
            }
            assertEquals(List.of(0L, 1L), h.extractOutputValues().stream().map(t -> t.gop().gopSeq()).toList(),
                    "two wait (two periods of one GOP), the two before were coded as GOPs 2 and 3 came");
            drain(h);
            assertEquals(List.of(0L, 1L, 2L, 3L), h.extractOutputValues().stream().map(t -> t.gop().gopSeq()).toList());
        }
    }

    /** Moves processing time on until the queue's timers have coded every GOP taken in. */
    static void drain(KeyedOneInputStreamOperatorTestHarness<String, RawGop, AtomSearchTask> h) throws Exception {
        for (int i = 0; i < 20; i++) {
            h.setProcessingTime(h.getProcessingTime() + KeyframeChainFunction.POLL_MS);
        }
    }

    static KeyedOneInputStreamOperatorTestHarness<String, RawGop, AtomSearchTask> harness(StreamConfig config,
            ChainKeys keys, int subtask) throws Exception {
        return harness(config, keys, subtask, SUBTASKS);
    }

    static KeyedOneInputStreamOperatorTestHarness<String, RawGop, AtomSearchTask> harness(StreamConfig config,
            ChainKeys keys, int subtask, int subtasks) throws Exception {
        var f = new KeyframeChainFunction(config, PriorSource.shipped(), KeyframeChainFunctionTest.RAW_TOPIC);
        var h = new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(f), keys, Types.STRING,
                ChainKeys.maxParallelism(subtasks), subtasks, subtask);
        ((SerializerConfigImpl) h.getExecutionConfig().getSerializerConfig()).setGenericTypes(false);
        return h;
    }
}
