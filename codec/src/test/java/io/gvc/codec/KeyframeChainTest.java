package io.gvc.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gvc.codec.anchor.AnchorMode;
import io.gvc.codec.bitstream.BitstreamException;
import io.gvc.codec.bitstream.BoundaryPicture;
import io.gvc.codec.bitstream.CodingConfig;
import io.gvc.codec.bitstream.ContainerCodec;
import io.gvc.codec.bitstream.GvcPacket;
import io.gvc.codec.bitstream.PacketCodec;
import io.gvc.codec.bitstream.Limits;
import io.gvc.codec.bitstream.UncheckedWrites;
import io.gvc.codec.frame.Frame;
import io.gvc.codec.frame.Video;
import io.gvc.codec.intra.DctIntraCodec;
import io.gvc.codec.metrics.Psnr;
import io.gvc.codec.prior.FlowPrior;
import io.gvc.codec.prior.GaussianDctPrior;
import io.gvc.codec.prior.SpectrumFitter;
import io.gvc.codec.variant.Variant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The keyframe chain (last boundaries predicted from the first, intra at random-access points and
 * where prediction measures larger) and the per-GOP anchor decision, end to end through the file
 * format: every decode equals the encoder's reconstruction at 1 and 2 threads.
 */
class KeyframeChainTest {

    static final int W = 96, H = 64, FRAMES = 20, GOP = 9;
    static GaussianDctPrior prior;

    @BeforeAll
    static void setUp() {
        SpectrumFitter fitter = new SpectrumFitter(GOP, 1);
        fitter.add("synthetic", SyntheticVideo.clip(W, H, FRAMES, 1));
        prior = new GaussianDctPrior(fitter.fit());
    }

    static CodecParams params(int intraPeriod) {
        return CodecParams.builder().variant(Variant.FLF2V).gopFrames(GOP).codebookSize(256).m(4).steps(8).seed(0x51L)
                .intraCodec(DctIntraCodec.ID).keyframeQuality(60).boundaryShare(0.5).threads(1).intraPeriod(intraPeriod)
                .maxSegments(1).build();
    }

    /** Rate-controlled keyframes (mid-GOP keyframes are compared at equal bits), up to {@code segments} segments. */
    static CodecParams rateControlled(int segments) {
        return CodecParams.builder().variant(Variant.FLF2V).gopFrames(GOP).codebookSize(256).m(4).steps(8).seed(0x51L)
                .intraCodec(DctIntraCodec.ID).targetBpp(0.4).boundaryShare(0.8).threads(1).intraPeriod(8)
                .maxSegments(segments).build();
    }

    /**
     * A textured still background and a bright square that swings right and back within every GOP:
     * its first and last frames show the square in the same place, so one bridge across the GOP
     * shows it standing still, while a mid-GOP keyframe catches it at the far end.
     */
    static Video swinging() {
        Video base = SyntheticVideo.clip(W, H, 1, 0);
        List<Frame> frames = new ArrayList<>();
        int side = 16;
        for (int t = 0; t < FRAMES; t++) {
            Frame f = base.frames().get(0);
            byte[] y = f.y().clone();
            int phase = t % (GOP - 1); // 0..7: out and back over each GOP
            int x0 = 4 + 8 * Math.min(phase, (GOP - 1) - phase);
            for (int r = 24; r < 24 + side; r++) {
                for (int c = x0; c < x0 + side; c++) {
                    y[r * W + c] = (byte) 235;
                }
            }
            frames.add(new Frame(W, H, y, f.u(), f.v()));
        }
        return new Video(base.format(), frames);
    }

    /**
     * A hand-held camera over a still scene: every odd frame is the scene seen 4 pixels further
     * right (4 luma, 2 chroma: whole samples), every even frame as it is. The keyframes (even) agree,
     * so the bridge between them stands still and misses every odd frame by 4 pixels.
     */
    static Video shaking() {
        int cw = Frame.chromaWidth(W), ch = Frame.chromaHeight(H);
        List<Frame> frames = new ArrayList<>();
        for (int t = 0; t < FRAMES; t++) {
            int s = t % 2 == 1 ? 4 : 0;
            byte[] y = new byte[W * H], u = new byte[cw * ch], v = new byte[cw * ch];
            for (int r = 0; r < H; r++) {
                for (int c = 0; c < W; c++) {
                    y[r * W + c] = (byte) SyntheticVideo.background(c + s, r);
                }
            }
            for (int r = 0; r < ch; r++) {
                for (int c = 0; c < cw; c++) {
                    u[r * cw + c] = (byte) (128 + (SyntheticVideo.background(2 * c + s, 2 * r) - 128) / 6);
                    v[r * cw + c] = (byte) 128;
                }
            }
            frames.add(new Frame(W, H, y, u, v));
        }
        return new Video(SyntheticVideo.clip(W, H, 1, 0).format(), frames);
    }

    /** A textured picture, unchanged for the whole clip. */
    static Video still() {
        Frame f = SyntheticVideo.clip(W, H, 1, 0).frames().get(0);
        return new Video(SyntheticVideo.clip(W, H, 1, 0).format(), new ArrayList<>(Collections.nCopies(FRAMES, f)));
    }

    private static List<GvcPacket> packets(byte[] file) throws BitstreamException {
        return ContainerCodec.read(file).packets();
    }

    private static void assertDecodesToReconstruction(StreamEncoder.Result r) throws BitstreamException {
        assertDecodesToReconstruction(r, prior);
    }

    /** The file decodes, with {@code decoderPrior} at 1 and 2 threads, to exactly the encoder's reconstruction. */
    static void assertDecodesToReconstruction(StreamEncoder.Result r, FlowPrior decoderPrior)
            throws BitstreamException {
        for (int threads : new int[] {1, 2}) {
            Video d = StreamDecoder.decode(r.file(), decoderPrior, threads, Progress.NONE);
            assertEquals(r.reconstruction().frameCount(), d.frameCount());
            for (int i = 0; i < d.frameCount(); i++) {
                for (int p = 0; p < 3; p++) {
                    assertArrayEquals(r.reconstruction().frames().get(i).plane(p), d.frames().get(i).plane(p),
                            "frame " + i + " plane " + p + " at " + threads + " threads");
                }
            }
        }
    }

    @Test
    void aStillSceneChainsPredictedBoundariesWithIntraAtRandomAccessPoints() throws BitstreamException {
        StreamEncoder.Result r = StreamEncoder.encode(still(), params(3), prior, Progress.NONE);
        List<GvcPacket> ps = packets(r.file());
        assertEquals(3, ps.size());
        // GOP 0 codes its first frame intra and predicts its last; GOP 1 predicts; GOP 2 is a random-access point
        assertFalse(ps.get(0).boundaryAt(0).predicted());
        assertTrue(ps.get(0).boundaryAt(GOP - 1).predicted());
        assertTrue(ps.get(1).boundaryAt(GOP - 1).predicted());
        BoundaryPicture last = ps.get(2).boundaryAt(ps.get(2).frameCount() - 1);
        assertFalse(last.predicted(), "GOP 2 ends a period of 3: intra");
        assertTrue(GopDecoder.endsOnIntra(ps.get(2)));
        assertFalse(GopDecoder.endsOnIntra(ps.get(1)));
        // nothing changed, so the predicted picture is far smaller than the intra one at the same quality
        assertTrue(ps.get(1).boundaryBytes() * 4 < last.data().length,
                ps.get(1).boundaryBytes() + " bytes predicted vs " + last.data().length + " intra");
        assertDecodesToReconstruction(r);
    }

    @Test
    void aPredictedLastFrameNeedsItsFirstFrame() throws BitstreamException {
        StreamEncoder.Result r = StreamEncoder.encode(still(), params(8), prior, Progress.NONE);
        GvcPacket chained = packets(r.file()).get(1);
        BitstreamException e = assertThrows(BitstreamException.class, () -> GopDecoder.lastBoundary(chained, null));
        assertTrue(e.getMessage().contains("was not given"), e.getMessage());
        Frame shared = r.reconstruction().frames().get(GOP - 1);
        Frame last = GopDecoder.lastBoundary(chained, shared).orElseThrow();
        assertArrayEquals(r.reconstruction().frames().get(2 * (GOP - 1)).y(), last.y());
    }

    @Test
    void movingContentIsIntraCodedAndBridgedByMotion() throws BitstreamException {
        // the background pans 1 pixel a frame under a moving square: prediction without motion is no
        // cheaper than intra, and the motion-compensated bridge is closer than the cross-fade
        Video panning = SyntheticVideo.clip(W, H, FRAMES, 1);
        StreamEncoder.Result r = StreamEncoder.encode(panning, params(8), prior, Progress.NONE);
        List<GvcPacket> ps = packets(r.file());
        long bridged = ps.stream().filter(p -> p.anchorMode() == AnchorMode.MOTION_BRIDGE.code()).count();
        assertTrue(bridged >= 2, bridged + " of " + ps.size() + " GOPs chose the motion bridge");
        assertDecodesToReconstruction(r);
    }

    @Test
    void motionOneBridgeCannotFollowIsCutByMidGopKeyframesAtTheSameBits() throws BitstreamException {
        Video clip = swinging();
        StreamEncoder.Result whole = StreamEncoder.encode(clip, rateControlled(1), prior, Progress.NONE);
        StreamEncoder.Result cut = StreamEncoder.encode(clip, rateControlled(4), prior, Progress.NONE);
        List<GvcPacket> ps = packets(cut.file());
        GvcPacket p = ps.get(1);
        assertTrue(p.boundaries().size() > 1, "GOP 1 carries mid-GOP keyframes: " + p.boundaries().size());
        int previous = 0;
        for (BoundaryPicture b : p.boundaries()) {
            assertTrue(b.position() > previous, "keyframes in increasing position");
            previous = b.position();
        }
        assertEquals(GOP - 1, previous, "the last keyframe is the last frame");
        // the square is where it is at the mid keyframe, not where one bridge across the GOP puts it
        int mid = p.boundaries().get(0).position();
        Frame truth = clip.frames().get(GOP - 1 + mid);
        assertTrue(Psnr.sse(truth, cut.reconstruction().frames().get(GOP - 1 + mid), 0)
                        < Psnr.sse(truth, whole.reconstruction().frames().get(GOP - 1 + mid), 0),
                "the mid keyframe is closer than the uncut bridge");
        // within the same boundary budget: at most a few bytes apart
        assertEquals(whole.file().length, cut.file().length, whole.file().length * 0.15,
                "same target, same bits");
        // the chain: each keyframe from the one before, so the last needs the first
        assertThrows(BitstreamException.class, () -> GopDecoder.lastBoundary(p, null));
        Frame last = GopDecoder.lastBoundary(p, cut.reconstruction().frames().get(GOP - 1)).orElseThrow();
        assertArrayEquals(cut.reconstruction().frames().get(2 * (GOP - 1)).y(), last.y());
        assertDecodesToReconstruction(cut);
    }

    @Test
    void aShakingCameraIsFollowedByBridgeOffsetsAndAStillOneSendsNone() throws BitstreamException {
        Video clip = shaking();
        StreamEncoder.Result r = StreamEncoder.encode(clip, params(8), prior, Progress.NONE);
        for (GvcPacket p : packets(r.file())) {
            if (p.frameCount() < GOP) {
                continue; // the last GOP (16..19) ends on a shaken frame: its bridge moves on its own
            }
            int[] o = p.bridgeOffsets();
            assertEquals(2 * p.frameCount(), o.length, "GOP " + p.gopSeq() + " carries offsets");
            for (int j = 1; j + 1 < p.frameCount(); j++) {
                boolean shaken = (p.firstFrame() + j) % 2 == 1;
                // frame j at p shows the scene at p + 4: the bridge is sampled 4 pixels further
                String at = "offset at frame " + (p.firstFrame() + j) + ": " + o[2 * j] + ", " + o[2 * j + 1];
                assertEquals(shaken ? 4 : 0, o[2 * j], at);
                assertEquals(0, o[2 * j + 1], at);
            }
        }
        // the offsets are what put the odd frames in place: far closer than the bridge standing still
        Frame odd = r.reconstruction().frames().get(3);
        Frame unmoved = r.reconstruction().frames().get(2);
        assertTrue(Psnr.sse(clip.frames().get(3), odd, 0) * 4 < Psnr.sse(clip.frames().get(3), unmoved, 0),
                "frame 3 is decoded in its place");
        assertDecodesToReconstruction(r);
        for (GvcPacket p : packets(StreamEncoder.encode(still(), params(8), prior, Progress.NONE).file())) {
            assertEquals(0, p.bridgeOffsets().length, "a still camera sends no offsets");
        }
    }

    @Test
    void aStreamEndingOnATwoFrameGopCodesItWhole() throws BitstreamException {
        // 18 frames in GOPs of 9 sharing boundaries: 0-8, 8-16 and 16-17, too short to cut
        Video clip = new Video(swinging().format(), swinging().frames().subList(0, 2 * (GOP - 1) + 2));
        StreamEncoder.Result r = StreamEncoder.encode(clip, rateControlled(4), prior, Progress.NONE);
        List<GvcPacket> ps = packets(r.file());
        assertEquals(3, ps.size());
        assertEquals(2, ps.get(2).frameCount());
        assertEquals(1, ps.get(2).boundaries().size());
        assertDecodesToReconstruction(r);
    }

    @Test
    void holdingAQualityCodesEveryChainAtItAndCutsAGopWithinWhatItsChainCosts() throws BitstreamException {
        int q = 70;
        // a still scene: every GOP left whole has its chain at the quality held, the intra pictures
        // (the first, and every second GOP's last: a random-access point) boosted finer
        CodecParams held = rateControlled(4).withTargetQuality(q).withIntraPeriod(2);
        StreamEncoder.Result still = StreamEncoder.encode(still(), held, prior, Progress.NONE);
        int predicted = 0;
        for (GvcPacket p : packets(still.file())) {
            if (p.boundaries().stream().anyMatch(b -> b.position() != 0 && b.position() != p.frameCount() - 1)) {
                continue; // cut (a random-access GOP may be: its intra picture leaves room): a quality of its own
            }
            for (BoundaryPicture b : p.boundaries()) {
                String at = "GOP " + p.gopSeq() + " position " + b.position();
                if (b.predicted()) {
                    assertEquals(q, b.quality(), at + ": the quality held, nothing raised");
                    predicted++;
                } else {
                    assertTrue(b.quality() >= q, at + ": intra by rule, at " + b.quality());
                }
            }
        }
        assertTrue(predicted > 0, "a predicted keyframe was checked");
        assertDecodesToReconstruction(still);
        // the swinging square: a GOP is cut by mid-GOP keyframes, within the bits its uncut chain costs
        StreamEncoder.Result cut = StreamEncoder.encode(swinging(), held, prior, Progress.NONE);
        StreamEncoder.Result whole = StreamEncoder.encode(swinging(), held.withMaxSegments(1), prior, Progress.NONE);
        GvcPacket c0 = packets(cut.file()).get(0), w0 = packets(whole.file()).get(0);
        assertTrue(c0.boundaries().size() > w0.boundaries().size(), "GOP 0 is cut: " + c0.boundaries().size());
        assertTrue(c0.boundaryBytes() <= w0.boundaryBytes(), c0.boundaryBytes() + " > " + w0.boundaryBytes());
        assertEquals(q, w0.boundaries().get(1).quality(), "the uncut chain at the quality held");
        assertDecodesToReconstruction(cut);
    }

    @Test
    void withAFixedKeyframeQualityNoGopIsCut() throws BitstreamException {
        // the plans are compared at equal bits; a fixed quality gives none, so the GOP stays whole
        StreamEncoder.Result r = StreamEncoder.encode(swinging(), params(8).withMaxSegments(4), prior, Progress.NONE);
        for (GvcPacket p : packets(r.file())) {
            for (BoundaryPicture b : p.boundaries()) {
                assertTrue(b.position() == 0 || b.position() == p.frameCount() - 1, "keyframe at " + b.position());
            }
        }
    }

    @Test
    void theReaderRefusesKeyframesOutOfOrderAndMidGopKeyframesOutsideFlf2v() throws BitstreamException {
        StreamEncoder.Result r = StreamEncoder.encode(swinging(), rateControlled(4), prior, Progress.NONE);
        GvcPacket p = packets(r.file()).stream().filter(q -> q.boundaries().size() > 1).findFirst().orElseThrow();
        List<BoundaryPicture> reversed = new ArrayList<>(p.boundaries());
        Collections.reverse(reversed);
        GvcPacket outOfOrder = new GvcPacket(p.gopSeq(), p.firstFrame(), p.frameCount(), p.config(), p.m(), p.mTail(),
                p.tailLatentFrames(), p.anchorMode(), p.deviationScale(), reversed, p.prompt(), p.priorSide(),
                p.tailResidual(), p.atomBits(), p.atoms(), p.psnr());
        assertEquals("packet.boundary[1].position", assertThrows(BitstreamException.class,
                () -> PacketCodec.read(UncheckedWrites.packet(outOfOrder))).field());
        assertThrows(IllegalArgumentException.class, () -> PacketCodec.write(outOfOrder), "the writer refuses it too");
        CodingConfig c = p.config();
        CodingConfig i2v = new CodingConfig(Variant.I2V, c.format(), c.gopFrames(), c.latentDownscale(),
                c.temporalStride(), c.codebookSize(), c.steps(), c.tailSteps(), c.shift(), c.gScale(), c.seed(),
                c.modelId(), c.modelHashPrefix());
        GvcPacket asI2v = new GvcPacket(p.gopSeq(), p.firstFrame(), p.frameCount(), i2v, p.m(), p.mTail(),
                p.tailLatentFrames(), p.anchorMode(), p.deviationScale(), p.boundaries(), p.prompt(), p.priorSide(),
                p.tailResidual(), p.atomBits(), p.atoms(), p.psnr());
        BitstreamException e = assertThrows(BitstreamException.class, () -> PacketCodec.read(UncheckedWrites.packet(asI2v)));
        int firstMid = p.boundaryAt(0) == null ? 0 : 1; // GOP 0 also carries its first frame
        assertEquals("packet.boundary[" + firstMid + "].position", e.field(), e.getMessage());
        assertTrue(e.getMessage().contains("only FLF2V"), e.getMessage());
    }

    @Test
    void theWriterRefusesAnUnknownAnchorModeAndTheReaderAPredictedFirstFrame() throws BitstreamException {
        StreamEncoder.Result r = StreamEncoder.encode(still(), params(8), prior, Progress.NONE);
        GvcPacket p = packets(r.file()).get(0);
        GvcPacket badMode = new GvcPacket(p.gopSeq(), p.firstFrame(), p.frameCount(), p.config(), p.m(), p.mTail(),
                p.tailLatentFrames(), Limits.MAX_ANCHOR_MODE + 1, p.deviationScale(), p.boundaries(), p.prompt(), p.priorSide(), p.tailResidual(), p.atomBits(),
                p.atoms(), p.psnr());
        // two bits of packet.flags hold the mode (version 14): a fifth one cannot be written
        assertThrows(IllegalArgumentException.class, () -> PacketCodec.write(badMode));
        List<BoundaryPicture> b = new ArrayList<>(p.boundaries());
        BoundaryPicture first = b.get(0);
        b.set(0, new BoundaryPicture(0, first.codecId(), first.quality(), true, first.data()));
        GvcPacket predictedFirst = new GvcPacket(p.gopSeq(), p.firstFrame(), p.frameCount(), p.config(), p.m(),
                p.mTail(), p.tailLatentFrames(), p.anchorMode(), p.deviationScale(), b, p.prompt(), p.priorSide(), p.tailResidual(),
                p.atomBits(), p.atoms(), p.psnr());
        assertEquals("packet.boundary[0].predicted", assertThrows(BitstreamException.class,
                () -> PacketCodec.read(UncheckedWrites.packet(predictedFirst))).field());
    }
}
