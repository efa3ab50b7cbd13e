package io.gvc.codec;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gvc.codec.bitstream.BitstreamException;
import io.gvc.codec.bitstream.BoundaryPicture;
import io.gvc.codec.frame.Frame;
import io.gvc.codec.frame.Gop;
import io.gvc.codec.rate.QualitySearch;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Intra against prediction is decided by size at the quality a keyframe is coded at: a picture
 * whose prediction costs more than intra at the middle of the scale but less at the quality the
 * budget allows is predicted (carphone at 0.004 bpp once coded a GOP's last frame intra at the
 * coarsest quality because prediction lost at quality 50).
 */
class ModeDecisionTest {

    /** Qualities from here up code a predicted picture with this much dead weight. */
    private static final int DEAR_FROM = 30;
    private static final int DEAD_WEIGHT = 20_000;

    @Test
    void aPictureThatPredictsCheaplyAtTheCodedQualityIsPredicted() {
        DearPrediction codec = new DearPrediction();
        Gop gop = new Gop(1, 8, KeyframeChainTest.still().frames().subList(0, KeyframeChainTest.GOP));
        Frame shared = gop.frame(0);
        int last = gop.size() - 1;
        // the budget of an intra picture at a coarse quality: prediction pays there, intra at 50 is far dearer
        long budget = 8L * codec.encode(gop.frame(last), 10).length;
        assertTrue(codec.encodePredicted(shared, gop.frame(last), 50).length > codec.encode(gop.frame(last), 50).length,
                "the test codec: prediction dearer than intra at the middle of the scale");

        CodedKeyframes c = new BoundaryCoder(codec, null, new RandomAccess(1_000, false)).codeWithin(gop, shared, false, new int[] {last},
                new int[0], budget, new IntraMemo(), 0, QualitySearch.LOWEST);

        List<BoundaryPicture> pictures = c.pictures();
        BoundaryPicture coded = pictures.get(pictures.size() - 1);
        assertTrue(coded.predicted(), "predicted at the quality coded, where it is the smaller: " + coded);
        assertTrue(coded.quality() < DEAR_FROM, "coded below the qualities where prediction is dear: " + coded);
        assertTrue(c.fitsBudget());
    }

    @Test
    void whereIntraIsSmallerAtTheCodedQualityItStaysIntra() {
        DearPrediction codec = new DearPrediction();
        Gop gop = new Gop(1, 8, KeyframeChainTest.still().frames().subList(0, KeyframeChainTest.GOP));
        int last = gop.size() - 1;
        long budget = 8L * codec.encode(gop.frame(last), 90).length; // a budget that reaches the dear qualities

        CodedKeyframes c = new BoundaryCoder(codec, null, new RandomAccess(1_000, false)).codeWithin(gop, gop.frame(0), false, new int[] {last},
                new int[0], budget, new IntraMemo(), 0, QualitySearch.LOWEST);

        BoundaryPicture coded = c.pictures().get(c.pictures().size() - 1);
        assertFalse(coded.predicted(), "intra where prediction carries its dead weight: " + coded);
    }

    /** The engine's DCT codec, with prediction made dear at fine qualities (a prefix says how much to skip). */
    private static final class DearPrediction extends DctPredictiveCodec {

        @Override
        public byte[] encodePredicted(Frame reference, Frame frame, int quality) {
            byte[] picture = super.encodePredicted(reference, frame, quality);
            int weight = quality >= DEAR_FROM ? DEAD_WEIGHT : 0;
            byte[] out = new byte[4 + weight + picture.length];
            out[0] = (byte) (weight >>> 24);
            out[1] = (byte) (weight >>> 16);
            out[2] = (byte) (weight >>> 8);
            out[3] = (byte) weight;
            System.arraycopy(picture, 0, out, 4 + weight, picture.length);
            return out;
        }

        @Override
        public Frame decodePredicted(byte[] data, Frame reference, int quality, int width, int height)
                throws BitstreamException {
            int weight = ((data[0] & 0xFF) << 24) | ((data[1] & 0xFF) << 16) | ((data[2] & 0xFF) << 8) | (data[3] & 0xFF);
            return super.decodePredicted(Arrays.copyOfRange(data, 4 + weight, data.length), reference, quality, width,
                    height);
        }
    }
}
