package io.gvc.boundary;

import static io.gvc.media.MediaTestSupport.psnrY;
import static io.gvc.media.MediaTestSupport.sharedFrames;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gvc.codec.bitstream.BitstreamException;
import io.gvc.codec.frame.Frame;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * x265's between pictures (bitstream version 10): the B picture of an I-B-P sequence whose I and P
 * pictures are references both sides hold. In the media module's tests for the clip
 * {@link io.gvc.media.VideoReader} reads.
 */
class BetweenPictureX265Test {

    private static Frame past, middle, future;

    @BeforeAll
    static void read() throws IOException {
        Frame[] f = sharedFrames("carphone_pristine.mp4", 0, 4, 8);
        past = f[0];
        middle = f[1];
        future = f[2];
    }

    @Test
    void aBetweenPictureDecodesAsItsEncoderSeesItAndCostsLessThanAPredictedOne() throws BitstreamException {
        X265IntraCodec x265 = new X265IntraCodec();
        byte[] data = x265.encodeBetween(past, future, middle, 40);
        assertArrayEquals(data, new X265IntraCodec().encodeBetween(past, future, middle, 40), "encoding repeats");
        Frame encoderSide = x265.decodeBetween(data, past, future, 40, 176, 144);
        Frame decoderSide = new X265IntraCodec().decodeBetween(data, past, future, 40, 176, 144);
        assertTrue(encoderSide.samePixels(decoderSide), "a decoder that never encoded sees the encoder's picture");
        byte[] predicted = x265.encodePredicted(past, middle, 40);
        double betweenPsnr = psnrY(middle, encoderSide);
        double predictedPsnr = psnrY(middle, x265.decodePredicted(predicted, past, 40, 176, 144));
        assertTrue(data.length < predicted.length, data.length + " bytes between vs " + predicted.length + " predicted");
        assertTrue(betweenPsnr > predictedPsnr - 0.5, betweenPsnr + " dB between vs " + predictedPsnr + " dB predicted");
    }

    /**
     * The decoder codes the I and P pictures with a stand-in for the frame between; they must be
     * the ones the encoder coded with the real frame (x265 codes them first, at a constant QP), or
     * the B picture would predict from pictures the decoder does not have. (Were they not, encoder
     * and decoder would still agree, since the encoder decodes its payload as a decoder does; the
     * picture would only be worse.)
     */
    @Test
    void theReferencesDoNotDependOnTheFrameBetween() {
        X265IntraCodec x265 = new X265IntraCodec();
        for (int qp : new int[] {20, 35, 51}) {
            List<byte[]> real = x265.codeBetweenSession(past, future, middle, qp);
            List<byte[]> standIn = x265.codeBetweenSession(past, future, past, qp);
            assertArrayEquals(real.get(0), standIn.get(0), "QP " + qp + ": the I picture");
            assertArrayEquals(real.get(1), standIn.get(1), "QP " + qp + ": the P picture");
        }
    }

    @Test
    void otherReferencesAreRefusedByName() {
        byte[] data = new X265IntraCodec().encodeBetween(past, future, middle, 40);
        BitstreamException e = assertThrows(BitstreamException.class,
                () -> new X265IntraCodec().decodeBetween(data, past, middle, 40, 176, 144));
        assertTrue(e.getMessage().contains("reference pictures code differently"), e.getMessage());
        assertThrows(BitstreamException.class, () -> new X265IntraCodec().decodeBetween(new byte[2], past, future, 40, 176, 144));
    }
}
