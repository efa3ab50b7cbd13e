package io.gvc.operators.encode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gvc.codec.GopDecoder;
import io.gvc.codec.GopEncoder;
import io.gvc.codec.CodecParams;
import io.gvc.codec.KeyframeChainCoder;
import io.gvc.codec.StreamEncoder;
import io.gvc.codec.intra.IntraCodecs;
import io.gvc.codec.rate.QualityFloor;
import io.gvc.codec.bitstream.PacketCodec;
import io.gvc.codec.frame.Video;
import io.gvc.kafka.formats.RawGop;
import io.gvc.kafka.formats.RawGopFormat;
import io.gvc.operators.DeadLetters;
import io.gvc.operators.FailureDrill;
import io.gvc.operators.PriorSource;
import io.gvc.operators.TestMedia;
import io.gvc.operators.types.AtomSearchTask;
import io.gvc.operators.types.DeadLetter;
import io.gvc.operators.types.EncodedPacket;
import io.gvc.operators.types.PacketEnvelope;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The encoder's keyframe chain in a Flink test harness, its tasks coded by the atom search in a
 * second harness: packets byte-identical to gvc encode's, chained across GOPs, each task naming the
 * GOP handed on before it, and the input policies (gap, late GOP, broken chain) as docs/live.md
 * states them.
 */
class KeyframeChainFunctionTest {

    static final String RAW_TOPIC = "gvc.raw-gops";
    /** 13 frames of 32x32: three FLF2V GOPs of 5 (frames 0-4, 4-8, 8-12). */
    static Video video;
    /** gvc encode of the first 9 frames (GOPs 0 and 1). */
    static StreamEncoder.Result reference;

    @BeforeAll
    static void encodeReference() {
        video = TestMedia.video(32, 32, 13);
        reference = TestMedia.encode(video.firstFrames(9));
        assertEquals(2, reference.gops().size());
    }

    static KeyedOneInputStreamOperatorTestHarness<String, RawGop, AtomSearchTask> harness() throws Exception {
        return harness(TestMedia.config());
    }

    static KeyedOneInputStreamOperatorTestHarness<String, RawGop, AtomSearchTask> harness(StreamConfig config)
            throws Exception {
        var f = new KeyframeChainFunction(config, PriorSource.shipped(), RAW_TOPIC);
        var h = new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(f), RawGop::streamId,
                Types.STRING);
        // as in the jobs (pipeline.generic-types off): state that would need Kryo fails here
        ((SerializerConfigImpl) h.getExecutionConfig().getSerializerConfig()).setGenericTypes(false);
        return h;
    }

    /**
     * The packets of every task the chain handed on so far, coded by an atom search in a harness of
     * its own (it keeps nothing, so a fresh one codes them as the job's would).
     */
    static List<PacketEnvelope> packets(KeyedOneInputStreamOperatorTestHarness<String, RawGop, AtomSearchTask> chain)
            throws Exception {
        return packets(chain, TestMedia.config());
    }

    static List<PacketEnvelope> packets(KeyedOneInputStreamOperatorTestHarness<String, RawGop, AtomSearchTask> chain,
            StreamConfig config) throws Exception {
        return search(chain.extractOutputValues(), config);
    }

    /** The packets of {@code tasks}, coded by an atom search in a harness of its own. */
    static List<PacketEnvelope> search(List<AtomSearchTask> tasks, StreamConfig config) throws Exception {
        var search = new AtomSearchFunction(config, PriorSource.shipped(), RAW_TOPIC, FailureDrill.off());
        try (var h = ProcessFunctionTestHarnesses.forProcessFunction(search)) {
            ((SerializerConfigImpl) h.getExecutionConfig().getSerializerConfig()).setGenericTypes(false);
            for (AtomSearchTask t : tasks) {
                h.processElement(t, 0);
            }
            List<EncodedPacket> out = h.extractOutputValues();
            assertTrue(out.stream().noneMatch(EncodedPacket::failed), out.toString());
            return out.stream().map(EncodedPacket::envelope).toList();
        }
    }

    static List<Long> previous(KeyedOneInputStreamOperatorTestHarness<String, RawGop, AtomSearchTask> h) {
        return h.extractOutputValues().stream().map(AtomSearchTask::previousSeq).toList();
    }

    static byte[] referencePacket(int k) {
        return PacketCodec.write(reference.gops().get(k).packet());
    }

    static boolean chained(PacketEnvelope p) throws Exception {
        return GopDecoder.needsSharedFirst(PacketCodec.read(p.packet()));
    }

    static List<DeadLetter> deadLetters(KeyedOneInputStreamOperatorTestHarness<String, RawGop, AtomSearchTask> h) {
        var side = h.getSideOutput(DeadLetters.TAG);
        return side == null ? List.of() : side.stream().map(StreamRecord::getValue).toList();
    }

    @Test
    void consecutiveGopsAreChainedAndByteIdenticalToGvcEncode() throws Exception {
        try (var h = harness()) {
            h.open();
            RawGop g0 = TestMedia.flf2vGop("cam1", video, 0), g1 = TestMedia.flf2vGop("cam1", video, 1);
            h.processElement(g0, 0);
            h.processElement(g1, 0);
            List<PacketEnvelope> out = packets(h);
            assertEquals(2, out.size());
            for (int k = 0; k < 2; k++) {
                PacketEnvelope p = out.get(k);
                assertEquals("cam1", p.streamId());
                assertEquals(k, p.gopSeq());
                assertEquals(k == 0 ? g0.captureTimeMicros() : g1.captureTimeMicros(), p.captureTimeMicros());
                assertArrayEquals(referencePacket(k), p.packet(), "GOP " + k + " differs from gvc encode's packet");
            }
            assertFalse(chained(out.get(0)), "GOP 0 starts with an intra frame");
            assertTrue(chained(out.get(1)), "GOP 1 shares GOP 0's last frame");
            assertEquals(List.of(-1L, 0L), previous(h), "each task names the GOP handed on before it");
            assertEquals(List.of(), deadLetters(h));
        }
    }

    @Test
    void streamsKeepSeparateChains() throws Exception {
        try (var h = harness()) {
            h.open();
            h.processElement(TestMedia.flf2vGop("cam1", video, 0), 0);
            h.processElement(TestMedia.flf2vGop("cam2", video, 0), 0);
            h.processElement(TestMedia.flf2vGop("cam2", video, 1), 0);
            h.processElement(TestMedia.flf2vGop("cam1", video, 1), 0);
            List<PacketEnvelope> out = packets(h);
            assertEquals(List.of("cam1", "cam2", "cam2", "cam1"), out.stream().map(PacketEnvelope::streamId).toList());
            assertEquals(List.of(0L, 0L, 1L, 1L), out.stream().map(PacketEnvelope::gopSeq).toList());
            assertArrayEquals(referencePacket(0), out.get(0).packet());
            assertArrayEquals(referencePacket(0), out.get(1).packet());
            assertArrayEquals(referencePacket(1), out.get(2).packet());
            assertArrayEquals(referencePacket(1), out.get(3).packet());
            assertEquals(List.of(), deadLetters(h));
        }
    }

    @Test
    void gapRestartsTheChainWithAnIntraFirstFrame() throws Exception {
        try (var h = harness()) {
            h.open();
            RawGop g2 = TestMedia.flf2vGop("cam1", video, 2);
            h.processElement(TestMedia.flf2vGop("cam1", video, 0), 0);
            h.processElement(g2, 0);
            List<PacketEnvelope> out = packets(h);
            assertEquals(2, out.size());
            assertEquals(2, out.get(1).gopSeq());
            assertFalse(chained(out.get(1)), "GOP 2 after a gap must not need the lost GOP 1");
            // exactly what the engine makes of GOP 2 coded on its own
            try (GopEncoder alone = new GopEncoder(TestMedia.params(), g2.format(), TestMedia.prior())) {
                assertArrayEquals(PacketCodec.write(alone.encodeFirst(g2.toGop()).packet()), out.get(1).packet());
            }
            assertEquals(List.of(), deadLetters(h));
        }
    }

    @Test
    void gopNotStartingOnThePreviousLastFrameRestartsTheChain() throws Exception {
        try (var h = harness()) {
            h.open();
            h.processElement(TestMedia.flf2vGop("cam1", video, 0), 0);
            // GOP 1 numbered in order but starting at frame 5 instead of 4
            h.processElement(TestMedia.rawGop("cam1", video, 1, 5, 5), 0);
            List<PacketEnvelope> out = packets(h);
            assertEquals(2, out.size());
            assertFalse(chained(out.get(1)));
            assertEquals(List.of(), deadLetters(h));
        }
    }

    @Test
    void lateOrDuplicateGopGoesToTheDeadLetters() throws Exception {
        try (var h = harness()) {
            h.open();
            RawGop g1 = TestMedia.flf2vGop("cam1", video, 1);
            RawGop g2 = TestMedia.flf2vGop("cam1", video, 2);
            h.processElement(TestMedia.flf2vGop("cam1", video, 0), 0);
            h.processElement(g2, 0);
            h.processElement(g1, 0); // late
            h.processElement(g2, 0); // duplicate
            List<PacketEnvelope> out = packets(h);
            assertEquals(List.of(0L, 2L), out.stream().map(PacketEnvelope::gopSeq).toList(), "no packet for late GOPs");
            assertEquals(List.of(-1L, 0L), previous(h), "GOP 2 follows GOP 0: the reorderer never waits for GOP 1");
            List<DeadLetter> dead = deadLetters(h);
            assertEquals(2, dead.size());
            assertEquals("GOP 1 of stream cam1 arrived after GOP 2 was encoded (late, reordered or duplicate)",
                    dead.get(0).reason());
            assertEquals("GOP 2 of stream cam1 arrived after GOP 2 was encoded (late, reordered or duplicate)",
                    dead.get(1).reason());
            DeadLetter d = dead.get(0);
            assertEquals("cam1", d.stream());
            assertEquals(RAW_TOPIC, d.record().topic());
            assertArrayEquals("cam1".getBytes(StandardCharsets.UTF_8), d.record().key());
            assertArrayEquals(RawGopFormat.write(g1), d.record().value(), "the refused GOP is kept whole");
        }
    }

    /**
     * The chain quality a GOP leaves for the next one's floor ({@link QualityFloor}) is state too: at
     * a rate where GOP 1 is held finer than its own budget gives, a chain restored after GOP 0 codes
     * GOP 1 as gvc encode does.
     */
    @Test
    void theChainQualitySurvivesSnapshotAndRestore() throws Exception {
        StreamConfig richer = TestMedia.config().with("default.bpp", FLOOR_BPP);
        CodecParams params = richer.settings("cam1").params();
        StreamEncoder.Result file = StreamEncoder.encode(video.firstFrames(9), params, TestMedia.prior(),
                io.gvc.codec.Progress.NONE);
        int free = new KeyframeChainCoder(params, video.format(), TestMedia.prior())
                .code(TestMedia.flf2vGop("cam1", video, 1).toGop(), file.gops().get(0).last(), QualityFloor.NONE)
                .chainQuality();
        assertEquals(QualityFloor.floor(IntraCodecs.byId(params.intraCodec()), file.gops().get(0).chainQuality()),
                file.gops().get(1).chainQuality(), "GOP 1 held at the floor");
        assertTrue(free < file.gops().get(1).chainQuality(), "its budget alone codes GOP 1 at " + free);
        OperatorSubtaskState snapshot;
        try (var h = harness(richer)) {
            h.open();
            h.processElement(TestMedia.flf2vGop("cam1", video, 0), 0);
            snapshot = h.snapshot(1L, 1L);
        }
        try (var h = harness(richer)) {
            h.setup();
            h.initializeState(snapshot);
            h.open();
            h.processElement(TestMedia.flf2vGop("cam1", video, 1), 0);
            assertArrayEquals(PacketCodec.write(file.gops().get(1).packet()), packets(h, richer).get(0).packet());
        }
    }

    /** A target at which the test clip's GOP 1 is held by GOP 0's chain quality. */
    static final String FLOOR_BPP = "0.5";

    @Test
    void chainSurvivesSnapshotAndRestore() throws Exception {
        OperatorSubtaskState snapshot;
        try (var h = harness()) {
            h.open();
            h.processElement(TestMedia.flf2vGop("cam1", video, 0), 0);
            assertArrayEquals(referencePacket(0), packets(h).get(0).packet());
            snapshot = h.snapshot(1L, 1L);
        }
        try (var h = harness()) {
            h.setup();
            h.initializeState(snapshot);
            h.open();
            h.processElement(TestMedia.flf2vGop("cam1", video, 1), 0);
            List<PacketEnvelope> out = packets(h);
            assertEquals(1, out.size());
            assertTrue(chained(out.get(0)), "restored state still chains GOP 1 to GOP 0");
            assertArrayEquals(referencePacket(1), out.get(0).packet());
            // the restored next-expected number still refuses GOP 0 again
            h.processElement(TestMedia.flf2vGop("cam1", video, 0), 0);
            assertEquals(1, deadLetters(h).size());
        }
    }

    @Test
    void aGopTheEngineRefusesIsADeadLetterAndTheChainGoesOn() throws Exception {
        try (var h = harness()) {
            h.open();
            Video tiny = TestMedia.video(1, 1, 9);
            RawGop g1 = TestMedia.rawGop("cam1", tiny, 1, 4, 5);
            h.processElement(TestMedia.flf2vGop("cam1", video, 0), 0);
            h.processElement(g1, 0); // 1x1 pixels: the engine refuses it
            h.processElement(TestMedia.flf2vGop("cam1", video, 2), 0);
            List<PacketEnvelope> out = packets(h);
            assertEquals(List.of(0L, 2L), out.stream().map(PacketEnvelope::gopSeq).toList());
            assertFalse(chained(out.get(1)), "GOP 2 does not need the refused GOP 1");
            List<DeadLetter> dead = deadLetters(h);
            assertEquals(1, dead.size());
            assertTrue(dead.get(0).reason().startsWith("GOP 1 of stream cam1 (1x1, 5 frames) refused by the encoder: "),
                    dead.get(0).reason());
            assertArrayEquals(RawGopFormat.write(g1), dead.get(0).record().value(), "the refused GOP is kept whole");
            // the stream's next GOP of the old size is coded as gvc encode codes it on its own
            try (GopEncoder alone = new GopEncoder(TestMedia.params(), video.format(), TestMedia.prior())) {
                RawGop g2 = TestMedia.flf2vGop("cam1", video, 2);
                assertArrayEquals(PacketCodec.write(alone.encodeFirst(g2.toGop()).packet()), out.get(1).packet());
            }
        }
    }

    @Test
    void anAbsurdGopNumberIsRefusedAndDoesNotWedgeTheStream() throws Exception {
        try (var h = harness()) {
            h.open();
            RawGop absurd = TestMedia.rawGop("cam1", video, 1_000_000, 4, 5);
            h.processElement(TestMedia.flf2vGop("cam1", video, 0), 0);
            h.processElement(absurd, 0);
            h.processElement(TestMedia.flf2vGop("cam1", video, 1), 0);
            h.processElement(TestMedia.flf2vGop("cam1", video, 2), 0);
            List<PacketEnvelope> out = packets(h);
            assertEquals(List.of(0L, 1L, 2L), out.stream().map(PacketEnvelope::gopSeq).toList());
            assertArrayEquals(referencePacket(1), out.get(1).packet(), "GOP 1 still chains to GOP 0");
            assertEquals(List.of(-1L, 0L, 1L), previous(h));
            List<DeadLetter> dead = deadLetters(h);
            assertEquals(1, dead.size());
            assertEquals("GOP 1000000 of stream cam1 is 999999 GOPs ahead of the expected GOP 1 (at most 1000 are "
                    + "accepted; a jump is taken only when the next GOP continues it)", dead.get(0).reason());
        }
    }

    @Test
    void aFarJumpContinuedByTheNextGopRestartsTheChainThere() throws Exception {
        try (var h = harness()) {
            h.open();
            h.processElement(TestMedia.flf2vGop("cam1", video, 0), 0);
            h.processElement(TestMedia.rawGop("cam1", video, 5000, 4, 5), 0); // refused
            h.processElement(TestMedia.rawGop("cam1", video, 5001, 8, 5), 0); // continues it: the stream jumped
            h.processElement(TestMedia.rawGop("cam1", video, 1001, 4, 5), 0); // now late
            List<PacketEnvelope> out = packets(h);
            assertEquals(List.of(0L, 5001L), out.stream().map(PacketEnvelope::gopSeq).toList());
            assertFalse(chained(out.get(1)), "the jump restarts the chain");
            List<DeadLetter> dead = deadLetters(h);
            assertEquals(2, dead.size());
            assertTrue(dead.get(0).reason().startsWith("GOP 5000 of stream cam1 is 4999 GOPs ahead"), dead.get(0).reason());
            assertEquals("GOP 1001 of stream cam1 arrived after GOP 5001 was encoded (late, reordered or duplicate)",
                    dead.get(1).reason());
            // a jump of exactly MAX_JUMP needs no confirmation
            h.processElement(TestMedia.rawGop("cam1", video, 5002 + io.gvc.operators.GopJumps.MAX_JUMP, 4, 5), 0);
            assertEquals(3, packets(h).size());
        }
    }

    @Test
    void aGopTheAtomSearchCannotCodeIsADeadLetterAndAFailedResultThatMovesTheStreamOn() throws Exception {
        var search = new AtomSearchFunction(TestMedia.config(), PriorSource.shipped(), RAW_TOPIC, FailureDrill.off());
        try (var chain = harness(); var h = ProcessFunctionTestHarnesses.forProcessFunction(search)) {
            chain.open();
            chain.processElement(TestMedia.flf2vGop("cam1", video, 0), 0);
            chain.processElement(TestMedia.flf2vGop("cam1", video, 1), 0);
            AtomSearchTask t0 = chain.extractOutputValues().get(0), t1 = chain.extractOutputValues().get(1);
            // GOP 1's frames with GOP 0's keyframes: the engine refuses the mismatch
            RawGop g1 = t1.gop();
            AtomSearchTask wrong = new AtomSearchTask(new RawGop("cam1", 0, g1.firstFrameIndex(), g1.captureTimeMicros(),
                    g1.fpsNum(), g1.fpsDen(), g1.width(), g1.height(), g1.frames().subList(0, 4)), -1, t0.keyframed());
            h.processElement(wrong, 0);
            h.processElement(t1, 0);
            List<EncodedPacket> out = h.extractOutputValues();
            assertEquals(2, out.size());
            assertTrue(out.get(0).failed());
            assertEquals(-1, out.get(0).previousSeq());
            assertTrue(out.get(0).failure().startsWith("GOP 0 of stream cam1 (32x32, 4 frames) refused by the atom "
                    + "search: keyframes of GOP 0 (5 frames, FLF2V) given for GOP 0 (4 frames, FLF2V)"),
                    out.get(0).failure());
            assertArrayEquals(referencePacket(1), out.get(1).envelope().packet(), "the next GOP is coded as ever");
            var dead = h.getSideOutput(DeadLetters.TAG).stream().map(StreamRecord::getValue).toList();
            assertEquals(1, dead.size());
            assertEquals(out.get(0).failure(), dead.get(0).reason());
            assertEquals(RAW_TOPIC, dead.get(0).record().topic());
        }
    }
}
