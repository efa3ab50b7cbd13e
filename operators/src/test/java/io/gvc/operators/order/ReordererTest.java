package io.gvc.operators.order;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.gvc.codec.frame.Frame;
import io.gvc.operators.TestMedia;
import io.gvc.operators.serde.GvcTypes;
import io.gvc.operators.types.DecodedEnvelope;
import java.util.Arrays;
import java.util.List;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/** The reorderer releases decoded GOPs along the resolver's chain, whatever order they arrive in. */
class ReordererTest {

    /** A 4x4 frame whose samples all hold {@code value}: tells GOPs apart after a snapshot. */
    static Frame frame(int value) {
        byte[] y = new byte[16], u = new byte[4], v = new byte[4];
        Arrays.fill(y, (byte) value);
        Arrays.fill(u, (byte) (value + 1));
        Arrays.fill(v, (byte) (value + 2));
        return new Frame(4, 4, y, u, v);
    }

    static DecodedEnvelope ok(String stream, long gop, long previous) {
        return new DecodedEnvelope(stream, gop, previous, 4 * gop + 1, TestMedia.T0 + gop, TestMedia.T0 + gop + 1, 5,
                4, 4, List.of(frame((int) gop), frame((int) gop + 100)), "", "");
    }

    static DecodedEnvelope ok(long gop, long previous) {
        return ok("cam1", gop, previous);
    }

    static DecodedEnvelope failed(long gop, long previous) {
        return new DecodedEnvelope("cam1", gop, previous, 0, TestMedia.T0, TestMedia.T0, 5, 1, 1, List.of(), "",
                "decode failed: packet.boundary: GOP " + gop + " shares its first frame with GOP " + (gop - 1)
                        + ", which was not given");
    }

    static KeyedOneInputStreamOperatorTestHarness<String, DecodedEnvelope, DecodedEnvelope> harness(int maxWaiting)
            throws Exception {
        var h = new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new Reorderer<>(maxWaiting, GvcTypes.DECODED, "gopsReleased")),
                DecodedEnvelope::streamId, Types.STRING);
        ((SerializerConfigImpl) h.getExecutionConfig().getSerializerConfig()).setGenericTypes(false);
        return h;
    }

    /** Feeds one result and returns the GOP numbers released by it. */
    static List<Long> feed(KeyedOneInputStreamOperatorTestHarness<String, DecodedEnvelope, DecodedEnvelope> h,
                           DecodedEnvelope d) throws Exception {
        int before = h.extractOutputValues().size();
        h.processElement(d, 0);
        List<DecodedEnvelope> all = h.extractOutputValues();
        return all.subList(before, all.size()).stream().map(DecodedEnvelope::gopSeq).toList();
    }

    static List<Long> released(KeyedOneInputStreamOperatorTestHarness<String, DecodedEnvelope, DecodedEnvelope> h) {
        return h.extractOutputValues().stream().map(DecodedEnvelope::gopSeq).toList();
    }

    @Test
    void outOfOrderResultsAreReleasedInChainOrder() throws Exception {
        try (var h = harness(64)) {
            h.open();
            assertEquals(List.of(), feed(h, ok(2, 1)));
            assertEquals(List.of(0L), feed(h, ok(0, -1)));
            assertEquals(List.of(1L, 2L), feed(h, ok(1, 0)));
            assertEquals(List.of(3L), feed(h, ok(3, 2)));
            List<DecodedEnvelope> out = h.extractOutputValues();
            for (DecodedEnvelope d : out) {
                TestMedia.assertSameFrames(ok(d.gopSeq(), d.previousSeq()).frames(), d.frames(), "GOP " + d.gopSeq());
            }
        }
    }

    @Test
    void everyArrivalOrderGivesTheChainOrder() throws Exception {
        // the resolver refused GOP 2: the chain is 0 -> 1 -> 3 -> 4
        List<DecodedEnvelope> chain = List.of(ok(0, -1), ok(1, 0), ok(3, 1), ok(4, 3));
        int[][] orders = {{3, 2, 1, 0}, {1, 3, 0, 2}, {2, 0, 3, 1}, {0, 1, 2, 3}, {3, 0, 2, 1}};
        for (int[] order : orders) {
            try (var h = harness(64)) {
                h.open();
                for (int i : order) {
                    h.processElement(chain.get(i), 0);
                }
                assertEquals(List.of(0L, 1L, 3L, 4L), released(h), "arrival order " + Arrays.toString(order));
            }
        }
    }

    @Test
    void failedResultAdvancesTheChainButIsNotEmitted() throws Exception {
        try (var h = harness(64)) {
            h.open();
            assertEquals(List.of(), feed(h, ok(2, 1)));
            assertEquals(List.of(), feed(h, failed(1, 0)));
            assertEquals(List.of(0L, 2L), feed(h, ok(0, -1)));
            assertEquals(List.of(3L), feed(h, ok(3, 2)));
            assertEquals(List.of(), feed(h, failed(4, 3)));
            assertEquals(List.of(5L), feed(h, ok(5, 4)));
        }
    }

    @Test
    void boundReleasesTheEarliestWaitingResult() throws Exception {
        try (var h = harness(2)) {
            h.open();
            // GOP 0's result never comes: 1 and 2 may wait, the third waiting one forces the release
            assertEquals(List.of(), feed(h, ok(1, 0)));
            assertEquals(List.of(), feed(h, ok(2, 1)));
            assertEquals(List.of(1L, 2L, 3L), feed(h, ok(3, 2)));
            assertEquals(List.of(4L), feed(h, ok(4, 3)), "the chain goes on from the released results");
        }
    }

    @Test
    void boundReleasesOnlyWhatIsChainedBehindTheEarliest() throws Exception {
        try (var h = harness(2)) {
            h.open();
            assertEquals(List.of(), feed(h, ok(1, 0)));
            assertEquals(List.of(), feed(h, ok(3, 2)));
            // three waiting: 1 (after the missing 0) is released; 3 still waits for 2
            assertEquals(List.of(1L), feed(h, ok(4, 3)));
            assertEquals(List.of(2L, 3L, 4L), feed(h, ok(2, 1)));
        }
    }

    @Test
    void resultArrivingAfterItsLinkWasGivenUpIsNotReleasedOutOfOrder() throws Exception {
        try (var h = harness(2)) {
            h.open();
            feed(h, ok(1, 0));
            feed(h, ok(2, 1));
            assertEquals(List.of(1L, 2L, 3L), feed(h, ok(3, 2)));
            // GOP 0 was only slow, not lost: the stream has moved past it
            assertEquals(List.of(), feed(h, ok(0, -1)), "GOP 0 must not come out after GOP 3");
            assertEquals(List.of(4L), feed(h, ok(4, 3)));
            // and it does not linger: a later gap is bounded as before, in chain order
            assertEquals(List.of(), feed(h, ok(6, 5)));
            assertEquals(List.of(), feed(h, ok(7, 6)));
            assertEquals(List.of(6L, 7L, 8L), feed(h, ok(8, 7)));
            assertEquals(List.of(1L, 2L, 3L, 4L, 6L, 7L, 8L), released(h));
        }
    }

    @Test
    void streamsAreOrderedIndependently() throws Exception {
        try (var h = harness(64)) {
            h.open();
            h.processElement(ok("cam1", 1, 0), 0);
            h.processElement(ok("cam2", 0, -1), 0);
            h.processElement(ok("cam2", 1, 0), 0);
            h.processElement(ok("cam1", 0, -1), 0);
            List<String> order = h.extractOutputValues().stream().map(d -> d.streamId() + "/" + d.gopSeq()).toList();
            assertEquals(List.of("cam2/0", "cam2/1", "cam1/0", "cam1/1"), order);
        }
    }

    @Test
    void waitingResultsSurviveSnapshotAndRestore() throws Exception {
        OperatorSubtaskState snapshot;
        try (var h = harness(64)) {
            h.open();
            feed(h, ok(0, -1));
            feed(h, ok(3, 2));
            feed(h, ok(2, 1));
            assertEquals(List.of(0L), released(h));
            snapshot = h.snapshot(1L, 1L);
        }
        try (var h = harness(64)) {
            h.setup();
            h.initializeState(snapshot);
            h.open();
            assertEquals(List.of(1L, 2L, 3L), feed(h, ok(1, 0)), "last released and waiting results restored");
            List<DecodedEnvelope> out = h.extractOutputValues();
            for (DecodedEnvelope d : out) {
                DecodedEnvelope expected = ok(d.gopSeq(), d.previousSeq());
                assertEquals(expected.firstFrameIndex(), d.firstFrameIndex());
                assertEquals(expected.captureTimeMicros(), d.captureTimeMicros());
                TestMedia.assertSameFrames(expected.frames(), d.frames(), "GOP " + d.gopSeq() + " after restore");
            }
        }
    }

    static long counter(KeyedOneInputStreamOperatorTestHarness<String, DecodedEnvelope, DecodedEnvelope> h,
                        String stream, String name) {
        Reorderer r = (Reorderer) ((KeyedProcessOperator<?, ?, ?>) h.getOperator()).getUserFunction();
        return r.metrics().count(stream, name);
    }

    @Test
    void perStreamCountersGoOnFromTheirCheckpointedTotalsAfterARestore() throws Exception {
        OperatorSubtaskState snapshot;
        try (var h = harness(64)) {
            h.open();
            feed(h, ok(0, -1));
            feed(h, ok(1, 0));
            feed(h, failed(2, 1));
            feed(h, ok("cam2", 0, -1));
            assertEquals(2, counter(h, "cam1", "gopsReleased"));
            assertEquals(1, counter(h, "cam1", "gopsFailed"));
            snapshot = h.snapshot(1L, 1L);
            feed(h, ok(3, 2)); // after the checkpoint: lost with this attempt, replayed by the source
        }
        try (var h = harness(64)) {
            h.setup();
            h.initializeState(snapshot);
            h.open();
            assertEquals(List.of(3L), feed(h, ok(3, 2)));
            assertEquals(3, counter(h, "cam1", "gopsReleased"), "2 before the checkpoint + the replayed GOP 3");
            assertEquals(0, counter(h, "cam2", "gopsReleased"), "shown on the stream's next record");
            feed(h, ok("cam2", 1, 0));
            assertEquals(2, counter(h, "cam2", "gopsReleased"));
            feed(h, failed(4, 3));
            assertEquals(2, counter(h, "cam1", "gopsFailed"));
        }
    }

    @Test
    void maxWaitingMustBePositive() {
        assertThrows(IllegalArgumentException.class, () -> new Reorderer<>(0, GvcTypes.DECODED, "gopsReleased"));
    }
}
