package io.gvc.codec.rate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gvc.codec.bitstream.Limits;
import io.gvc.codec.variant.GopLayout;
import io.gvc.codec.variant.Variant;
import org.junit.jupiter.api.Test;

class RateControllerTest {

    /** FLF2V, 17 frames, a latent frame every 2: 9 latent frames, the 7 between the boundaries coded. */
    private static final GopLayout FLF2V_17 = GopLayout.of(Variant.FLF2V, 17, 2, 0);

    @Test
    void atomBitsCountRankAndSignBitsPerCodedFramePerStep() {
        // one atom of 1024: 10 index bits + 1 sign; two: ceil(log2 C(1024, 2) = 523776) = 19 + 2
        assertEquals(7 * 11 * 10, RateController.atomBits(FLF2V_17, 10, 1024, 1, 2));
        assertEquals(7 * 21 * 10, RateController.atomBits(FLF2V_17, 10, 1024, 2, 4));
        assertEquals(0, RateController.atomBits(FLF2V_17, 10, 1024, 0, 0));
    }

    @Test
    void i2vTailFramesAreCountedWithMTail() {
        GopLayout i2v = GopLayout.of(Variant.I2V, 17, 2, 2); // 8 coded latent frames, the last 2 tail frames
        assertEquals(8, i2v.codedFrames());
        assertEquals(3 * (6 * 11 + 2 * 21), RateController.atomBits(i2v, 3, 1024, 1, 2));
    }

    @Test
    void chooseMIsTheLargestMWhoseAtomsFitTheBudget() {
        for (long budget : new long[] {0, 769, 770, 1469, 1470, 5_000, 40_000, 123_456}) {
            int m = RateController.chooseM(FLF2V_17, 10, 1024, budget, null);
            long bits = RateController.atomBits(FLF2V_17, 10, 1024, m, RateController.defaultTail(m, 1024));
            long next = RateController.atomBits(FLF2V_17, 10, 1024, m + 1, RateController.defaultTail(m + 1, 1024));
            assertTrue(bits <= budget, "M=" + m + " needs " + bits + " bits, budget " + budget);
            if (m < 512) { // half the codebook is as far as M goes
                assertTrue(next > budget, "M=" + (m + 1) + " would also fit " + budget);
            }
        }
        assertEquals(512, RateController.chooseM(FLF2V_17, 10, 1024, 123_456, null));
        assertEquals(0, RateController.chooseM(FLF2V_17, 10, 1024, 769, null), "one atom costs 770 bits");
        assertEquals(1, RateController.chooseM(FLF2V_17, 10, 1024, 770, null));
    }

    @Test
    void chooseMStopsAtHalfTheCodebookAndAtTheBitstreamLimit() {
        assertEquals(8, RateController.chooseM(FLF2V_17, 10, 16, Long.MAX_VALUE, null));
        assertEquals(Limits.MAX_ATOMS, RateController.chooseM(FLF2V_17, 10, Limits.MAX_CODEBOOK, Long.MAX_VALUE, null));
    }

    @Test
    void defaultTailIsTwiceMCappedByKAndTheLimit() {
        assertEquals(8, RateController.defaultTail(4, 1024));
        assertEquals(1024, RateController.defaultTail(600, 1024));
        assertEquals(Limits.MAX_ATOMS, RateController.defaultTail(3000, Limits.MAX_CODEBOOK));
    }

    @Test
    void boundaryBudgetPaysIntraPicturesByTheIntraCostRatio() {
        assertEquals(1000, RateController.boundaryBudget(1000, 0, 1));
        assertEquals(Math.round(1000 * (1 + RateController.INTRA_COST_RATIO)), RateController.boundaryBudget(1000, 1, 1));
        assertEquals(0, RateController.boundaryBudget(1000, 0, 0));
        // a boosted intra picture's share grows by what the boost measured
        assertEquals(Math.round(1000 * (1 + RateController.INTRA_COST_RATIO * 1.3)),
                RateController.boundaryBudget(1000, 1, 1, 1.3));
    }

    @Test
    void aPeriodOfPredictedPicturesAndOneIntraCostsWhatThePeriodIsGiven() {
        int period = 8;
        long perPicture = 10_000;
        long later = RateController.predictedPictureBits(perPicture, period, period);
        // (period - 1) predicted + one intra at the cost ratio = period pictures' worth
        double spent = later * (period - 1 + RateController.INTRA_COST_RATIO);
        assertEquals(period * perPicture, spent, (period - 1 + RateController.INTRA_COST_RATIO) / 2, "rounding only");
        // the first period also pays for the chain's first picture: a little less each
        long first = RateController.predictedPictureBits(perPicture, period, 0);
        assertTrue(first < later, first + " vs " + later);
        for (long seq = 0; seq < 3 * period; seq++) {
            assertEquals(seq < period ? first : later, RateController.predictedPictureBits(perPicture, period, seq),
                    "a function of the GOP number alone, seq " + seq);
        }
    }
}
