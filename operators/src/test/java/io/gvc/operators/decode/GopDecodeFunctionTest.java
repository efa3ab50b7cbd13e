package io.gvc.operators.decode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gvc.codec.Progress;
import io.gvc.codec.StreamDecoder;
import io.gvc.codec.StreamEncoder;
import io.gvc.codec.bitstream.CodingConfig;
import io.gvc.codec.bitstream.GvcPacket;
import io.gvc.codec.bitstream.PacketCodec;
import io.gvc.codec.frame.Frame;
import io.gvc.codec.frame.Video;
import io.gvc.operators.DeadLetters;
import io.gvc.operators.FailureDrill;
import io.gvc.operators.PriorSource;
import io.gvc.operators.TestMedia;
import io.gvc.operators.types.DeadLetter;
import io.gvc.operators.types.DecodeTask;
import io.gvc.operators.types.DecodedEnvelope;
import io.gvc.operators.types.PacketEnvelope;
import io.gvc.model.registry.ShippedModels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The decoder slot on tasks made by the resolver: the frames are gvc decode's, and a packet that
 * cannot be decoded becomes a dead letter plus a failed result that keeps the chain moving.
 */
class GopDecodeFunctionTest {

    static final String TOPIC = "gvc.bitstream";
    static byte[][] packets;
    static Video decoded;
    /** What the resolver makes of GOPs 0, 1, 2 in order. */
    static List<DecodeTask> tasks;

    @BeforeAll
    static void encodeAndResolve() throws Exception {
        StreamEncoder.Result r = TestMedia.encode(TestMedia.video(32, 32, 13));
        packets = new byte[3][];
        for (int k = 0; k < 3; k++) {
            packets[k] = PacketCodec.write(r.gops().get(k).packet());
        }
        decoded = StreamDecoder.decode(r.file(), TestMedia.prior(), 1, Progress.NONE);
        try (KeyedOneInputStreamOperatorTestHarness<String, PacketEnvelope, DecodeTask> h =
                     new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(new BoundaryResolver(TOPIC)),
                             PacketEnvelope::streamId, Types.STRING)) {
            h.open();
            for (int k = 0; k < 3; k++) {
                h.processElement(env(k, packets[k]), 0);
            }
            tasks = h.extractOutputValues();
        }
        assertEquals(3, tasks.size());
    }

    static PacketEnvelope env(long k, byte[] packet) {
        return new PacketEnvelope("cam1", k, TestMedia.T0 + k * 160_000L, packet);
    }

    record Result(List<DecodedEnvelope> out, List<DeadLetter> dead) {
    }

    static Result decode(DecodeTask... in) throws Exception {
        return decode(PriorSource.shipped(), in);
    }

    /** Decodes in one slot started with {@code source} (what the job's --model and --device say). */
    static Result decode(PriorSource source, DecodeTask... in) throws Exception {
        try (OneInputStreamOperatorTestHarness<DecodeTask, DecodedEnvelope> h = ProcessFunctionTestHarnesses
                .forProcessFunction(new GopDecodeFunction(source, 1, TOPIC, FailureDrill.off()))) {
            for (DecodeTask t : in) {
                h.processElement(t, 0);
            }
            var side = h.getSideOutput(DeadLetters.TAG);
            return new Result(h.extractOutputValues(),
                    side == null ? List.of() : side.stream().map(StreamRecord::getValue).toList());
        }
    }

    @Test
    void decodesWhatGvcDecodeDecodes() throws Exception {
        Result res = decode(tasks.toArray(DecodeTask[]::new));
        assertEquals(List.of(), res.dead());
        assertEquals(3, res.out().size());
        for (int k = 0; k < 3; k++) {
            DecodedEnvelope d = res.out().get(k);
            assertFalse(d.failed(), d.failure());
            assertEquals("cam1", d.streamId());
            assertEquals(k, d.gopSeq());
            assertEquals(k - 1, d.previousSeq());
            assertEquals(TestMedia.T0 + k * 160_000L, d.captureTimeMicros());
            assertEquals(32, d.width());
            assertEquals(32, d.height());
            assertEquals("", d.concealment());
            // GOP 0 outputs frames 0-4; a chained GOP k only the frames after the shared one: 4k+1 .. 4k+4
            int first = k == 0 ? 0 : 4 * k + 1;
            assertEquals(first, d.firstFrameIndex());
            TestMedia.assertSameFrames(decoded.frames().subList(first, 4 * k + 5), d.frames(), "GOP " + k);
        }
    }

    /**
     * The stream decides the model: an FLF2V stream coded with the shipped reference model (not
     * FLF2V's default) decodes in a decoder started without --model, as `gvc decode` does; before,
     * every packet of it went to the dead letters.
     */
    @Test
    void aStreamCodedWithAnotherShippedModelDecodesWithoutOptions() throws Exception {
        io.gvc.codec.prior.FlowPrior reference = new PriorSource("reference", "cpu")
                .open(io.gvc.codec.variant.Variant.FLF2V, null, 1);
        try {
            StreamEncoder.Result r = StreamEncoder.encode(TestMedia.video(32, 32, 5), TestMedia.params(), reference,
                    Progress.NONE);
            GvcPacket p = r.gops().get(0).packet();
            assertNotEquals(PacketCodec.read(packets[0]).config().modelId(), p.config().modelId(),
                    "the reference model is not FLF2V's default");
            Video want = StreamDecoder.decode(r.file(), reference, 1, Progress.NONE);
            Result res = decode(new DecodeTask(new PacketEnvelope("cam3", 0, TestMedia.T0, PacketCodec.write(p)), -1,
                    null, ""));
            assertEquals(List.of(), res.dead());
            assertEquals(1, res.out().size());
            assertFalse(res.out().get(0).failed(), res.out().get(0).failure());
            TestMedia.assertSameFrames(want.frames(), res.out().get(0).frames(), "reference-model GOP 0");
        } finally {
            if (reference instanceof AutoCloseable c) {
                c.close();
            }
        }
    }

    /**
     * Without --model each variant codes with its shipped default (ModelRegistry.defaultName: the learned
     * bridge model for FLF2V, the reference model for T2V), so one slot must open both and pick by packet.
     */
    @Test
    void oneSlotDecodesEachVariantWithItsOwnDefaultModel() throws Exception {
        io.gvc.codec.prior.FlowPrior t2vPrior = PriorSource.shipped().open(io.gvc.codec.variant.Variant.T2V, null, 1);
        try {
            Video video = TestMedia.video(32, 32, 5);
            StreamEncoder.Result t2v = StreamEncoder.encode(video,
                    TestMedia.params().withVariant(io.gvc.codec.variant.Variant.T2V), t2vPrior, Progress.NONE);
            GvcPacket t2vPacket = t2v.gops().get(0).packet();
            assertNotEquals(PacketCodec.read(packets[0]).config().modelId(), t2vPacket.config().modelId(),
                    "FLF2V and T2V streams name different shipped models");
            Video t2vDecoded = StreamDecoder.decode(t2v.file(), t2vPrior, 1, Progress.NONE);
            DecodeTask t2vTask = new DecodeTask(new PacketEnvelope("cam2", 0, TestMedia.T0,
                    PacketCodec.write(t2vPacket)), -1, null, "");
            Result res = decode(tasks.get(0), t2vTask, tasks.get(1));
            assertEquals(List.of(), res.dead());
            assertEquals(List.of(false, false, false), res.out().stream().map(DecodedEnvelope::failed).toList());
            TestMedia.assertSameFrames(decoded.frames().subList(0, 5), res.out().get(0).frames(), "FLF2V GOP 0");
            TestMedia.assertSameFrames(t2vDecoded.frames(), res.out().get(1).frames(), "T2V GOP 0");
            TestMedia.assertSameFrames(decoded.frames().subList(5, 9), res.out().get(2).frames(), "FLF2V GOP 1");
        } finally {
            ((AutoCloseable) t2vPrior).close();
        }
    }

    @Test
    void concealedTaskDecodesFromTheStandIn() throws Exception {
        // GOP 1 lost: the resolver hands GOP 2 GOP 0's last frame
        DecodeTask t2 = tasks.get(2);
        String why = "GOP 1 is missing; its last frame was replaced by GOP 0's";
        DecodeTask concealed = new DecodeTask(t2.packet(), 0, tasks.get(1).sharedFirst(), why);
        Result res = decode(concealed);
        assertEquals(List.of(), res.dead());
        DecodedEnvelope d = res.out().get(0);
        assertFalse(d.failed());
        assertEquals(why, d.concealment());
        assertEquals(0, d.previousSeq());
        assertEquals(9, d.firstFrameIndex());
        assertEquals(4, d.frames().size());
        // its last frame is its own intra boundary, whatever stood in for the first
        TestMedia.assertSamePixels(decoded.frames().get(12), d.frames().get(3), "GOP 2's last frame");
    }

    /** One failed task: a dead letter with the reason and a failed, empty result carrying the same text. */
    static void assertFails(DecodeTask t, String reason) throws Exception {
        Result res = decode(t);
        assertEquals(1, res.dead().size());
        DeadLetter dl = res.dead().get(0);
        assertEquals(reason, dl.reason());
        assertEquals("cam1", dl.stream());
        assertEquals(TOPIC, dl.record().topic());
        assertArrayEquals("cam1".getBytes(StandardCharsets.UTF_8), dl.record().key());
        assertArrayEquals(t.packet().packet(), dl.record().value());

        assertEquals(1, res.out().size());
        DecodedEnvelope d = res.out().get(0);
        assertTrue(d.failed());
        assertEquals(reason, d.failure());
        assertEquals(t.packet().gopSeq(), d.gopSeq());
        assertEquals(t.previousSeq(), d.previousSeq(), "the failed result keeps its link in the chain");
        assertEquals(t.concealment(), d.concealment());
        assertEquals(List.of(), d.frames());
    }

    @Test
    void chainedPacketWithoutItsSharedFrameFails() throws Exception {
        DecodeTask t = new DecodeTask(tasks.get(1).packet(), 0, null, "");
        assertFails(t, "decode failed: packet.boundary: GOP 1 shares its first frame with GOP 0, which was not given");
    }

    @Test
    void sharedFrameOfTheWrongSizeFails() throws Exception {
        DecodeTask t = new DecodeTask(tasks.get(1).packet(), 0, Frame.grey(16, 16), "");
        assertFails(t, "decode failed: packet.config.width: shared first frame is 16x16, the GOP is 32x32");
    }

    @Test
    void packetOfAnotherModelFails() throws Exception {
        GvcPacket p = PacketCodec.read(packets[0]);
        CodingConfig c = p.config();
        byte[] otherHash = c.modelHashPrefix();
        otherHash[0] ^= 0x5a;
        CodingConfig other = new CodingConfig(c.variant(), c.format(), c.gopFrames(), c.latentDownscale(),
                c.temporalStride(), c.codebookSize(), c.steps(), c.tailSteps(), c.shift(), c.gScale(), c.seed(),
                c.modelId(), otherHash);
        GvcPacket q = new GvcPacket(p.gopSeq(), p.firstFrame(), p.frameCount(), other, p.m(), p.mTail(),
                p.tailLatentFrames(), p.anchorMode(), p.deviationScale(), p.boundaries(), p.prompt(), p.priorSide(), p.tailResidual(), p.atomBits(),
                p.atoms(), p.psnr());
        byte[] bytes = PacketCodec.write(q); // a valid packet (CRC included), for another model
        // the registry matches id and hash: the shipped model of that id, with another hash, is not installed here
        Result res = decode(new DecodeTask(env(0, bytes), -1, null, ""));
        assertEquals(1, res.dead().size());
        assertTrue(res.dead().get(0).reason().startsWith("decode failed: stream needs model '" + c.modelId()
                + "' (sha256 " + java.util.HexFormat.of().formatHex(otherHash) + "...), which is not installed here"),
                res.dead().get(0).reason());
    }

    /** The shipped spectrum under another fitted_from line: a closed-form model no registry ships. */
    static Path customModel(Path dir) throws Exception {
        String text;
        try (var in = GopDecodeFunctionTest.class.getResourceAsStream(ShippedModels.SPECTRUM_RESOURCE)) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Files.createDirectories(dir);
        return Files.writeString(dir.resolve("prior.txt"), text.replaceFirst("(?m)^fitted_from .*$",
                "fitted_from a model of the operator tests"));
    }

    /**
     * --model on a decoder only adds a place to search: a slot started with another model (here the
     * shipped reference model, which is not FLF2V's default) still decodes a stream of the default
     * model, with the model the stream names. Before, the configured model overrode the stream's and
     * every packet went to the dead letters.
     */
    @Test
    void aDecoderStartedWithAnotherModelDecodesWithTheModelTheStreamNames() throws Exception {
        Result res = decode(new PriorSource("reference", "cpu"), tasks.toArray(DecodeTask[]::new));
        assertEquals(List.of(), res.dead());
        for (int k = 0; k < 3; k++) {
            int first = k == 0 ? 0 : 4 * k + 1;
            TestMedia.assertSameFrames(decoded.frames().subList(first, 4 * k + 5), res.out().get(k).frames(), "GOP " + k);
        }
    }

    /**
     * A stream of a model this slot does not have is dead-lettered naming the model id and hash, and
     * the slot goes on with the next packet; a slot whose --model adds the folder holding that model
     * decodes it.
     */
    @Test
    void aStreamOfAModelNotInstalledIsDeadLetteredNamingItAndTheSlotGoesOn(@TempDir Path tmp) throws Exception {
        Path folder = tmp.resolve("models");
        customModel(folder.resolve("mine"));
        io.gvc.codec.prior.FlowPrior mine = new PriorSource(folder.resolve("mine").toString(), "cpu")
                .open(io.gvc.codec.variant.Variant.FLF2V, null, 1);
        StreamEncoder.Result r = StreamEncoder.encode(TestMedia.video(32, 32, 5), TestMedia.params(), mine,
                Progress.NONE);
        DecodeTask custom = new DecodeTask(new PacketEnvelope("cam1", 0, TestMedia.T0,
                PacketCodec.write(r.gops().get(0).packet())), -1, null, "");

        Result res = decode(custom, tasks.get(0));
        assertEquals(1, res.dead().size());
        String reason = res.dead().get(0).reason();
        assertTrue(reason.startsWith("decode failed: stream needs model 'gvc-gauss-dct' (sha256 "
                + mine.sha256().substring(0, 16) + "...), which is not installed here"), reason);
        assertEquals(List.of(true, false), res.out().stream().map(DecodedEnvelope::failed).toList());
        assertEquals(reason, res.out().get(0).failure());
        TestMedia.assertSameFrames(decoded.frames().subList(0, 5), res.out().get(1).frames(), "the next packet");

        Video want = StreamDecoder.decode(r.file(), mine, 1, Progress.NONE);
        Result found = decode(new PriorSource(folder.toString(), "cpu"), custom, tasks.get(0));
        assertEquals(List.of(), found.dead());
        TestMedia.assertSameFrames(want.frames(), found.out().get(0).frames(), "the custom model's GOP");
        TestMedia.assertSameFrames(decoded.frames().subList(0, 5), found.out().get(1).frames(), "the shipped model's GOP");
    }

    @Test
    void aFailureDoesNotStopTheSlot() throws Exception {
        DecodeTask broken = new DecodeTask(tasks.get(1).packet(), 0, null, "");
        Result res = decode(tasks.get(0), broken, tasks.get(2));
        assertEquals(List.of(false, true, false), res.out().stream().map(DecodedEnvelope::failed).toList());
        assertEquals(1, res.dead().size());
        TestMedia.assertSameFrames(decoded.frames().subList(9, 13), res.out().get(2).frames(), "GOP 2 after a failure");
    }
}
