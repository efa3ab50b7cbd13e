package io.gvc.boundary;

import static io.gvc.media.MediaTestSupport.corner;
import static io.gvc.media.MediaTestSupport.sharedFrames;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gvc.codec.bitstream.BitstreamException;
import io.gvc.codec.frame.Frame;
import java.io.IOException;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * x265's pictures open with the bytes {@link SlicePrefix} says at every size, quality and content
 * this format codes (version 15), so every payload a packet carries leaves them out
 * ({@link FfmpegIntraCodec#compact}), and it decodes to the picture the payload as coded decodes to.
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
                byte[] packed = encoder.compact(intra, false, false);
                assertEquals(0x80, intra[0] & 0xC0, at + ": as coded, the sets left out, the prefix in");
                assertEquals(0xC0, packed[0] & 0xC0, at + ": in a packet, the prefix left out too");
                assertPrefixLeftOut(intra, packed, SlicePrefix.X265_INTRA, at);
                assertTrue(decoder.decode(intra, w, h).samePixels(decoder.decode(packed, w, h)), at);

                byte[] predicted = encoder.encodePredicted(f[0], f[2], quality);
                packed = encoder.compact(predicted, true, false);
                assertPrefixLeftOut(predicted, packed, SlicePrefix.X265_PREDICTED, at);
                assertTrue(decoder.decodePredicted(predicted, f[0], quality, w, h).samePixels(
                        decoder.decodePredicted(packed, f[0], quality, w, h)), at);

                byte[] between = encoder.encodeBetween(f[0], f[2], f[1], quality);
                packed = encoder.compact(between, true, true);
                assertPrefixLeftOut(between, packed, SlicePrefix.X265_BETWEEN, at);
                assertTrue(decoder.decodeBetween(between, f[0], f[2], quality, w, h).samePixels(
                        decoder.decodeBetween(packed, f[0], f[2], quality, w, h)), at);
                assertArrayEquals(packed, encoder.compact(packed, true, true), at + ": compacting twice changes nothing");
            }
        }
    }

    /** {@code packed} is {@code coded} without the prefix that follows its 2-byte check, flagged in the check's first byte. */
    private static void assertPrefixLeftOut(byte[] coded, byte[] packed, SlicePrefix prefix, String at) {
        assertEquals(coded.length - prefix.length(), packed.length, at + " " + prefix);
        assertTrue(prefix.opens(coded, 2), at + " " + prefix);
        assertEquals(coded[1], packed[1], at);
        assertTrue((packed[0] & ~coded[0] & 0xFF) != 0, at + ": one flag bit more");
        assertArrayEquals(Arrays.copyOfRange(coded, 2 + prefix.length(), coded.length),
                Arrays.copyOfRange(packed, 2, packed.length), at);
    }
}
