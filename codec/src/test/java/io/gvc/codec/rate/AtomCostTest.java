package io.gvc.codec.rate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gvc.codec.bitstream.BoundaryPicture;
import io.gvc.codec.frame.Frame;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The atoms' cost test, on flat pictures whose squared errors are known exactly. */
class AtomCostTest {

    private static final int W = 8, H = 8;

    private static Frame flat(int luma) {
        byte[] y = new byte[W * H];
        Arrays.fill(y, (byte) luma);
        byte[] c = new byte[Frame.chromaWidth(W) * Frame.chromaHeight(H)];
        Arrays.fill(c, (byte) 128);
        return new Frame(W, H, y, c, c.clone());
    }

    private static final Frame TRUTH = flat(100);

    /** Three frames: frame 0 the same both ways, frames 1 and 2 each 2 levels off without atoms and 1 with them. */
    private static final Frame[] WITHOUT = {flat(90), flat(102), flat(102)};
    private static final Frame[] WITH = {flat(90), flat(101), flat(101)};

    /** Per frame (4 - 1) * 64 = 192 of squared error removed, 384 over frames 1 and 2. */
    @Test
    void theAtomsPayWhereTheyRemoveMoreErrorThanTheirBitsCost() {
        assertEquals(384, AtomCost.removedError(j -> TRUTH, WITH, WITHOUT, 1, 3));
        assertTrue(AtomCost.pays(j -> TRUTH, WITH, WITHOUT, 1, 3, 128, 2.99));
        assertFalse(AtomCost.pays(j -> TRUTH, WITH, WITHOUT, 1, 3, 128, 3), "384 removed for 384 worth of bits");
        assertFalse(AtomCost.pays(j -> TRUTH, WITH, WITHOUT, 1, 3, 100, 10));
    }

    @Test
    void onlyTheFramesFromAndAfterTheFirstOutputCount() {
        Frame[] worseAtFrame0 = {flat(255), WITH[1], WITH[2]};
        assertEquals(384, AtomCost.removedError(j -> TRUTH, worseAtFrame0, WITHOUT, 1, 3));
        assertEquals(192, AtomCost.removedError(j -> TRUTH, WITH, WITHOUT, 2, 3));
    }

    @Test
    void atomsThatRemoveNothingNeverPayEvenForFree() {
        assertFalse(AtomCost.pays(j -> TRUTH, WITHOUT, WITHOUT, 0, 3, 100, 0));
        assertTrue(AtomCost.pays(j -> TRUTH, WITH, WITHOUT, 0, 3, 100, 0));
    }

    @Test
    void aNegativeOrUndefinedPriceIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> AtomCost.pays(j -> TRUTH, WITH, WITHOUT, 0, 3, 1, -1));
        assertThrows(IllegalArgumentException.class, () -> AtomCost.pays(j -> TRUTH, WITH, WITHOUT, 0, 3, 1, Double.NaN));
    }

    /** The mean lambda over the GOP's pictures, times the output frames per picture: (10 + 30) / 2 * 16 / 2. */
    @Test
    void thePriceIsTheMeanLambdaTimesTheFramesEachPictureReaches() {
        List<BoundaryPicture> coded = List.of(new BoundaryPicture(8, "gvc-dct", 10, new byte[1]),
                new BoundaryPicture(16, "gvc-dct", 30, new byte[1]));
        assertEquals(160.0, AtomCost.price(coded, q -> q, 16), 1e-12);
        assertEquals(0.0, AtomCost.price(List.of(), q -> {
            throw new AssertionError("lambda asked for a GOP with no picture");
        }, 16));
    }
}
