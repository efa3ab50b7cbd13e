package io.gvc.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gvc.codec.atoms.AtomChoice;
import io.gvc.codec.atoms.AtomSearch;
import io.gvc.codec.atoms.AtomSelector;
import io.gvc.codec.bitstream.BitstreamException;
import io.gvc.codec.bitstream.PacketCodec;
import io.gvc.codec.frame.Frame;
import io.gvc.codec.frame.Gop;
import io.gvc.codec.frame.Video;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The seam in front of the atom search (where a GPU engine plugs in): the encoder asks the selector
 * it is given for every step's atoms, and since the decoder never searches, a selector that
 * chooses differently still decodes to exactly what the encoder reconstructed.
 */
class AtomSelectorSeamTest {

    private static Video video;
    private static CodecParams params;

    @BeforeAll
    static void setUp() {
        EncoderSplitTest.setUp();
        video = SyntheticVideo.clip(KeyframeChainTest.W, KeyframeChainTest.H, 9, 1);
        params = KeyframeChainTest.params(8);
    }

    @Test
    void theEncoderAsksTheSelectorItIsGivenAndTheJavaFactoryCodesTheDefaultBytes() {
        AtomicInteger asked = new AtomicInteger();
        AtomSelector.Factory counting = counting(asked);
        Gop gop = new Gop(0, 0, video.frames());
        byte[] plain, counted;
        try (GopEncoder enc = new GopEncoder(params, video.format(), EncoderSplitTest.prior)) {
            plain = PacketCodec.write(enc.encodeFirst(gop).packet());
        }
        try (GopEncoder enc = new GopEncoder(params, video.format(), EncoderSplitTest.prior, counting)) {
            counted = PacketCodec.write(enc.encodeFirst(gop).packet());
        }
        assertTrue(asked.get() > 0, "the selector was asked");
        assertArrayEquals(plain, counted, "the same search through the seam codes the same bytes");
    }

    /** The plain-Java search, counting in {@code asked} how often it is asked. */
    static AtomSelector.Factory counting(AtomicInteger asked) {
        return codebook -> {
            AtomSearch java = new AtomSearch(codebook, null, 1);
            return (gop, step, frame, residual, m) -> {
                asked.incrementAndGet();
                return java.select(gop, step, frame, residual, m);
            };
        };
    }

    @Test
    void aSelectorThatChoosesOtherAtomsStillDecodesToTheEncodersReconstruction() throws BitstreamException {
        // the M atoms of lowest index, whatever the residual: a poor search, but a valid bitstream
        AtomSelector.Factory lowest = codebook -> (gop, step, frame, residual, m) -> {
            int[] idx = new int[m];
            for (int j = 0; j < m; j++) {
                idx[j] = j;
            }
            return new AtomChoice(idx, new boolean[m]);
        };
        Gop gop = new Gop(0, 0, video.frames());
        EncodedGop plain, other;
        try (GopEncoder enc = new GopEncoder(params, video.format(), EncoderSplitTest.prior)) {
            plain = enc.encodeFirst(gop);
        }
        try (GopEncoder enc = new GopEncoder(params, video.format(), EncoderSplitTest.prior, lowest)) {
            other = enc.encodeFirst(gop);
        }
        assertFalse(java.util.Arrays.equals(PacketCodec.write(plain.packet()), PacketCodec.write(other.packet())),
                "another choice is another bitstream");
        List<Frame> decoded = new GopDecoder(EncoderSplitTest.prior, 1).decode(
                PacketCodec.read(PacketCodec.write(other.packet())), null);
        assertEquals(other.reconstruction().size(), decoded.size());
        for (int i = 0; i < decoded.size(); i++) {
            assertTrue(other.reconstruction().get(i).samePixels(decoded.get(i)), "frame " + i);
        }
    }
}
