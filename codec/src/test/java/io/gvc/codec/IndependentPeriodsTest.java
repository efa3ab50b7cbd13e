package io.gvc.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gvc.codec.bitstream.BoundaryPicture;
import io.gvc.codec.bitstream.PacketCodec;
import io.gvc.codec.frame.Frame;
import io.gvc.codec.frame.Gop;
import io.gvc.codec.frame.Video;
import io.gvc.codec.prior.GaussianDctPrior;
import io.gvc.codec.prior.SpectrumFitter;
import io.gvc.codec.rate.QualityFloor;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Independent periods ({@link RandomAccess}): the intra picture a period ends on is coded by a
 * rule of its frame alone, so a period coded from its first GOP, with what {@link
 * KeyframeChainCoder#periodStart} codes for it, gives the stream's packets byte for byte (what lets
 * the live encoder code one camera's periods on many slots), and the stream, an ordinary chain,
 * decodes to the encoder's reconstruction.
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
    void everyPeriodButTheFirstStartsFromItsOwnCoding() {
        RandomAccess chain = new RandomAccess(4, false);
        RandomAccess independent = new RandomAccess(4, true);
        for (long seq = 0; seq < 12; seq++) {
            assertEquals(seq % 4 == 3, chain.endsOnIntra(seq), "GOP " + seq);
            assertEquals(seq % 4 == 3, independent.endsOnIntra(seq), "GOP " + seq);
            assertFalse(chain.startsFromItsOwnCoding(seq), "chain through the stream, GOP " + seq);
            assertEquals(seq > 0 && seq % 4 == 0, independent.startsFromItsOwnCoding(seq), "GOP " + seq);
            assertEquals(seq / 4 * 4, independent.periodStart(seq));
        }
    }

    @Test
    void aPeriodCodedFromItsFirstGopGivesTheStreamsPackets() {
        CodecParams p = independent();
        StreamEncoder.Result whole = StreamEncoder.encode(video, p, prior, Progress.NONE);
        GopPartition part = new GopPartition(p.variant(), p.gopFrames(), video.frameCount());
        for (long start = PERIOD; start < GOPS; start += PERIOD) {
            try (GopEncoder alone = new GopEncoder(p, video.format(), prior)) {
                KeyframeChainCoder chain = new KeyframeChainCoder(p, video.format(), prior);
                Frame shared = null;
                int quality = QualityFloor.NONE;
                for (long k = start; k < Math.min(start + PERIOD, GOPS); k++) { // nothing before the period given
                    int first = (int) part.firstFrame(k);
                    Gop gop = new Gop(k, first, video.frames().subList(first, first + part.frames(k)));
                    if (k == start) {
                        KeyframeChainCoder.PeriodStart s = chain.periodStart(gop).orElseThrow();
                        shared = s.sharedFirst();
                        quality = s.previousQuality();
                        assertTrue(whole.gops().get((int) k - 1).last().samePixels(shared),
                                "GOP " + k + " starts from the frame GOP " + (k - 1) + " ended on");
                        assertEquals(whole.gops().get((int) k - 1).chainQuality(), quality);
                    }
                    EncodedGop e = alone.encode(gop, shared, quality);
                    assertArrayEquals(PacketCodec.write(whole.gops().get((int) k).packet()), PacketCodec.write(e.packet()),
                            "GOP " + k);
                    shared = e.last();
                    quality = e.chainQuality();
                }
            }
        }
        for (int threads : new int[] {1, 2}) {
            Video decoded;
            try {
                decoded = StreamDecoder.decode(whole.file(), prior, threads, Progress.NONE);
            } catch (io.gvc.codec.bitstream.BitstreamException e) {
                throw new AssertionError(e);
            }
            assertEquals(video.frameCount(), decoded.frameCount());
            for (int i = 0; i < decoded.frameCount(); i++) {
                assertTrue(whole.reconstruction().frames().get(i).samePixels(decoded.frames().get(i)),
                        "frame " + i + " at " + threads + " threads");
            }
        }
    }

    /**
     * A still scene, where prediction always pays: a period's last picture is intra either way, by
     * the rule where periods are independent (never boosted), else boosted by what follows it.
     */
    @Test
    void aPeriodsLastPictureIsItsRulesWhereThePeriodsAreIndependent() {
        Video still = KeyframeChainTest.still();
        int[] quality = new int[2];
        for (boolean independent : new boolean[] {false, true}) {
            CodecParams p = QualityFloorTest.budgeted().withIntraPeriod(PERIOD).withIndependentPeriods(independent);
            KeyframeChainCoder coder = new KeyframeChainCoder(p, still.format(), prior);
            KeyframedGop gop0 = coder.code(new Gop(0, 0, still.frames().subList(0, GOP)), null, QualityFloor.NONE);
            Gop g1 = new Gop(1, GOP - 1, still.frames().subList(GOP - 1, 2 * GOP - 1));
            KeyframedGop gop1 = coder.code(g1, gop0.nextSharedFirst(), gop0.chainQuality());
            BoundaryPicture last = gop1.boundaries().get(gop1.boundaries().size() - 1);
            assertFalse(last.predicted(), "independent periods: " + independent);
            quality[independent ? 1 : 0] = last.quality();
            if (independent) {
                BoundaryPicture rule = new RandomAccessPicture(QualityFloorTest.DCT, p).code(g1, GOP - 1, 1,
                        new IntraMemo());
                assertEquals(rule.quality(), last.quality());
                assertArrayEquals(rule.data(), last.data());
                assertEquals(last.quality(), gop1.chainQuality(), "the next GOP's floor starts from the picture");
            }
        }
        assertNotEquals(quality[0], quality[1], "the chain's own picture is boosted");
    }
}
