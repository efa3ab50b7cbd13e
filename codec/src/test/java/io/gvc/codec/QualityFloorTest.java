package io.gvc.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gvc.codec.bitstream.BoundaryPicture;
import io.gvc.codec.frame.Frame;
import io.gvc.codec.frame.Gop;
import io.gvc.codec.frame.Video;
import io.gvc.codec.intra.DctIntraCodec;
import io.gvc.codec.intra.IntraCodec;
import io.gvc.codec.intra.IntraCodecs;
import io.gvc.codec.prior.GaussianDctPrior;
import io.gvc.codec.prior.SpectrumFitter;
import io.gvc.codec.rate.QualityFloor;
import io.gvc.codec.variant.Variant;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The quality floor ({@link QualityFloor}): a rate-controlled GOP that continues a chain codes its
 * uncut chain no more than {@link QualityFloor#LEVELS} below the GOP before it, over its budget if
 * need be, and exactly as without a floor where its budget already holds it there.
 */
class QualityFloorTest {

    static final int W = KeyframeChainTest.W, H = KeyframeChainTest.H, GOP = KeyframeChainTest.GOP;
    static GaussianDctPrior prior;
    static final IntraCodec DCT = IntraCodecs.byId(DctIntraCodec.ID);

    @BeforeAll
    static void setUp() {
        SpectrumFitter fitter = new SpectrumFitter(GOP, 1);
        fitter.add("synthetic", SyntheticVideo.clip(W, H, KeyframeChainTest.FRAMES, 1));
        prior = new GaussianDctPrior(fitter.fit());
    }

    /** Rate-controlled, uncut GOPs (so the packet's last picture is the uncut chain's), a low target. */
    static CodecParams budgeted() {
        return CodecParams.builder().variant(Variant.FLF2V).gopFrames(GOP).codebookSize(256).m(4).steps(8).seed(0x51L)
                .intraCodec(DctIntraCodec.ID).targetBpp(0.1).boundaryShare(0.8).threads(1).intraPeriod(8)
                .maxSegments(1).build();
    }

    private static byte[] bytes(KeyframedGop k) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (BoundaryPicture b : k.boundaries()) {
            out.writeBytes(b.data());
        }
        return out.toByteArray();
    }

    private static BoundaryPicture last(KeyframedGop k) {
        return k.boundaries().get(k.boundaries().size() - 1);
    }

    @Test
    void aChainedGopFallsNoFurtherThanTheFloorAndIsLeftAsItIsAboveIt() {
        Video v = SyntheticVideo.clip(W, H, KeyframeChainTest.FRAMES, 1);
        KeyframeChainCoder coder = new KeyframeChainCoder(budgeted(), v.format(), prior);
        Gop first = new Gop(0, 0, v.frames().subList(0, GOP));
        KeyframedGop gop0 = coder.code(first, null, QualityFloor.NONE);
        Frame shared = gop0.nextSharedFirst();
        Gop second = new Gop(1, GOP - 1, v.frames().subList(GOP - 1, 2 * GOP - 1));

        KeyframedGop free = coder.code(second, shared, QualityFloor.NONE);
        int q = free.chainQuality();
        assertEquals(last(free).quality(), q, "an uncut predicted chain's quality is its last picture's");
        assertTrue(q > 0 && q < 70, "the budget codes GOP 1 at " + q);

        // after a GOP 20 qualities finer, the chain is held at the floor, over its budget
        KeyframedGop held = coder.code(second, shared, q + 20);
        assertEquals(QualityFloor.floor(DCT, q + 20), held.chainQuality());
        assertEquals(q + 20 - QualityFloor.LEVELS, last(held).quality(), "gvc-dct: one level a quality");
        assertTrue(bytes(held).length > bytes(free).length, bytes(held).length + " vs " + bytes(free).length + " bytes");

        // after a GOP no finer than the floor allows, nothing changes
        KeyframedGop same = coder.code(second, shared, q + QualityFloor.LEVELS);
        assertArrayEquals(bytes(free), bytes(same));
        assertEquals(q, same.chainQuality());

        // a GOP that starts a chain has no predecessor to hold it
        assertArrayEquals(bytes(gop0), bytes(coder.code(first, null, 100)));
    }

    @Test
    void aFixedOrHeldQualityCarriesNone() {
        Video v = SyntheticVideo.clip(W, H, KeyframeChainTest.FRAMES, 1);
        Gop first = new Gop(0, 0, v.frames().subList(0, GOP));
        for (CodecParams p : List.of(KeyframeChainTest.params(8), budgeted().withTargetQuality(40))) {
            KeyframedGop k = new KeyframeChainCoder(p, v.format(), prior).code(first, null, QualityFloor.NONE);
            assertEquals(QualityFloor.NONE, k.chainQuality());
        }
    }

    /**
     * The file encoder hands each GOP's chain quality to the next: every GOP's chain is what its
     * budget gives, or the floor where that is lower (here the budget alone would let GOPs 1 and 2 fall
     * further, after GOP 0's intra allowance).
     */
    @Test
    void theFileEncoderCarriesEachGopsQualityToTheNext() {
        Video v = SyntheticVideo.clip(W, H, KeyframeChainTest.FRAMES, 1);
        StreamEncoder.Result r = StreamEncoder.encode(v, budgeted(), prior, io.gvc.codec.Progress.NONE);
        KeyframeChainCoder coder = new KeyframeChainCoder(budgeted(), v.format(), prior);
        int held = 0;
        for (int k = 1; k < r.gops().size(); k++) {
            int first = k * (GOP - 1), frames = Math.min(GOP, v.frameCount() - first);
            Gop gop = new Gop(k, first, v.frames().subList(first, first + frames));
            int before = r.gops().get(k - 1).chainQuality();
            int floor = QualityFloor.floor(DCT, before);
            int free = coder.code(gop, r.gops().get(k - 1).last(), QualityFloor.NONE).chainQuality();
            assertEquals(free < floor ? floor : free, r.gops().get(k).chainQuality(), "GOP " + k + " after " + before);
            held += free < floor ? 1 : 0;
        }
        assertTrue(held > 0, "no GOP of the clip was held by the floor");
    }

    /**
     * A random-access GOP ends on an intra picture coded finer than its chain by as much as the
     * pictures after it reuse it ({@link io.gvc.codec.rate.IntraBoost}); the next GOP's floor
     * starts from the chain's quality, not from that boost (a still scene: the boost is above 0).
     */
    @Test
    void aRandomAccessGopCarriesItsChainsQualityNotItsIntraPicturesBoost() {
        Video v = KeyframeChainTest.still();
        CodecParams p = budgeted().withIntraPeriod(2); // GOP 1 ends on a random-access point
        KeyframeChainCoder coder = new KeyframeChainCoder(p, v.format(), prior);
        KeyframedGop gop0 = coder.code(new Gop(0, 0, v.frames().subList(0, GOP)), null, QualityFloor.NONE);
        KeyframedGop gop1 = coder.code(new Gop(1, GOP - 1, v.frames().subList(GOP - 1, 2 * GOP - 1)),
                gop0.nextSharedFirst(), QualityFloor.NONE);
        BoundaryPicture last = last(gop1);
        assertTrue(!last.predicted(), "GOP 1's last picture is intra by rule");
        int boost = last.quality() - gop1.chainQuality(); // gvc-dct: one level a quality
        assertTrue(boost > 0 && boost <= io.gvc.codec.rate.IntraBoost.MAX_LEVELS,
                "intra picture at " + last.quality() + ", chain quality " + gop1.chainQuality());
    }
}
