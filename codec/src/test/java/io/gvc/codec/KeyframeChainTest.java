package io.gvc.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gvc.codec.anchor.AnchorMode;
import io.gvc.codec.bitstream.BitstreamException;
import io.gvc.codec.bitstream.BoundaryPicture;
import io.gvc.codec.bitstream.ContainerCodec;
import io.gvc.codec.bitstream.GvcPacket;
import io.gvc.codec.bitstream.PacketCodec;
import io.gvc.codec.frame.Frame;
import io.gvc.codec.frame.Video;
import io.gvc.codec.intra.DctIntraCodec;
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
        return new CodecParams(Variant.FLF2V, GOP, 0, 2, 256, 4, null, 2, 8, 2, 3f, 3f, 0x51L, DctIntraCodec.ID, 60,
                CodecParams.DEFAULT_BPP, 0.5, false, "", 1, intraPeriod);
    }

    private static Video still() {
        Frame f = SyntheticVideo.clip(W, H, 1, 0).frames().get(0);
        return new Video(SyntheticVideo.clip(W, H, 1, 0).format(), new ArrayList<>(Collections.nCopies(FRAMES, f)));
    }

    private static List<GvcPacket> packets(byte[] file) throws BitstreamException {
        return ContainerCodec.read(file).packets();
    }

    private static void assertDecodesToReconstruction(StreamEncoder.Result r) throws BitstreamException {
        for (int threads : new int[] {1, 2}) {
            Video d = StreamDecoder.decode(r.file(), prior, threads, Progress.NONE);
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
    void theReaderRefusesAnUnknownAnchorModeAndAPredictedFirstFrame() throws BitstreamException {
        StreamEncoder.Result r = StreamEncoder.encode(still(), params(8), prior, Progress.NONE);
        GvcPacket p = packets(r.file()).get(0);
        GvcPacket badMode = new GvcPacket(p.gopSeq(), p.firstFrame(), p.frameCount(), p.config(), p.m(), p.mTail(),
                p.tailLatentFrames(), 2, p.deviationScale(), p.boundaries(), p.prompt(), p.priorSide(), p.tailResidual(), p.atomBits(),
                p.atoms(), p.sse());
        assertEquals("packet.anchor_mode", assertThrows(BitstreamException.class,
                () -> PacketCodec.read(PacketCodec.write(badMode))).field());
        List<BoundaryPicture> b = new ArrayList<>(p.boundaries());
        BoundaryPicture first = b.get(0);
        b.set(0, new BoundaryPicture(0, first.codecId(), first.quality(), true, first.data()));
        GvcPacket predictedFirst = new GvcPacket(p.gopSeq(), p.firstFrame(), p.frameCount(), p.config(), p.m(),
                p.mTail(), p.tailLatentFrames(), p.anchorMode(), p.deviationScale(), b, p.prompt(), p.priorSide(), p.tailResidual(),
                p.atomBits(), p.atoms(), p.sse());
        assertEquals("packet.boundary[0].predicted", assertThrows(BitstreamException.class,
                () -> PacketCodec.read(PacketCodec.write(predictedFirst))).field());
    }
}
