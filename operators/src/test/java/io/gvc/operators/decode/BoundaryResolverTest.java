package io.gvc.operators.decode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.gvc.codec.Progress;
import io.gvc.codec.StreamDecoder;
import io.gvc.codec.StreamEncoder;
import io.gvc.codec.bitstream.PacketCodec;
import io.gvc.codec.frame.Frame;
import io.gvc.codec.frame.Video;
import io.gvc.operators.DeadLetters;
import io.gvc.operators.TestMedia;
import io.gvc.operators.types.DeadLetter;
import io.gvc.operators.types.DecodeTask;
import io.gvc.operators.types.PacketEnvelope;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The resolver on packets of a real 3-GOP FLF2V stream: the shared first frame it attaches is the
 * one a whole-file decode uses, the chain links follow what was handed on, and a missing, late or
 * predecessor-less packet is handled as docs/live.md says.
 */
class BoundaryResolverTest {

    static final String TOPIC = "gvc.bitstream";
    /** Packets of GOPs 0, 1, 2 (frames 0-4, 4-8, 8-12). */
    static byte[][] packets;
    /** gvc decode of the same stream. */
    static Video decoded;

    @BeforeAll
    static void encode() throws Exception {
        // whole GOPs: on this panning clip every last frame is then intra (prediction from the first frame
        // does not pay), which the tests of a refused first packet rely on; mid-GOP keyframes would
        // predict it from a closer picture
        StreamEncoder.Result r = StreamEncoder.encode(TestMedia.video(32, 32, 13),
                TestMedia.params().withMaxSegments(1), TestMedia.prior(), Progress.NONE);
        assertEquals(3, r.gops().size());
        packets = new byte[3][];
        for (int k = 0; k < 3; k++) {
            packets[k] = PacketCodec.write(r.gops().get(k).packet());
        }
        decoded = StreamDecoder.decode(r.file(), TestMedia.prior(), 1, Progress.NONE);
        assertEquals(13, decoded.frameCount());
    }

    static PacketEnvelope env(String stream, int k) {
        return new PacketEnvelope(stream, k, TestMedia.T0 + k * 160_000L, packets[k]);
    }

    /** The last frame of GOP k as the whole-file decoder produced it. */
    static Frame lastOf(int k) {
        return decoded.frames().get(4 * k + 4);
    }

    static KeyedOneInputStreamOperatorTestHarness<String, PacketEnvelope, DecodeTask> harness() throws Exception {
        var h = new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(new BoundaryResolver(TOPIC)),
                PacketEnvelope::streamId, Types.STRING);
        ((SerializerConfigImpl) h.getExecutionConfig().getSerializerConfig()).setGenericTypes(false);
        return h;
    }

    static List<DeadLetter> deadLetters(KeyedOneInputStreamOperatorTestHarness<String, PacketEnvelope, DecodeTask> h) {
        var side = h.getSideOutput(DeadLetters.TAG);
        return side == null ? List.of() : side.stream().map(StreamRecord::getValue).toList();
    }

    static void feed(KeyedOneInputStreamOperatorTestHarness<String, PacketEnvelope, DecodeTask> h, int... gops)
            throws Exception {
        for (int k : gops) {
            h.processElement(env("cam1", k), 0);
        }
    }

    @Test
    void inOrderEachPacketGetsThePreviousGopsLastFrame() throws Exception {
        try (var h = harness()) {
            h.open();
            feed(h, 0, 1, 2);
            List<DecodeTask> out = h.extractOutputValues();
            assertEquals(3, out.size());
            assertEquals(List.of(-1L, 0L, 1L), out.stream().map(DecodeTask::previousSeq).toList());
            assertNull(out.get(0).sharedFirst(), "GOP 0 starts with its own intra frame");
            TestMedia.assertSamePixels(lastOf(0), out.get(1).sharedFirst(), "GOP 1's shared first frame");
            TestMedia.assertSamePixels(lastOf(1), out.get(2).sharedFirst(), "GOP 2's shared first frame");
            for (int k = 0; k < 3; k++) {
                assertEquals("", out.get(k).concealment());
                assertEquals(k, out.get(k).packet().gopSeq());
                assertArrayEquals(packets[k], out.get(k).packet().packet());
            }
            assertEquals(List.of(), deadLetters(h));
        }
    }

    @Test
    void missingGopIsConcealedWithTheNewestBoundary() throws Exception {
        try (var h = harness()) {
            h.open();
            feed(h, 0, 2);
            List<DecodeTask> out = h.extractOutputValues();
            assertEquals(2, out.size());
            DecodeTask t = out.get(1);
            assertEquals(2, t.packet().gopSeq());
            assertEquals(0, t.previousSeq(), "linked to the GOP handed on before it");
            assertEquals("GOP 1 is missing; its last frame was replaced by GOP 0's", t.concealment());
            TestMedia.assertSamePixels(lastOf(0), t.sharedFirst(), "stand-in first frame");
            assertEquals(List.of(), deadLetters(h));
        }
    }

    @Test
    void firstPacketNeedingAPredecessorIsRefusedAndTheNextOneDecodes() throws Exception {
        try (var h = harness()) {
            h.open();
            feed(h, 1);
            assertEquals(List.of(), h.extractOutputValues());
            List<DeadLetter> dead = deadLetters(h);
            assertEquals(1, dead.size());
            DeadLetter d = dead.get(0);
            assertEquals("GOP 1 of stream cam1 starts from GOP 0's last frame, and no earlier 32x32 frame of this "
                    + "stream arrived to stand in for it", d.reason());
            assertEquals("cam1", d.stream());
            assertEquals(TOPIC, d.record().topic());
            assertArrayEquals("cam1".getBytes(StandardCharsets.UTF_8), d.record().key());
            assertArrayEquals(packets[1], d.record().value());

            // docs/live.md: "the next one is decodable because every packet's last boundary frame is stored"
            feed(h, 2);
            List<DecodeTask> out = h.extractOutputValues();
            assertEquals(1, out.size(), "GOP 2 follows the refused GOP 1 and must not be refused too");
            DecodeTask t = out.get(0);
            assertEquals(-1, t.previousSeq(), "nothing was handed on before it");
            assertEquals("", t.concealment(), "GOP 1's own last frame is the right one");
            TestMedia.assertSamePixels(lastOf(1), t.sharedFirst(), "GOP 2's shared first frame");
            assertEquals(1, deadLetters(h).size());
        }
    }

    @Test
    void refusedFirstPacketStillCountsAsSeen() throws Exception {
        try (var h = harness()) {
            h.open();
            feed(h, 1, 1, 0);
            assertEquals(List.of(), h.extractOutputValues());
            assertEquals(List.of("GOP 1 of stream cam1 starts from GOP 0's last frame, and no earlier 32x32 frame of "
                            + "this stream arrived to stand in for it",
                            "GOP 1 of stream cam1 arrived after GOP 1 (late or duplicate)",
                            "GOP 0 of stream cam1 arrived after GOP 1 (late or duplicate)"),
                    deadLetters(h).stream().map(DeadLetter::reason).toList());
        }
    }

    @Test
    void lateOrDuplicatePacketsAreRefused() throws Exception {
        try (var h = harness()) {
            h.open();
            feed(h, 0, 1, 1, 2, 0);
            List<DecodeTask> out = h.extractOutputValues();
            assertEquals(List.of(0L, 1L, 2L), out.stream().map(t -> t.packet().gopSeq()).toList());
            assertEquals(List.of(-1L, 0L, 1L), out.stream().map(DecodeTask::previousSeq).toList());
            TestMedia.assertSamePixels(lastOf(1), out.get(2).sharedFirst(), "a duplicate does not disturb the chain");
            assertEquals(List.of("GOP 1 of stream cam1 arrived after GOP 1 (late or duplicate)",
                            "GOP 0 of stream cam1 arrived after GOP 2 (late or duplicate)"),
                    deadLetters(h).stream().map(DeadLetter::reason).toList());
        }
    }

    @Test
    void streamsAreResolvedIndependently() throws Exception {
        try (var h = harness()) {
            h.open();
            h.processElement(env("cam1", 0), 0);
            h.processElement(env("cam2", 1), 0); // cam2 has no boundary of its own: cam1's must not be used
            h.processElement(env("cam1", 1), 0);
            List<DecodeTask> out = h.extractOutputValues();
            assertEquals(List.of("cam1", "cam1"), out.stream().map(t -> t.packet().streamId()).toList());
            assertEquals(1, deadLetters(h).size());
            assertEquals("cam2", deadLetters(h).get(0).stream());
        }
    }

    @Test
    void stateSurvivesSnapshotAndRestore() throws Exception {
        OperatorSubtaskState snapshot;
        try (var h = harness()) {
            h.open();
            feed(h, 0);
            snapshot = h.snapshot(1L, 1L);
        }
        try (var h = harness()) {
            h.setup();
            h.initializeState(snapshot);
            h.open();
            feed(h, 0, 1);
            List<DecodeTask> out = h.extractOutputValues();
            assertEquals(1, out.size(), "GOP 0 was handed on before the snapshot");
            assertEquals(0, out.get(0).previousSeq());
            assertEquals("", out.get(0).concealment());
            TestMedia.assertSamePixels(lastOf(0), out.get(0).sharedFirst(), "restored boundary frame");
            assertEquals(List.of("GOP 0 of stream cam1 arrived after GOP 0 (late or duplicate)"),
                    deadLetters(h).stream().map(DeadLetter::reason).toList());
            assertArrayEquals(packets[1], out.get(0).packet().packet());
        }
    }

    @Test
    void anAbsurdGopNumberIsRefusedAndLaterPacketsStillFlow() throws Exception {
        try (var h = harness()) {
            h.open();
            feed(h, 0);
            h.processElement(new PacketEnvelope("cam1", 1_000_000, TestMedia.T0, packets[1]), 0);
            feed(h, 1, 2);
            List<DecodeTask> out = h.extractOutputValues();
            assertEquals(List.of(0L, 1L, 2L), out.stream().map(t -> t.packet().gopSeq()).toList());
            assertEquals(List.of(-1L, 0L, 1L), out.stream().map(DecodeTask::previousSeq).toList());
            assertEquals("", out.get(1).concealment(), "GOP 1 follows GOP 0: nothing concealed");
            List<DeadLetter> dead = deadLetters(h);
            assertEquals(1, dead.size());
            assertEquals("GOP 1000000 of stream cam1 is 999999 GOPs ahead of the expected GOP 1 (at most 1000 are "
                    + "accepted; a jump is taken only when the next GOP continues it)", dead.get(0).reason());
        }
    }

    @Test
    void aFarJumpContinuedByTheNextPacketIsTaken() throws Exception {
        try (var h = harness()) {
            h.open();
            feed(h, 0);
            h.processElement(new PacketEnvelope("cam1", 5000, TestMedia.T0, packets[0]), 0); // refused
            h.processElement(new PacketEnvelope("cam1", 5001, TestMedia.T0, packets[0]), 0); // continues it
            List<DecodeTask> out = h.extractOutputValues();
            assertEquals(List.of(0L, 5001L), out.stream().map(t -> t.packet().gopSeq()).toList());
            assertEquals(List.of(-1L, 0L), out.stream().map(DecodeTask::previousSeq).toList());
            assertEquals(1, deadLetters(h).size());
        }
    }
}
