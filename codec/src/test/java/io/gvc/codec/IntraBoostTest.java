package io.gvc.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gvc.codec.bitstream.BoundaryPicture;
import io.gvc.codec.frame.Frame;
import io.gvc.codec.frame.Gop;
import io.gvc.codec.intra.DctIntraCodec;
import io.gvc.codec.prng.Philox4x32;
import io.gvc.codec.rate.IntraBoost;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A picture that is intra by rule is coded finer than the rest of its GOP by as much as the
 * pictures after it reuse it ({@link IntraBoost}), and its budget grows by what that costs.
 */
class IntraBoostTest {

    private static final int[] CUT = {2, 4, 6, 8};

    @Test
    void theBoostFollowsTheShareOfThePictureReused() {
        assertEquals(IntraBoost.MAX_LEVELS, IntraBoost.levels(0, 1000), "nothing left to code: the full boost");
        assertEquals(Math.round(IntraBoost.MAX_LEVELS * 0.75), IntraBoost.levels(250, 1000));
        assertEquals(0, IntraBoost.levels(970, 1000), "a moving camera reuses nearly nothing");
        assertEquals(0, IntraBoost.levels(1500, 1000), "prediction worse than intra: no boost, never a negative one");
        assertEquals(0, IntraBoost.levels(10, 0), "no intra measure: no boost");
    }

    @Test
    void aStillScenesFirstPictureIsCodedFinerThanTheKeyframesThatReuseIt() {
        DctIntraCodec dct = new DctIntraCodec();
        CodedKeyframes c = new BoundaryCoder(dct, null, new RandomAccess(8, false)).code(gop(KeyframeChainTest.still().frames()), null, true,
                CUT, 6_000, new IntraMemo());
        assertEquals(IntraBoost.MAX_LEVELS, c.intraBoost(), "a still scene predicts its last frame in next to nothing");
        List<BoundaryPicture> p = c.pictures();
        int gopQuality = p.get(1).quality();
        for (BoundaryPicture b : p.subList(1, p.size() - 1)) {
            assertEquals(gopQuality, b.quality(), "the predicted keyframes share one quality");
        }
        assertEquals(dct.finer(gopQuality, c.intraBoost()), p.get(0).quality(), "the intra picture, boosted");
        assertTrue(p.get(0).quality() > gopQuality);
    }

    @Test
    void picturesWithNothingInCommonAreCodedAtOneQuality() {
        CodedKeyframes c = new BoundaryCoder(new DctIntraCodec(), null, new RandomAccess(8, false)).code(gop(unrelated()), null, true, CUT,
                6_000, new IntraMemo());
        assertEquals(0, c.intraBoost(), "noise predicts no better than intra");
        List<BoundaryPicture> p = c.pictures();
        for (BoundaryPicture b : p.subList(0, p.size() - 1)) {
            assertEquals(p.get(0).quality(), b.quality(), "every keyframe but the raised last at one quality");
        }
    }

    private static Gop gop(List<Frame> frames) {
        return new Gop(0, 0, frames.subList(0, KeyframeChainTest.GOP));
    }

    /** Every frame independent noise from the project's PRNG: nothing of one is in the next. */
    private static List<Frame> unrelated() {
        Frame shape = KeyframeChainTest.still().frames().get(0);
        int w = shape.width(), h = shape.height();
        Philox4x32 prng = Philox4x32.forSeed(0x1B00L);
        int[] r = new int[4];
        List<Frame> frames = new ArrayList<>();
        for (int t = 0; t < KeyframeChainTest.GOP; t++) {
            byte[] y = new byte[w * h];
            for (int i = 0; i < y.length; i += 4) {
                prng.block(i, t, 0, 0, r);
                for (int k = 0; k < 4 && i + k < y.length; k++) {
                    y[i + k] = (byte) r[k];
                }
            }
            frames.add(new Frame(w, h, y, shape.u(), shape.v()));
        }
        return frames;
    }
}
