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

    /** The rules of each variant, as the layout, the encoder, the decoder and the reader ask them. */
    @Test
    void eachVariantAnswersItsRules() {
        Variant f = Variant.FLF2V, i = Variant.I2V, t = Variant.T2V;
        assertEquals(2, f.minGopFrames());
        assertEquals(2, i.minGopFrames());
        assertEquals(1, t.minGopFrames());

        assertTrue(f.hasFirstKeyframe() && i.hasFirstKeyframe());
        assertFalse(t.hasFirstKeyframe());
        assertTrue(f.hasLastKeyframe() && f.hasLaterKeyframes());
        assertFalse(i.hasLastKeyframe() || i.hasLaterKeyframes() || t.hasLastKeyframe() || t.hasLaterKeyframes());

        assertTrue(f.knowsLatentAt(0, 17) && f.knowsLatentAt(16, 17));
        assertFalse(f.knowsLatentAt(8, 17));
        assertTrue(i.knowsLatentAt(0, 17));
        assertFalse(i.knowsLatentAt(16, 17));
        assertFalse(t.knowsLatentAt(0, 17) || t.knowsLatentAt(16, 17));
        assertTrue(f.knowsLatentAt(0, 1), "a one-frame FLF2V GOP is its keyframe");

        assertTrue(t.carriesPrompt());
        assertFalse(f.carriesPrompt() || i.carriesPrompt());

        assertTrue(i.hasTailLatentFrames());
        assertFalse(f.hasTailLatentFrames() || t.hasTailLatentFrames());
        assertEquals(2, i.tailLatentFrames(2, 8));
        assertEquals(1, i.tailLatentFrames(2, 1), "no more tail frames than coded ones");
        assertEquals(0, f.tailLatentFrames(2, 8));
        assertEquals(0, t.tailLatentFrames(2, 8));

        assertTrue(i.allowsTailResidual());
        assertFalse(f.allowsTailResidual() || t.allowsTailResidual());

        assertTrue(f.dropsAtomsTheLumaRejects() && t.dropsAtomsTheLumaRejects());
        assertFalse(i.dropsAtomsTheLumaRejects());

        assertTrue(f.choosesAnchor(3));
        assertFalse(f.choosesAnchor(2), "no frame between the keyframes to bridge");
        assertFalse(i.choosesAnchor(17) || t.choosesAnchor(17));
    }

    /** GopLayout codes exactly the latent frames the variant does not know, and gives tail frames where it says. */
    @Test
    void theLayoutFollowsTheVariantsRules() {
        for (Variant v : Variant.values()) {
            GopLayout l = GopLayout.of(v, 17, 2, 2);
            int coded = 0;
            for (int p : l.positions()) {
                coded += v.knowsLatentAt(p, 17) ? 0 : 1;
            }
            assertEquals(coded, l.codedFrames(), v.name());
            assertEquals(v.tailLatentFrames(2, coded), l.tailLatentFrames(), v.name());
        }
    }
}
