package io.gvc.scene;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gvc.codec.frame.Frame;
import io.gvc.codec.frame.Video;
import org.junit.jupiter.api.Test;

/** The synthetic broadcast scene: deterministic, seed-dependent, moving but coherent, even sizes only. */
class SyntheticSceneTest {

    @Test
    void sameSeedGivesTheSameBytesAndFrameMatchesRender() {
        Video a = SyntheticScene.render(176, 144, 25, 1, 6, 42);
        Video b = SyntheticScene.render(176, 144, 25, 1, 6, 42);
        assertEquals(6, a.frameCount());
        assertEquals(176, a.format().width());
        assertEquals(25, a.format().fpsNum());
        for (int i = 0; i < 6; i++) {
            assertTrue(a.frames().get(i).samePixels(b.frames().get(i)), "frame " + i + " differs between renders");
        }
        // a single frame, rendered alone, is the same picture (live feeds render frame by frame)
        assertTrue(SyntheticScene.frame(176, 144, 5, 42).samePixels(a.frames().get(5)));
    }

    @Test
    void differentSeedsGiveDifferentScenes() {
        Frame a = SyntheticScene.frame(176, 144, 0, 1);
        Frame b = SyntheticScene.frame(176, 144, 0, 2);
        double d = meanAbsLumaDiff(a, b);
        assertTrue(d > 5, "seeds 1 and 2 look alike: mean |dY| " + d);
    }

    @Test
    void consecutiveFramesMoveButStayCoherent() {
        Video v = SyntheticScene.render(176, 144, 25, 1, 40, 7);
        double sum = 0;
        for (int i = 1; i < v.frameCount(); i++) {
            double d = meanAbsLumaDiff(v.frames().get(i - 1), v.frames().get(i));
            assertTrue(d > 0.05, "frame " + i + " does not move: mean |dY| " + d);
            assertTrue(d < 20, "frame " + i + " jumps: mean |dY| " + d);
            sum += d;
        }
        double mean = sum / (v.frameCount() - 1);
        assertTrue(mean > 0.5, "too little motion for a test scene: mean |dY| " + mean);
        // over 1.6 s the camera and players have moved a lot more than between neighbours
        assertTrue(meanAbsLumaDiff(v.frames().get(0), v.frames().get(39)) > mean);
    }

    @Test
    void broadcastGraphicsStayPutWhileTheCameraPans() {
        Frame a = SyntheticScene.frame(176, 144, 0, 3);
        Frame b = SyntheticScene.frame(176, 144, 20, 3);
        // the score box's team chip, name and score (left of the clock) at scale 1: x 3..29, y 3..9;
        // the box is 88% opaque, so the panning sky shows through by a few levels at most
        for (int y = 3; y < 10; y++) {
            for (int x = 3; x < 30; x++) {
                int d = Math.abs((a.y()[y * 176 + x] & 255) - (b.y()[y * 176 + x] & 255));
                assertTrue(d <= 4, "score box moved at " + x + "," + y + ": |dY| " + d);
            }
        }
        assertTrue(meanAbsLumaDiff(a, b) > 1, "the rest of the picture should have moved");
    }

    @Test
    void sizesMustBeEvenAndPositive() {
        assertThrows(IllegalArgumentException.class, () -> SyntheticScene.frame(175, 144, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> SyntheticScene.frame(176, 143, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> SyntheticScene.frame(0, 144, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> SyntheticScene.frame(176, 144, -1, 1));
        assertThrows(IllegalArgumentException.class, () -> SyntheticScene.render(176, 144, 25, 1, 0, 1));
        Frame small = SyntheticScene.frame(32, 18, 0, 1);      // tiny but even: still renders
        assertEquals(16 * 9, small.u().length);
    }

    static double meanAbsLumaDiff(Frame a, Frame b) {
        long s = 0;
        for (int i = 0; i < a.y().length; i++) {
            s += Math.abs((a.y()[i] & 255) - (b.y()[i] & 255));
        }
        return (double) s / a.y().length;
    }
}
