package io.gvc.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gvc.codec.anchor.Keyframes;
import io.gvc.codec.bitstream.BitstreamException;
import io.gvc.codec.bitstream.BoundaryPicture;
import io.gvc.codec.bitstream.ContainerCodec;
import io.gvc.codec.bitstream.GvcPacket;
import io.gvc.codec.frame.Frame;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Between pictures decoded on a pool beside the chain ({@link KeyframeDecoder#keyframes}): the same
 * pictures as on one thread, and the same error for a broken packet, whichever picture breaks.
 */
class KeyframeDecoderTest {

    private static ExecutorService pool;
    /** A GOP that codes between pictures, and the frame it shares with the GOP before it. */
    private static GvcPacket packet;
    private static Frame shared;

    @BeforeAll
    static void setUp() throws BitstreamException {
        KeyframeChainTest.setUp();
        pool = Executors.newFixedThreadPool(2);
        StreamEncoder.Result r = StreamEncoder.encode(KeyframeChainTest.swinging(), KeyframeChainTest.rateControlled(4),
                KeyframeChainTest.prior, Progress.NONE);
        Frame before = null;
        for (GvcPacket p : ContainerCodec.read(r.file()).packets()) {
            if (p.boundaries().stream().filter(BoundaryPicture::between).count() >= 2) {
                packet = p;
                shared = GopDecoder.needsSharedFirst(p) ? before : null;
                return;
            }
            before = GopDecoder.lastBoundary(p, before).orElseThrow();
        }
        throw new AssertionError("no GOP coded two between pictures");
    }

    @AfterAll
    static void tearDown() {
        pool.shutdownNow();
    }

    @Test
    void betweenPicturesOnAPoolAreTheOneThreadPictures() throws BitstreamException {
        Keyframes alone = KeyframeDecoder.keyframes(packet, shared, null);
        Keyframes pooled = KeyframeDecoder.keyframes(packet, shared, pool);
        assertArrayEquals(alone.positions(), pooled.positions());
        for (int i = 0; i < alone.count(); i++) {
            for (int p = 0; p < 3; p++) {
                assertArrayEquals(alone.picture(i).plane(p), pooled.picture(i).plane(p), "keyframe " + i + " plane " + p);
            }
        }
    }

    @Test
    void aBrokenBetweenPictureFailsAlikeOnAPool() {
        List<Integer> betweens = positions(true);
        GvcPacket broken = withTruncated(packet, betweens.get(betweens.size() - 1), betweens.get(0));
        String alone = assertThrows(BitstreamException.class, () -> KeyframeDecoder.keyframes(broken, shared, null))
                .getMessage();
        String pooled = assertThrows(BitstreamException.class, () -> KeyframeDecoder.keyframes(broken, shared, pool))
                .getMessage();
        assertEquals(alone, pooled);
        assertTrue(alone.contains("boundary[" + betweens.get(0) + "]"), alone); // the first by position
    }

    @Test
    void aBrokenChainPictureIsReportedBeforeABrokenBetweenPicture() {
        // the first between picture starts on the pool once the chain keyframe after it is decoded, and
        // fails there while the chain goes on to the broken last keyframe: the chain's error is the one
        int between = positions(true).get(0);
        List<Integer> chainAfter = positions(false).stream().filter(p -> p > between).toList();
        assertTrue(chainAfter.size() >= 2, "the between picture's later reference is not the last keyframe");
        int chain = chainAfter.get(chainAfter.size() - 1);
        GvcPacket broken = withTruncated(packet, between, chain);
        String alone = assertThrows(BitstreamException.class, () -> KeyframeDecoder.keyframes(broken, shared, null))
                .getMessage();
        String pooled = assertThrows(BitstreamException.class, () -> KeyframeDecoder.keyframes(broken, shared, pool))
                .getMessage();
        assertEquals(alone, pooled);
        String field = chain == packet.frameCount() - 1 ? "boundary[last]" : "boundary[" + chain + "]";
        assertTrue(alone.contains(field), alone);
    }

    /** The positions after 0 of the packet's between pictures ({@code between}) or chain keyframes. */
    private static List<Integer> positions(boolean between) {
        return packet.boundaries().stream().filter(b -> b.position() > 0 && b.between() == between)
                .map(BoundaryPicture::position).toList();
    }

    /** The packet with the pictures at {@code positions} cut to one byte. */
    private static GvcPacket withTruncated(GvcPacket p, int... positions) {
        List<BoundaryPicture> pictures = new ArrayList<>();
        for (BoundaryPicture b : p.boundaries()) {
            boolean cut = java.util.Arrays.stream(positions).anyMatch(x -> x == b.position());
            pictures.add(cut ? new BoundaryPicture(b.position(), b.codecId(), b.quality(), b.predicted(), b.between(),
                    new byte[] {b.data()[0]}) : b);
        }
        return new GvcPacket(p.gopSeq(), p.firstFrame(), p.frameCount(), p.config(), p.m(), p.mTail(),
                p.tailLatentFrames(), p.anchorMode(), p.deviationScale(), pictures, p.prompt(), p.priorSide(),
                p.tailResidual(), p.atomBits(), p.atoms(), p.psnr(), p.bridgeOffsets());
    }
}
