package io.gvc.codec.rate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.gvc.codec.variant.Variant;
import java.util.List;
import org.junit.jupiter.api.Test;

class KeyframePlansTest {

    @Test
    void aGopOf17IsTriedWholeInTwoAndInFour() {
        List<int[]> plans = KeyframePlans.candidates(Variant.FLF2V, 17, 4);
        assertEquals(3, plans.size());
        assertArrayEquals(new int[] {16}, plans.get(0));
        assertArrayEquals(new int[] {8, 16}, plans.get(1));
        assertArrayEquals(new int[] {4, 8, 12, 16}, plans.get(2));
    }

    @Test
    void maxSegmentsLimitsTheCuts() {
        assertEquals(1, KeyframePlans.candidates(Variant.FLF2V, 17, 1).size());
        assertEquals(2, KeyframePlans.candidates(Variant.FLF2V, 17, 3).size());
        assertEquals(4, KeyframePlans.candidates(Variant.FLF2V, 17, 8).size());
    }

    @Test
    void shortGopsAreAlwaysCodedWholeAndCutOnlyWhereEverySegmentKeepsAFrameBetween() {
        // the end of a stream leaves GOPs of any length: 2 and 3 frames cannot be cut, 5 can in two
        assertEquals(List.of(1), KeyframePlans.candidates(Variant.FLF2V, 2, 4).stream().map(p -> p[0]).toList());
        assertEquals(1, KeyframePlans.candidates(Variant.FLF2V, 3, 4).size());
        List<int[]> five = KeyframePlans.candidates(Variant.FLF2V, 5, 4);
        assertEquals(2, five.size());
        assertArrayEquals(new int[] {2, 4}, five.get(1));
        // uneven: 10 frames in two segments of 4 and 5 frame steps, rounded down
        assertArrayEquals(new int[] {4, 9}, KeyframePlans.candidates(Variant.FLF2V, 10, 2).get(1));
    }

    @Test
    void otherVariantsAndSingleFramesCodeNoKeyframeAfterTheFirst() {
        for (Variant v : new Variant[] {Variant.I2V, Variant.T2V}) {
            List<int[]> plans = KeyframePlans.candidates(v, 17, 4);
            assertEquals(1, plans.size());
            assertEquals(0, plans.get(0).length);
        }
        assertEquals(0, KeyframePlans.candidates(Variant.FLF2V, 1, 4).get(0).length);
    }
}
