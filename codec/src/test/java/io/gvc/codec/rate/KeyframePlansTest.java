package io.gvc.codec.rate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.gvc.codec.variant.Variant;
import java.util.List;
import org.junit.jupiter.api.Test;

class KeyframePlansTest {

    @Test
    void flf2vCutsIntoHalvesWhileEverySegmentKeepsAFrameBetweenItsKeyframes() {
        List<int[]> plans = KeyframePlans.candidates(Variant.FLF2V, 17, 4);
        assertEquals(3, plans.size());
        assertArrayEquals(new int[] {16}, plans.get(0), "uncut first: only the last frame");
        assertArrayEquals(new int[] {8, 16}, plans.get(1));
        assertArrayEquals(new int[] {4, 8, 12, 16}, plans.get(2));
    }

    @Test
    void aShortGopStopsCuttingWhereASegmentWouldHaveNoFrameBetweenItsKeyframes() {
        // 5 frames: halves of 2 frames each keep one between; quarters would keep none
        List<int[]> plans = KeyframePlans.candidates(Variant.FLF2V, 5, 8);
        assertEquals(2, plans.size());
        assertArrayEquals(new int[] {4}, plans.get(0));
        assertArrayEquals(new int[] {2, 4}, plans.get(1));
        // 3 frames cannot be cut at all
        assertEquals(1, KeyframePlans.candidates(Variant.FLF2V, 3, 4).size());
    }

    @Test
    void maxSegmentsOneNeverCuts() {
        List<int[]> plans = KeyframePlans.candidates(Variant.FLF2V, 33, 1);
        assertEquals(1, plans.size());
        assertArrayEquals(new int[] {32}, plans.get(0));
    }

    @Test
    void unevenSegmentsRoundDown() {
        assertArrayEquals(new int[] {3, 6, 9, 13}, KeyframePlans.positions(14, 4));
    }

    @Test
    void otherVariantsAndOneFrameGopsCodeNoKeyframeAfterTheFirst() {
        for (Variant v : new Variant[] {Variant.I2V, Variant.T2V}) {
            List<int[]> plans = KeyframePlans.candidates(v, 17, 4);
            assertEquals(1, plans.size(), v.name());
            assertEquals(0, plans.get(0).length, v.name());
        }
        List<int[]> one = KeyframePlans.candidates(Variant.FLF2V, 1, 4);
        assertEquals(1, one.size());
        assertEquals(0, one.get(0).length);
    }
}
