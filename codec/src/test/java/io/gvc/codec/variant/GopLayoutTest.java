package io.gvc.codec.variant;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class GopLayoutTest {

    @Test
    void flf2vCodesTheLatentFramesBetweenItsBoundaries() {
        GopLayout l = GopLayout.of(Variant.FLF2V, 17, 2, 3);
        assertArrayEquals(new int[] {0, 2, 4, 6, 8, 10, 12, 14, 16}, l.positions());
        assertArrayEquals(new int[] {2, 4, 6, 8, 10, 12, 14}, l.codedPositions());
        assertArrayEquals(new float[] {2 / 16f, 4 / 16f, 6 / 16f, 8 / 16f, 10 / 16f, 12 / 16f, 14 / 16f}, l.codedAlphas());
        assertEquals(0, l.tailLatentFrames(), "tail frames are I2V's alone");
        assertEquals(4, l.atomsFor(6, 4, 8));
    }

    @Test
    void i2vCodesAllButTheFirstAndGivesTheTailMTail() {
        GopLayout l = GopLayout.of(Variant.I2V, 17, 2, 2);
        assertArrayEquals(new int[] {2, 4, 6, 8, 10, 12, 14, 16}, l.codedPositions());
        assertEquals(1f, l.codedAlphas()[7]);
        assertEquals(2, l.tailLatentFrames());
        assertFalse(l.isTail(5));
        assertTrue(l.isTail(6));
        assertTrue(l.isTail(7));
        assertEquals(4, l.atomsFor(5, 4, 8));
        assertEquals(8, l.atomsFor(6, 4, 8));
        assertEquals(8, GopLayout.of(Variant.I2V, 17, 2, 20).tailLatentFrames(), "capped by the coded frames");
    }

    @Test
    void t2vCodesEveryLatentFrame() {
        GopLayout l = GopLayout.of(Variant.T2V, 16, 4, 0);
        assertArrayEquals(new int[] {0, 4, 8, 12, 15}, l.positions(), "the last frame always has a latent frame");
        assertArrayEquals(l.positions(), l.codedPositions());
        assertEquals(5, l.codedFrames());
    }

    @Test
    void tinyGops() {
        GopLayout one = GopLayout.of(Variant.T2V, 1, 2, 0);
        assertArrayEquals(new int[] {0}, one.positions());
        assertArrayEquals(new float[] {0f}, one.codedAlphas());
        assertEquals(0, GopLayout.of(Variant.FLF2V, 2, 2, 0).codedFrames(), "two boundaries, nothing between");
    }

    @Test
    void refusesImpossibleShapes() {
        assertThrows(IllegalArgumentException.class, () -> GopLayout.of(Variant.FLF2V, 0, 2, 0));
        assertThrows(IllegalArgumentException.class, () -> GopLayout.of(Variant.FLF2V, 17, 0, 0));
    }

    @Test
    void arraysAreCopiedIn() {
        int[] pos = {0, 2};
        GopLayout l = new GopLayout(Variant.T2V, 3, 2, pos, pos, new float[] {0f, 1f}, 0);
        pos[0] = 99;
        assertEquals(0, l.positions()[0]);
        assertEquals(0, l.codedPositions()[0]);
    }
}
