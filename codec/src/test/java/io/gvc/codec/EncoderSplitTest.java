package io.gvc.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gvc.codec.bitstream.PacketCodec;
import io.gvc.codec.frame.Frame;
import io.gvc.codec.frame.Gop;
import io.gvc.codec.frame.Video;
import io.gvc.codec.prior.GaussianDctPrior;
import io.gvc.codec.prior.SpectrumFitter;
import io.gvc.codec.variant.Variant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The encoder's two halves apart, as the live pipeline runs them: the keyframe chain runs ahead
 * over every GOP (each starting from the chain's own next shared frame, never from an atom
 * search), then separate atom coders code the GOPs in reverse order; the packets equal the file
 * encoder's byte for byte.
 */
class EncoderSplitTest {

    static GaussianDctPrior prior;

    @BeforeAll
    static void setUp() {
        SpectrumFitter fitter = new SpectrumFitter(KeyframeChainTest.GOP, 1);
        fitter.add("synthetic", SyntheticVideo.clip(KeyframeChainTest.W, KeyframeChainTest.H, KeyframeChainTest.FRAMES, 1));
        prior = new GaussianDctPrior(fitter.fit());
    }

    @Test
    void flf2vWithMidGopKeyframesChainRunsAheadAndAtomsInAnyOrderGiveTheFileEncodersBytes() {
        // rate-controlled keyframes with up to 4 segments: the swinging square makes some GOPs cut
        List<KeyframedGop> k = assertSplitEqualsFileEncoder(KeyframeChainTest.swinging(),
                KeyframeChainTest.rateControlled(4));
        assertTrue(k.stream().anyMatch(g -> g.keyframes().count() > 2), "some GOP is cut by mid-GOP keyframes");
    }

    @Test
    void flf2vWithPredictedKeyframesAndTwoThreads() {
        assertSplitEqualsFileEncoder(SyntheticVideo.clip(KeyframeChainTest.W, KeyframeChainTest.H, 20, 2),
                KeyframeChainTest.params(2).withThreads(2));
    }

    @Test
    void t2vSharesNothingBetweenGops() {
        assertSplitEqualsFileEncoder(SyntheticVideo.clip(KeyframeChainTest.W, KeyframeChainTest.H, 18, 1),
                KeyframeChainTest.params(8).withVariant(Variant.T2V));
    }

    @Test
    void i2vCannotRunAheadOfItsAtoms() {
        CodecParams p = KeyframeChainTest.params(8).withVariant(Variant.I2V);
        Video v = SyntheticVideo.clip(KeyframeChainTest.W, KeyframeChainTest.H, 9, 1);
        KeyframedGop k = new KeyframeChainCoder(p, v.format(), prior).code(new Gop(0, 0, v.frames()), null, io.gvc.codec.rate.QualityFloor.NONE);
        IllegalStateException e = assertThrows(IllegalStateException.class, k::nextSharedFirst);
        assertTrue(e.getMessage().contains("generated last frame"), e.getMessage());
    }

    @Test
    void keyframesOfAnotherGopAreRefused() {
        CodecParams p = KeyframeChainTest.params(8);
        Video v = SyntheticVideo.clip(KeyframeChainTest.W, KeyframeChainTest.H, 9, 1);
        KeyframedGop k = new KeyframeChainCoder(p, v.format(), prior).code(new Gop(0, 0, v.frames()), null, io.gvc.codec.rate.QualityFloor.NONE);
        try (GopAtomCoder atoms = new GopAtomCoder(p, v.format(), prior)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> atoms.encode(new Gop(1, 8, v.frames()), k));
            assertEquals("keyframes of GOP 0 (9 frames, FLF2V) given for GOP 1 (9 frames, FLF2V)", e.getMessage());
        }
    }

    /** Returns the chain's output. */
    private static List<KeyframedGop> assertSplitEqualsFileEncoder(Video video, CodecParams params) {
        StreamEncoder.Result file = StreamEncoder.encode(video, params, prior, Progress.NONE);
        GopPartition part = new GopPartition(params.variant(), params.gopFrames(), video.frameCount());
        List<Gop> gops = new ArrayList<>();
        List<KeyframedGop> keyframed = new ArrayList<>();
        KeyframeChainCoder chain = new KeyframeChainCoder(params, video.format(), prior);
        Frame shared = null;
        int chainQuality = io.gvc.codec.rate.QualityFloor.NONE;
        for (long k = 0; k < part.gopCount(); k++) {
            int first = (int) part.firstFrame(k);
            Gop gop = new Gop(k, first, video.frames().subList(first, first + part.frames(k)));
            KeyframedGop kg = chain.code(gop, shared, chainQuality);
            shared = kg.nextSharedFirst();
            chainQuality = kg.chainQuality();
            gops.add(gop);
            keyframed.add(kg);
        }
        assertEquals(file.gops().size(), gops.size());
        // two atom coders, as on two slots, each taking every other GOP, last GOP first
        try (GopAtomCoder a = new GopAtomCoder(params, video.format(), prior);
             GopAtomCoder b = new GopAtomCoder(params, video.format(), prior)) {
            for (int k = gops.size() - 1; k >= 0; k--) {
                EncodedGop e = (k % 2 == 0 ? a : b).encode(gops.get(k), keyframed.get(k));
                EncodedGop want = file.gops().get(k);
                assertArrayEquals(PacketCodec.write(want.packet()), PacketCodec.write(e.packet()),
                        "GOP " + k + " equals the file encoder's packet");
                if (params.variant() == Variant.FLF2V) {
                    assertTrue(want.last().samePixels(keyframed.get(k).nextSharedFirst()),
                            "GOP " + k + ": the chain's next shared frame is the reconstruction's last");
                } else {
                    assertNull(keyframed.get(k).nextSharedFirst());
                }
            }
        }
        return keyframed;
    }
}
