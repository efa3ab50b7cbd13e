package io.gvc.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gvc.codec.bitstream.BoundaryPicture;
import io.gvc.codec.frame.Frame;
import io.gvc.codec.frame.Gop;
import io.gvc.codec.intra.DctIntraCodec;
import io.gvc.codec.rate.QualitySearch;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The rate-controlled keyframes of a GOP: one quality for all, then the last keyframe raised with
 * what that left of the budget (codec v6), never past it.
 */
class LastKeyframeRaiseTest {

    private static final int[] CUT = {2, 4, 6, 8};

    private static Gop gop() {
        List<Frame> frames = KeyframeChainTest.swinging().frames().subList(0, KeyframeChainTest.GOP);
        return new Gop(0, 0, frames);
    }

    @Test
    void theLastKeyframeTakesWhatTheGopsQualityLeavesAndNoMore() {
        Gop gop = gop();
        DctIntraCodec dct = new DctIntraCodec();
        BoundaryCoder coder = new BoundaryCoder(dct, null, new RandomAccess(8, false));
        int raised = 0, budgets = 0;
        for (long budget = 4_000; budget <= 120_000; budget += 2_000) {
            CodedKeyframes c = coder.codeWithin(gop, null, true, CUT, new int[0], budget, new IntraMemo(), 0, QualitySearch.LOWEST);
            if (!c.fitsBudget()) {
                continue;
            }
            budgets++;
            List<BoundaryPicture> pictures = c.pictures();
            assertTrue(c.bits() <= budget, c.bits() + " bits over a budget of " + budget);
            int gopQuality = pictures.get(0).quality();
            for (BoundaryPicture b : pictures.subList(0, pictures.size() - 1)) {
                assertEquals(gopQuality, b.quality(), "budget " + budget + ": every keyframe but the last at one quality");
            }
            BoundaryPicture last = pictures.get(pictures.size() - 1);
            assertTrue(last.quality() >= gopQuality, "budget " + budget + ": the last keyframe is never lowered");
            if (last.quality() > gopQuality) {
                raised++;
            }
            // as far as it fits: one level more would not (the same picture, the same reference)
            if (last.quality() < 100) {
                Frame before = c.keyframes().picture(c.keyframes().count() - 2);
                byte[] higher = last.predicted() ? dct.encodePredicted(before, gop.frame(last.position()), last.quality() + 1)
                        : dct.encode(gop.frame(last.position()), last.quality() + 1);
                assertTrue(c.bits() - 8L * last.data().length + 8L * higher.length > budget,
                        "budget " + budget + ": quality " + (last.quality() + 1) + " would still have fitted");
            }
        }
        assertTrue(budgets > 10, budgets + " budgets that fit");
        // gvc-dct has a level per quality, so the leftover is often less than one step of the last picture
        assertTrue(raised > 0, "the last keyframe was raised at " + raised + " of " + budgets + " budgets");
    }

    @Test
    void aGopWithOneCodedPictureIsCodedAsHighAsFits() {
        Gop gop = gop();
        BoundaryCoder coder = new BoundaryCoder(new DctIntraCodec(), null, new RandomAccess(8, false));
        Frame shared = gop.frame(0);
        for (long budget = 2_000; budget <= 40_000; budget += 4_000) {
            CodedKeyframes c = coder.codeWithin(gop, shared, false, new int[] {KeyframeChainTest.GOP - 1}, new int[0], budget,
                    new IntraMemo(), 0, QualitySearch.LOWEST);
            assertEquals(1, c.pictures().size());
            if (!c.fitsBudget()) {
                continue;
            }
            BoundaryPicture only = c.pictures().get(0);
            assertTrue(c.bits() <= budget, "budget " + budget);
            if (only.quality() < 100) {
                DctIntraCodec dct = new DctIntraCodec();
                byte[] higher = only.predicted() ? dct.encodePredicted(shared, gop.frame(only.position()), only.quality() + 1)
                        : dct.encode(gop.frame(only.position()), only.quality() + 1);
                assertTrue(8L * higher.length > budget, "budget " + budget
                        + ": quality " + (only.quality() + 1) + " would still have fitted");
            }
        }
    }
}
