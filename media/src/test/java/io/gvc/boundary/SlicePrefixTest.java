package io.gvc.boundary;

import static io.gvc.media.MediaTestSupport.corner;
import static io.gvc.media.MediaTestSupport.sharedFrames;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gvc.codec.bitstream.BitstreamException;
import io.gvc.codec.frame.Frame;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/**
 * x265's pictures open with the bytes {@link SlicePrefix} says at every size, quality and content
 * this format codes (version 15), so every payload leaves them out; a payload that keeps them (as
 * version 14 wrote every one, flag clear) decodes to the same picture.
 */
class SlicePrefixTest {

    @Test
    void everyPictureKindLeavesOutItsPrefixAndDecodesAsWithIt() throws IOException, BitstreamException {
        Frame[] carphone = sharedFrames("carphone_pristine.mp4", 0, 4, 8);
        Frame[] foreman = sharedFrames("foreman_cif.y4m", 0, 2, 4);
        Frame[][] clips = {carphone, foreman,
                {corner(foreman[0], 130, 98), corner(foreman[1], 130, 98), corner(foreman[2], 130, 98)}};
        X265IntraCodec encoder = new X265IntraCodec(), decoder = new X265IntraCodec();
        for (Frame[] f : clips) {
            int w = f[0].width(), h = f[0].height();
            for (int quality : new int[] {1, 50, 90}) {
                String at = w + "x" + h + " quality " + quality;
                byte[] intra = encoder.encode(f[0], quality);
                assertEquals(0xC0, intra[0] & 0xC0, at + ": intra, sets and prefix left out");
                assertTrue(decoder.decode(intra, w, h).samePixels(
                        decoder.decode(keepingIntra(intra), w, h)), at);

                byte[] predicted = encoder.encodePredicted(f[0], f[2], quality);
                assertEquals(0x80, predicted[0] & 0x80, at + ": predicted, prefix left out");
                byte[] longPredicted = keeping(predicted, SlicePrefix.X265_PREDICTED);
                assertEquals(predicted.length + 5, longPredicted.length);
                assertTrue(decoder.decodePredicted(predicted, f[0], quality, w, h).samePixels(
                        decoder.decodePredicted(longPredicted, f[0], quality, w, h)), at);

                byte[] between = encoder.encodeBetween(f[0], f[2], f[1], quality);
                assertEquals(0x80, between[0] & 0x80, at + ": between, prefix left out");
                assertTrue(decoder.decodeBetween(between, f[0], f[2], quality, w, h).samePixels(
                        decoder.decodeBetween(keeping(between, SlicePrefix.X265_BETWEEN), f[0], f[2], quality, w, h)), at);
            }
        }
    }

    /** A predicted or between payload with its prefix in it and the flag clear. */
    private static byte[] keeping(byte[] data, SlicePrefix prefix) {
        byte[] units = prefix.restore(data, ReferencedPayload.HEADER);
        byte[] out = new byte[ReferencedPayload.HEADER + units.length];
        out[0] = (byte) (data[0] & 0x7F);
        out[1] = data[1];
        System.arraycopy(units, 0, out, ReferencedPayload.HEADER, units.length);
        return out;
    }

    /** An intra payload with its prefix in it and bit 14 clear. */
    private static byte[] keepingIntra(byte[] data) {
        byte[] units = SlicePrefix.X265_INTRA.restore(data, ParameterSets.CHECK_BYTES);
        byte[] out = new byte[ParameterSets.CHECK_BYTES + units.length];
        out[0] = (byte) (data[0] & ~0x40);
        out[1] = data[1];
        System.arraycopy(units, 0, out, ParameterSets.CHECK_BYTES, units.length);
        return out;
    }
}
