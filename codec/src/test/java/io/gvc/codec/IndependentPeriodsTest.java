package io.gvc.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.gvc.codec.bitstream.BoundaryPicture;
import io.gvc.codec.bitstream.ContainerCodec;
import io.gvc.codec.bitstream.GvcPacket;
import io.gvc.codec.bitstream.PacketCodec;
import io.gvc.codec.frame.Frame;
import io.gvc.codec.frame.Gop;
import io.gvc.codec.frame.Video;
import io.gvc.codec.prior.GaussianDctPrior;
import io.gvc.codec.prior.SpectrumFitter;
import io.gvc.codec.rate.QualityFloor;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Independent periods ({@link RandomAccess}): every period's first GOP codes its first frame intra
 * and needs nothing of the period before, so a period coded alone, from its first GOP, gives the
 * stream's packets byte for byte (what lets the live encoder code one camera's periods on many
 * slots), and the stream still decodes to the encoder's reconstruction.
 */
class IndependentPeriodsTest {

    static final int W = KeyframeChainTest.W, H = KeyframeChainTest.H, GOP = KeyframeChainTest.GOP;
    static final int PERIOD = 2, GOPS = 5;
    static GaussianDctPrior prior;
    static Video video;

    @BeforeAll
    static void setUp() {
        video = SyntheticVideo.clip(W, H, GOPS * (GOP - 1) + 1, 1);
        SpectrumFitter fitter = new SpectrumFitter(GOP, 1);
        fitter.add("synthetic", SyntheticVideo.clip(W, H, KeyframeChainTest.FRAMES, 1));
        prior = new GaussianDctPrior(fitter.fit());
    }

    static CodecParams independent() {
        return QualityFloorTest.budgeted().withIntraPeriod(PERIOD).withIndependentPeriods(true);
    }

    @Test
    void theRuleStartsAChainAtEveryPeriodAndEndsNoneOnIntra() {
        RandomAccess chain = new RandomAccess(4, false);
        RandomAccess independent = new RandomAccess(4, true);
        for (long seq = 0; seq < 12; seq++) {
            assertEquals(seq == 0, chain.startsChain(seq), "chained stream, GOP " + seq);
            assertEquals(seq % 4 == 3, chain.endsOnIntra(seq), "chained stream, GOP " + seq);
            assertEquals(seq % 4 == 0, independent.startsChain(seq), "independent periods, GOP " + seq);
            assertFalse(independent.endsOnIntra(seq), "independent periods, GOP " + seq);
            assertEquals(seq / 4 * 4, independent.periodStart(seq));
        }
    }

    @Test
    void everyPeriodStartsOnItsOwnIntraPictureAndDecodesToTheReconstruction() throws Exception {
        StreamEncoder.Result r = StreamEncoder.encode(video, independent(), prior, Progress.NONE);
        List<GvcPacket> packets = ContainerCodec.read(r.file()).packets();
        assertEquals(GOPS, packets.size());
        for (GvcPacket p : packets) {
            BoundaryPicture first = p.boundaryAt(0);
            if (p.gopSeq() % PERIOD == 0) {
                assertNotNull(first, "GOP " + p.gopSeq() + " starts a period: it codes its first frame");
                assertFalse(first.predicted(), "GOP " + p.gopSeq() + "'s first frame is intra");
            } else {
                assertNull(first, "GOP " + p.gopSeq() + " shares its first frame");
            }
        }
        for (int threads : new int[] {1, 2}) {
            Video decoded = StreamDecoder.decode(r.file(), prior, threads, Progress.NONE);
            assertEquals(video.frameCount(), decoded.frameCount());
            for (int i = 0; i < decoded.frameCount(); i++) {
                assertArrayEquals(r.reconstruction().frames().get(i).y(), decoded.frames().get(i).y(),
                        "frame " + i + " at " + threads + " threads");
            }
        }
    }

    /** A still scene, where prediction always pays: only the chain through the stream ends a period on intra. */
    @Test
    void aPeriodsLastGopEndsOnIntraOnlyWhereTheChainRunsOn() {
        Video still = KeyframeChainTest.still();
        for (boolean independent : new boolean[] {false, true}) {
            CodecParams p = QualityFloorTest.budgeted().withIntraPeriod(PERIOD).withIndependentPeriods(independent);
            KeyframeChainCoder coder = new KeyframeChainCoder(p, still.format(), prior);
            KeyframedGop gop0 = coder.code(new Gop(0, 0, still.frames().subList(0, GOP)), null, QualityFloor.NONE);
            KeyframedGop gop1 = coder.code(new Gop(1, GOP - 1, still.frames().subList(GOP - 1, 2 * GOP - 1)),
                    gop0.nextSharedFirst(), gop0.chainQuality());
            BoundaryPicture last = gop1.boundaries().get(gop1.boundaries().size() - 1);
            assertEquals(independent, last.predicted(), "independent periods: " + independent);
        }
    }

    @Test
    void aPeriodCodedAloneGivesTheStreamsPackets() {
        CodecParams p = independent();
        StreamEncoder.Result whole = StreamEncoder.encode(video, p, prior, Progress.NONE);
        GopPartition part = new GopPartition(p.variant(), p.gopFrames(), video.frameCount());
        try (GopEncoder alone = new GopEncoder(p, video.format(), prior)) {
            Frame shared = null;
            int quality = QualityFloor.NONE;
            for (long k = PERIOD; k < 2L * PERIOD; k++) { // the second period, nothing before it given
                int first = (int) part.firstFrame(k);
                Gop gop = new Gop(k, first, video.frames().subList(first, first + part.frames(k)));
                EncodedGop e = k == PERIOD ? alone.encodeFirst(gop) : alone.encode(gop, shared, quality);
                assertArrayEquals(PacketCodec.write(whole.gops().get((int) k).packet()), PacketCodec.write(e.packet()),
                        "GOP " + k);
                shared = e.last();
                quality = e.chainQuality();
            }
        }
    }
}
