package io.gvc.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gvc.codec.anchor.Keyframes;
import io.gvc.codec.bitstream.BitstreamException;
import io.gvc.codec.bitstream.BoundaryPicture;
import io.gvc.codec.bitstream.ContainerCodec;
import io.gvc.codec.bitstream.GvcPacket;
import io.gvc.codec.frame.Frame;
import io.gvc.codec.frame.Gop;
import io.gvc.codec.intra.DctIntraCodec;
import io.gvc.codec.rate.QualitySearch;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Between pictures (codec v12, bitstream version 10): coded after the chain from the chain
 * keyframes either side, coarser than the chain, and decoded by every decoder to the encoder's
 * pictures; a stream that uses them decodes to the encoder's reconstruction.
 */
class BetweenPictureTest {

    @BeforeAll
    static void setUp() {
        KeyframeChainTest.setUp();
    }

    @Test
    void betweenPicturesAreCodedFromTheChainEitherSideAndCoarser() {
        List<Frame> frames = KeyframeChainTest.swinging().frames().subList(0, KeyframeChainTest.GOP);
        Gop gop = new Gop(0, 0, frames);
        DctIntraCodec dct = new DctIntraCodec();
        BoundaryCoder coder = new BoundaryCoder(dct, null, new RandomAccess(8, false));
        int[] chain = {4, 8}, between = {2, 6};
        CodedKeyframes c = coder.codeWithin(gop, null, true, chain, between, 200_000, new IntraMemo(), 0, QualitySearch.LOWEST);
        assertTrue(c.fitsBudget());
        List<BoundaryPicture> p = c.pictures();
        assertEquals(List.of(0, 2, 4, 6, 8), p.stream().map(BoundaryPicture::position).toList());
        assertEquals(List.of(false, true, false, true, false), p.stream().map(BoundaryPicture::between).toList());
        int q = p.get(0).quality();
        assertEquals(dct.coarser(q, BetweenCoder.LEVELS_COARSER), p.get(1).quality());
        assertEquals(q - BetweenCoder.LEVELS_COARSER, p.get(1).quality(), "gvc-dct: one level per quality");
        Keyframes k = c.keyframes();
        assertArrayEquals(new int[] {0, 2, 4, 6, 8}, k.positions());
        // the between picture at 6 is what a decoder makes of its bytes from the chain's 4 and 8
        Frame decoded = decodeBetween(dct, p.get(3), k.picture(2), k.picture(4));
        assertArrayEquals(decoded.y(), k.picture(3).y());
        // and the chain's 8 is predicted from 4, not from the between picture at 6
        assertTrue(p.get(4).predicted());
    }

    private static Frame decodeBetween(DctIntraCodec dct, BoundaryPicture b, Frame past, Frame future) {
        try {
            return dct.decodeBetween(b.data(), past, future, b.quality(), past.width(), past.height());
        } catch (BitstreamException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aStreamThatCodesBetweenPicturesDecodesToTheReconstructionAtOneAndTwoThreads() throws BitstreamException {
        StreamEncoder.Result r = StreamEncoder.encode(KeyframeChainTest.swinging(), KeyframeChainTest.rateControlled(4),
                KeyframeChainTest.prior, Progress.NONE);
        List<GvcPacket> packets = ContainerCodec.read(r.file()).packets();
        long betweens = packets.stream().flatMap(p -> p.boundaries().stream()).filter(BoundaryPicture::between).count();
        assertTrue(betweens > 0, "no GOP chose a plan with between pictures");
        for (GvcPacket p : packets) {
            assertFalse(p.boundaryAt(p.frameCount() - 1).between(), "the last frame is the chain's");
        }
        KeyframeChainTest.assertDecodesToReconstruction(r, KeyframeChainTest.prior);
        // the plans are coded at once on the encoder's threads: the file is the one-thread encoder's
        StreamEncoder.Result twoThreads = StreamEncoder.encode(KeyframeChainTest.swinging(),
                KeyframeChainTest.rateControlled(4).toBuilder().threads(2).build(), KeyframeChainTest.prior, Progress.NONE);
        assertArrayEquals(r.file(), twoThreads.file());
    }
}
