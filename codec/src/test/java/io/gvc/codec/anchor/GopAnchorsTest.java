package io.gvc.codec.anchor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gvc.codec.frame.Frame;
import io.gvc.codec.latent.DctLatentSpace;
import io.gvc.codec.latent.LatentSpace;
import io.gvc.codec.variant.GopLayout;
import io.gvc.codec.variant.Variant;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Anchors between keyframes: per segment, keyframes shown as decoded, the variants' own anchors. */
class GopAnchorsTest {

    static final int W = 32, H = 16;

    static Frame flat(int y) {
        byte[] py = new byte[W * H], pu = new byte[Frame.chromaWidth(W) * Frame.chromaHeight(H)], pv = new byte[pu.length];
        Arrays.fill(py, (byte) y);
        Arrays.fill(pu, (byte) 128);
        Arrays.fill(pv, (byte) 128);
        return new Frame(W, H, py, pu, pv);
    }

    static int luma(Frame f) {
        return f.y()[0] & 0xFF;
    }

    @Test
    void eachSegmentIsFadedBetweenItsOwnKeyframes() {
        // 9 frames, keyframes at 0 (40), 4 (200) and 8 (120): a cross-fade per segment, not one across the GOP
        GopLayout layout = GopLayout.of(Variant.FLF2V, 9, 2, 0);
        Keyframes keys = new Keyframes(new int[] {0, 4, 8}, new Frame[] {flat(40), flat(200), flat(120)});
        Frame[] a = GopAnchors.pictures(layout, AnchorMode.CROSS_FADE, keys, W, H);
        int[] expected = {40, 80, 120, 160, 200, 180, 160, 140, 120};
        for (int j = 0; j < 9; j++) {
            assertEquals(expected[j], luma(a[j]), "frame " + j);
        }
        assertSame(keys.picture(1), a[4], "a keyframe is its own anchor");
    }

    @Test
    void keyframePositionsAreKnownAndTheRestGenerated() {
        GopLayout layout = GopLayout.of(Variant.FLF2V, 9, 2, 0);
        Keyframes keys = new Keyframes(new int[] {0, 4, 8}, new Frame[] {flat(40), flat(200), flat(120)});
        LatentSpace space = new DctLatentSpace(DctLatentSpace.geometry(W, H, 4));
        GopAnchors anchors = GopAnchors.build(layout, AnchorMode.MOTION_BRIDGE, keys, space, W, H);
        for (int j = 0; j < 9; j++) {
            assertEquals(j == 0 || j == 4 || j == 8, anchors.known(j), "frame " + j);
        }
        assertEquals(layout.codedFrames(), anchors.latents().length);
        assertArrayEquals(space.encode(anchors.picture(layout.codedPositions()[0])), anchors.latent(0));
    }

    @Test
    void i2vHoldsItsFirstFrameAndT2vStartsFromGrey() {
        GopLayout i2v = GopLayout.of(Variant.I2V, 5, 2, 0);
        Frame first = flat(90);
        Frame[] a = GopAnchors.pictures(i2v, AnchorMode.CROSS_FADE, Keyframes.firstOnly(first), W, H);
        for (Frame f : a) {
            assertSame(first, f);
        }
        GopLayout t2v = GopLayout.of(Variant.T2V, 5, 2, 0);
        GopAnchors grey = GopAnchors.build(t2v, AnchorMode.CROSS_FADE, Keyframes.none(), new DctLatentSpace(DctLatentSpace.geometry(W, H, 4)), W, H);
        for (int j = 0; j < 5; j++) {
            assertEquals(128, luma(grey.picture(j)));
            assertFalse(grey.known(j), "T2V generates every frame");
        }
        for (float v : grey.latent(0)) {
            assertEquals(0f, v);
        }
    }

    @Test
    void keyframesMustIncrease() {
        assertThrows(IllegalArgumentException.class,
                () -> new Keyframes(new int[] {0, 8, 4}, new Frame[] {flat(1), flat(2), flat(3)}));
        assertThrows(IllegalArgumentException.class, () -> new Keyframes(new int[] {0}, new Frame[0]));
        Keyframes k = new Keyframes(new int[] {0, 8}, new Frame[] {flat(1), flat(2)});
        assertTrue(k.at(4) == null && k.at(8) != null);
        assertEquals(2, luma(k.lastPicture()));
    }
}
