package io.gvc.boundary;

import static io.gvc.media.MediaTestSupport.sharedFrames;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gvc.codec.bitstream.BitstreamException;
import io.gvc.codec.frame.Frame;
import java.io.IOException;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Intra payloads without their parameter sets (bitstream version 12, {@link ParameterSets}): the
 * payload leaves out the sets every picture of its size has, a decoder that never encoded puts them
 * back, and a payload that keeps its own sets (as version 10 wrote every one) still decodes.
 */
class ParameterSetsTest {

    private static Frame first, later;

    @BeforeAll
    static void read() throws IOException {
        Frame[] f = sharedFrames("carphone_pristine.mp4", 0, 19);
        first = f[0];
        later = f[1];
    }

    @Test
    void x265IntraPayloadsLeaveOutTheSetsAndAFreshDecoderPutsThemBack() throws BitstreamException {
        X265IntraCodec encoder = new X265IntraCodec(), decoder = new X265IntraCodec();
        for (Frame f : new Frame[] {first, later}) {
            for (int quality : new int[] {1, 40, 90}) {
                byte[] payload = encoder.encode(f, quality);
                assertTrue((payload[0] & 0x80) != 0, "quality " + quality + ": the sets left out");
                Frame picture = decoder.decode(payload, f.width(), f.height());
                // the same picture from the payload with the sets in it, as version 10 sent it
                byte[] ownSets = withOwnSets(encoder, payload, f);
                assertTrue(X26x.X265.isParameterSet(ownSets[0] & 0xFF));
                assertTrue(picture.samePixels(decoder.decode(ownSets, f.width(), f.height())),
                        "quality " + quality + ": with and without the sets, one picture");
                assertEquals(ownSets.length - encoder.parameterSetsFor(f.width(), f.height()).length
                        + ParameterSets.CHECK_BYTES, payload.length, "the sets left out, their check in");
            }
        }
        assertTrue(encoder.parameterSetsFor(176, 144).length > 50, "x265's sets are worth leaving out");
    }

    /** The payload's pictures behind the sets it left out, without the first start code. */
    private static byte[] withOwnSets(FfmpegIntraCodec codec, byte[] payload, Frame f) {
        byte[] sets = codec.parameterSetsFor(f.width(), f.height());
        int slices = payload.length - ParameterSets.CHECK_BYTES;
        byte[] full = new byte[sets.length + 3 + slices];
        System.arraycopy(sets, 0, full, 0, sets.length);
        full[sets.length + 2] = 1;
        System.arraycopy(payload, ParameterSets.CHECK_BYTES, full, sets.length + 3, slices);
        return Arrays.copyOfRange(full, 3, full.length);
    }

    /** Other sets than the payload's (another size here; another build alike): refused by name. */
    @Test
    void aPayloadReadWithOtherSetsIsRefusedByName() {
        X265IntraCodec codec = new X265IntraCodec();
        byte[] payload = codec.encode(first, 50);
        BitstreamException e = assertThrows(BitstreamException.class, () -> codec.decode(payload, 352, 288));
        assertTrue(e.getMessage().contains("other parameter sets than this decoder's for 352x288"), e.getMessage());
        byte[] damaged = payload.clone();
        damaged[1] ^= 1;
        e = assertThrows(BitstreamException.class, () -> codec.decode(damaged, 176, 144));
        assertTrue(e.getMessage().contains("other parameter sets"), e.getMessage());
        assertThrows(BitstreamException.class, () -> codec.decode(Arrays.copyOf(payload, 2), 176, 144));
    }

    /**
     * Damage anywhere in a payload without its sets (a bit flipped in each of its bytes in turn, or
     * the payload cut short) decodes to some picture or is refused as a bitstream error; nothing
     * else escapes (an FFmpeg error, an index out of bounds).
     */
    @Test
    void damagedPayloadsAreDecodedOrRefusedAsBitstreamErrors() {
        X265IntraCodec codec = new X265IntraCodec();
        byte[] payload = codec.encode(first, 30);
        int refused = 0;
        for (int i = 0; i < payload.length + 8; i++) {
            byte[] damaged = i < payload.length ? payload.clone() : Arrays.copyOf(payload, (i - payload.length) * 3);
            if (i < payload.length) {
                damaged[i] ^= (byte) (1 << (i % 8));
            }
            if (damaged.length == 0) {
                continue; // refused as empty, IntraCodecTest
            }
            try {
                codec.decode(damaged, 176, 144);
            } catch (BitstreamException e) {
                refused++;
            }
        }
        assertTrue(refused >= 2, "the check's bits are each refused: " + refused);
    }

    /** x264's sets carry the QP, so its payloads keep them, and decode as before. */
    @Test
    void x264PayloadsThatKeepTheirSetsDecode() throws BitstreamException {
        X264IntraCodec codec = new X264IntraCodec();
        for (int quality : new int[] {1, 40, 90}) {
            byte[] payload = codec.encode(first, quality);
            Frame picture = new X264IntraCodec().decode(payload, 176, 144);
            assertEquals(176, picture.width());
            // qualities 1, 40, 90 are nominal QP 54, 33, 10: none the canonical picture's 28, so each keeps its sets
            assertTrue(X26x.X264.isParameterSet(payload[0] & 0xFF), "quality " + quality + " keeps its sets");
        }
    }
}
