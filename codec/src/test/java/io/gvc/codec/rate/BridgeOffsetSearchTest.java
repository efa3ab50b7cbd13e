package io.gvc.codec.rate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gvc.codec.SyntheticVideo;
import io.gvc.codec.anchor.BridgeOffsets;
import io.gvc.codec.frame.Frame;
import io.gvc.codec.frame.Gop;
import io.gvc.codec.frame.Video;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The encoder's search for the camera's offset from the bridge. */
class BridgeOffsetSearchTest {

    static final int W = 96, H = 64;

    @Test
    void findsTheTranslationOfAPanningBackground() {
        // the background pans 3 pixels a frame: frame 1 at p is frame 0 at p + 3
        Video clip = SyntheticVideo.clip(W, H, 2, 3);
        byte[] picture = clip.frames().get(0).y(), truth = clip.frames().get(1).y();
        assertArrayEquals(new int[] {3, 0}, BridgeOffsetSearch.best(picture, truth, W, H));
        assertEquals(0, BridgeOffsetSearch.error(picture, picture, W, H, 0, 0));
    }

    @Test
    void aPictureAlreadyInPlaceGetsNoOffset() {
        byte[] still = SyntheticVideo.clip(W, H, 1, 0).frames().get(0).y();
        assertArrayEquals(new int[] {0, 0}, BridgeOffsetSearch.best(still, still, W, H));
    }

    @Test
    void onlyBridgedPositionsGetOffsets() {
        Video clip = SyntheticVideo.clip(W, H, 5, 2);
        Frame[] bridge = new Frame[5];
        for (int j = 0; j < 5; j++) {
            bridge[j] = clip.frames().get(0); // every "bridge" picture is frame 0
        }
        boolean[] known = {true, false, true, false, true};
        BridgeOffsets o = BridgeOffsetSearch.measure(new Gop(0, 0, List.copyOf(clip.frames())), bridge, known, 0);
        for (int j : new int[] {0, 2, 4}) {
            assertEquals(0, o.x(j), "keyframe " + j);
        }
        // frame j is frame 0's background panned 2j pixels, under a square that moves on its own
        assertEquals(2, o.x(1), o.toString());
        assertEquals(6, o.x(3), o.toString());
        assertTrue(o.y(1) == 0 && o.y(3) == 0, o.toString());
    }
}
