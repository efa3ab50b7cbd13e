package io.gvc.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gvc.codec.bitstream.BitstreamException;
import io.gvc.codec.bitstream.BoundaryPicture;
import io.gvc.codec.frame.Frame;
import io.gvc.codec.frame.Gop;
import io.gvc.codec.intra.BidirectionalCodec;
import io.gvc.codec.rate.QualitySearch;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A plan that cuts a GOP, and its between pictures, are never coded below the codec's {@link
 * io.gvc.codec.intra.IntraCodec#coarsestCutQuality} (codec v21); the GOP's uncut chain may go to
 * the scale's lowest. Where a cut plan fits only below it, it does not fit.
 */
class CutPlanFloorTest {

    /** The engine's DCT codec with a floor for cut plans in the middle of its scale. */
    private static final int FLOOR = 30;

    @BeforeAll
    static void setUp() {
        KeyframeChainTest.setUp();
    }

    @Test
    void aBudgetTheUncutSearchMeetsBelowTheFloorLeavesACutPlanNotFitting() {
        Gop gop = new Gop(0, 0, KeyframeChainTest.swinging().frames().subList(0, KeyframeChainTest.GOP));
        BoundaryCoder coder = new BoundaryCoder(new FlooredDct(), null, new RandomAccess(8, false));
        int[] chain = {4, KeyframeChainTest.GOP - 1};
        int checked = 0;
        for (long budget = 2_000; budget <= 200_000; budget += 2_000) {
            CodedKeyframes whole = coder.codeWithin(gop, null, true, chain, new int[0], budget, new IntraMemo(), 0,
                    QualitySearch.LOWEST);
            CodedKeyframes cut = coder.codeWithin(gop, null, true, chain, new int[0], budget, new IntraMemo(), 0, FLOOR);
            int found = whole.pictures().get(0).quality();
            if (whole.fitsBudget() && found < FLOOR) {
                assertFalse(cut.fitsBudget(), "a cut plan that fits only at quality " + found + " does not fit");
                for (BoundaryPicture p : cut.pictures()) {
                    assertEquals(FLOOR, p.quality(), "not fitting, coded at the floor: " + p);
                }
                checked++;
            } else if (whole.fitsBudget()) {
                assertTrue(cut.fitsBudget());
                assertEquals(whole.pictures().size(), cut.pictures().size());
                for (int i = 0; i < whole.pictures().size(); i++) {
                    assertEquals(whole.pictures().get(i).quality(), cut.pictures().get(i).quality());
                    assertArrayEquals(whole.pictures().get(i).data(), cut.pictures().get(i).data(),
                            "above the floor the same search and the same pictures");
                }
            }
        }
        assertTrue(checked > 0, "some budget fits the uncut search only below quality " + FLOOR);
    }

    @Test
    void betweenPicturesStayAtOrAboveTheFloor() {
        Gop gop = new Gop(0, 0, KeyframeChainTest.swinging().frames().subList(0, KeyframeChainTest.GOP));
        FlooredDct codec = new FlooredDct();
        BoundaryCoder coder = new BoundaryCoder(codec, null, new RandomAccess(8, false));
        int[] chain = {4, 8}, between = {2, 6};
        int atFloor = 0;
        for (long budget = 2_000; budget <= 40_000; budget += 1_000) {
            CodedKeyframes c = coder.codeWithin(gop, null, true, chain, between, budget, new IntraMemo(), 0, FLOOR);
            if (!c.fitsBudget()) {
                continue;
            }
            List<BoundaryPicture> p = c.pictures();
            int chainQuality = p.get(0).quality();
            assertTrue(chainQuality >= FLOOR, "the chain at " + chainQuality);
            int expected = Math.max(FLOOR, codec.coarser(chainQuality, BetweenCoder.LEVELS_COARSER));
            assertEquals(expected, p.get(1).quality(), "between picture at 2");
            assertEquals(expected, p.get(3).quality(), "between picture at 6");
            atFloor += expected == FLOOR && codec.coarser(chainQuality, BetweenCoder.LEVELS_COARSER) < FLOOR ? 1 : 0;
        }
        assertTrue(atFloor > 0, "some budget puts the chain within " + BetweenCoder.LEVELS_COARSER + " levels of the floor");
    }

    /** The engine's DCT codec, between pictures included, with {@link #FLOOR} as its coarsest cut quality. */
    private static final class FlooredDct extends DctPredictiveCodec implements BidirectionalCodec {

        @Override
        public int coarsestCutQuality() {
            return FLOOR;
        }

        @Override
        public byte[] encodeBetween(Frame past, Frame future, Frame frame, int quality) {
            return dct.encodeBetween(past, future, frame, quality);
        }

        @Override
        public Frame decodeBetween(byte[] data, Frame past, Frame future, int quality, int width, int height)
                throws BitstreamException {
            return dct.decodeBetween(data, past, future, quality, width, height);
        }
    }
}
