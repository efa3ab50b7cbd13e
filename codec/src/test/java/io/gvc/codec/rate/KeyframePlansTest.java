package io.gvc.codec.rate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.gvc.codec.variant.Variant;
import java.util.List;
import org.junit.jupiter.api.Test;

class KeyframePlansTest {

    private static List<int[]> chains(List<KeyframePlans.Plan> plans) {
        return plans.stream().map(KeyframePlans.Plan::chain).toList();
    }

    @Test
    void withBetweenPicturesEveryPlanAlsoComesWithOneInTheMiddleOfEachSegment() {
        List<KeyframePlans.Plan> plans = KeyframePlans.candidates(Variant.FLF2V, 17, 8, true, false);
        assertEquals(8, plans.size());
        for (int i = 0; i < 4; i++) {
            assertEquals(0, plans.get(i).between().length);
            assertArrayEquals(plans.get(i).chain(), plans.get(i + 4).chain());
        }
        assertArrayEquals(new int[] {8}, plans.get(4).between());
        assertArrayEquals(new int[] {4, 12}, plans.get(5).between());
        assertArrayEquals(new int[] {1, 3, 5, 7, 9, 11, 13, 15}, plans.get(7).between());
        assertArrayEquals(new int[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16}, plans.get(7).positions());
        // with the first picture in the packet, 8 segments and 8 between pictures would be 17 boundaries
        // of a 17-frame GOP: still within the packet's 32
        assertEquals(8, KeyframePlans.candidates(Variant.FLF2V, 17, 8, true, true).size());
        // the uneven: 10 frames in two segments (0-4-9): between pictures at 2 and 6
        assertArrayEquals(new int[] {2, 6}, KeyframePlans.candidates(Variant.FLF2V, 10, 2, true, false).get(3).between());
        // --max-segments 1 cuts nothing, with between pictures neither
        assertEquals(1, KeyframePlans.candidates(Variant.FLF2V, 17, 1, true, false).size());
        // a two-frame GOP has no frame for one
        assertEquals(1, KeyframePlans.candidates(Variant.FLF2V, 2, 8, true, false).size());
    }

    @Test
    void aGopOf17IsTriedWholeInTwoAndInFour() {
        List<int[]> plans = chains(KeyframePlans.candidates(Variant.FLF2V, 17, 4, false, false));
        assertEquals(3, plans.size());
        assertArrayEquals(new int[] {16}, plans.get(0));
        assertArrayEquals(new int[] {8, 16}, plans.get(1));
        assertArrayEquals(new int[] {4, 8, 12, 16}, plans.get(2));
    }

    @Test
    void maxSegmentsLimitsTheCuts() {
        assertEquals(1, chains(KeyframePlans.candidates(Variant.FLF2V, 17, 1, false, false)).size());
        assertEquals(2, chains(KeyframePlans.candidates(Variant.FLF2V, 17, 3, false, false)).size());
        assertEquals(4, chains(KeyframePlans.candidates(Variant.FLF2V, 17, 8, false, false)).size());
    }

    @Test
    void shortGopsAreAlwaysCodedWholeAndCutOnlyWhereEverySegmentKeepsAFrameBetween() {
        // the end of a stream leaves GOPs of any length: 2 and 3 frames cannot be cut, 5 can in two
        assertEquals(List.of(1), chains(KeyframePlans.candidates(Variant.FLF2V, 2, 4, false, false)).stream().map(p -> p[0]).toList());
        assertEquals(1, chains(KeyframePlans.candidates(Variant.FLF2V, 3, 4, false, false)).size());
        List<int[]> five = chains(KeyframePlans.candidates(Variant.FLF2V, 5, 4, false, false));
        assertEquals(2, five.size());
        assertArrayEquals(new int[] {2, 4}, five.get(1));
        // uneven: 10 frames in two segments of 4 and 5 frame steps, rounded down
        assertArrayEquals(new int[] {4, 9}, chains(KeyframePlans.candidates(Variant.FLF2V, 10, 2, false, false)).get(1));
    }

    @Test
    void otherVariantsAndSingleFramesCodeNoKeyframeAfterTheFirst() {
        for (Variant v : new Variant[] {Variant.I2V, Variant.T2V}) {
            List<int[]> plans = chains(KeyframePlans.candidates(v, 17, 4, false, false));
            assertEquals(1, plans.size());
            assertEquals(0, plans.get(0).length);
        }
        assertEquals(0, chains(KeyframePlans.candidates(Variant.FLF2V, 1, 4, false, false)).get(0).length);
    }
}
