package io.gvc.codec.variant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class VariantTest {

    @Test
    void bitstreamCodesAreFixedAndReadBack() {
        assertEquals(1, Variant.FLF2V.code());
        assertEquals(2, Variant.I2V.code());
        assertEquals(3, Variant.T2V.code());
        for (Variant v : Variant.values()) {
            assertEquals(v, Variant.fromCode(v.code()));
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Variant.fromCode(0));
        assertEquals("unknown variant code 0", e.getMessage());
    }

    @Test
    void parsesTheCliSpellingInAnyCase() {
        assertEquals(Variant.FLF2V, Variant.parse("flf2v"));
        assertEquals(Variant.I2V, Variant.parse(" I2V "));
        assertEquals(Variant.T2V, Variant.parse("T2v"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Variant.parse("v2v"));
        assertEquals("unknown variant 'v2v' (flf2v, i2v or t2v)", e.getMessage());
    }

    @Test
    void onlyT2vGopsTileTheVideoWithoutASharedBoundary() {
        assertTrue(Variant.FLF2V.sharesBoundary());
        assertTrue(Variant.I2V.sharesBoundary());
        assertFalse(Variant.T2V.sharesBoundary());
    }
}
