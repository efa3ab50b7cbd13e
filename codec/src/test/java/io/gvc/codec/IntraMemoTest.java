package io.gvc.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.gvc.codec.frame.Frame;
import io.gvc.codec.frame.Gop;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A predicted picture is coded once per position, quality and reference content: a reference
 * decoded again (another object, the same pixels) finds it, another reference or quality does not.
 */
class IntraMemoTest {

    @Test
    void aPredictedPictureIsCodedOncePerReferenceContentPositionAndQuality() {
        Counting codec = new Counting();
        List<Frame> frames = SyntheticVideo.clip(KeyframeChainTest.W, KeyframeChainTest.H, 4, 1).frames();
        Gop gop = new Gop(0, 0, frames);
        Frame reference = frames.get(0);
        Frame sameContent = new Frame(reference.width(), reference.height(), reference.y().clone(),
                reference.u().clone(), reference.v().clone());
        IntraMemo memo = new IntraMemo();

        byte[] first = memo.encodePredicted(codec, gop, reference, 3, 40);
        byte[] again = memo.encodePredicted(codec, gop, sameContent, 3, 40);
        assertSame(first, again, "the same reference pixels: the remembered picture");
        assertEquals(1, codec.predictedCodings);

        assertArrayEquals(codec.dct.encodePredicted(reference, frames.get(3), 40), first, "what the codec codes");
        memo.encodePredicted(codec, gop, frames.get(1), 3, 40);
        memo.encodePredicted(codec, gop, reference, 3, 41);
        memo.encodePredicted(codec, gop, reference, 2, 40);
        assertEquals(4, codec.predictedCodings, "another reference, quality or position is coded");
    }

    /** The engine's DCT codec, counting its predicted codings. */
    private static final class Counting extends DctPredictiveCodec {
        int predictedCodings;

        @Override
        public byte[] encodePredicted(Frame reference, Frame frame, int quality) {
            predictedCodings++;
            return super.encodePredicted(reference, frame, quality);
        }
    }
}
