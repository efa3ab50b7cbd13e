package io.gvc.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.gvc.codec.bitstream.Limits;
import io.gvc.codec.intra.DctIntraCodec;
import io.gvc.codec.rate.BridgeRule;
import io.gvc.codec.variant.Variant;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class CodecParamsTest {

    @Test
    void defaultsAreTheNamedConstants() {
        CodecParams d = CodecParams.defaults();
        assertEquals(Variant.FLF2V, d.variant());
        assertEquals(CodecParams.DEFAULT_VARIANT, d.variant());
        assertEquals(17, d.gopFrames());
        assertEquals(CodecParams.DEFAULT_GOP_FRAMES, d.gopFrames());
        assertEquals(0, d.latentDownscale());
        assertEquals(2, d.temporalStride());
        assertEquals(1024, d.codebookSize());
        assertNull(d.m());
        assertNull(d.mTail());
        assertEquals(2, d.tailLatentFrames());
        assertEquals(12, d.steps());
        assertEquals(2, d.tailSteps());
        assertEquals(3f, d.shift());
        assertEquals(3f, d.gScale());
        assertEquals(0x6776635f73656564L, d.seed());
        assertEquals(DctIntraCodec.ID, d.intraCodec());
        assertNull(d.keyframeQuality());
        assertEquals(0.03, d.targetBpp());
        assertEquals(0.8, d.boundaryShare());
        assertEquals(false, d.tailResidual());
        assertEquals("", d.prompt());
        assertEquals(Runtime.getRuntime().availableProcessors(), d.threads());
        assertEquals(8, d.intraPeriod());
        assertEquals(8, d.maxSegments());
        assertEquals(false, d.independentPeriods());
    }

    @Test
    void theBuilderSetsWhatIsNamedAndKeepsTheDefaultsOfTheRest() {
        CodecParams p = CodecParams.builder().variant(Variant.T2V).codebookSize(256).m(4).prompt("a cat").threads(1)
                .build();
        CodecParams expected = new CodecParams(Variant.T2V, 17, 0, 2, 256, 4, null, 2, 12, 2, 3f, 3f,
                CodecParams.DEFAULT_SEED, DctIntraCodec.ID, null, 0.03, null, 0.8, false, "a cat", 1, 8, 8, BridgeRule.AUTO, false);
        assertEquals(expected, p);
        assertEquals(p, p.toBuilder().build(), "toBuilder keeps every field");
    }

    @Test
    void eachWitherChangesOnlyItsOwnField() {
        CodecParams d = CodecParams.defaults();
        assertOnly(d.withVariant(Variant.I2V), b -> b.variant(Variant.I2V));
        assertOnly(d.withGopFrames(33), b -> b.gopFrames(33));
        assertOnly(d.withAtoms(16), b -> b.m(16));
        assertOnly(d.withTargetBpp(0.1), b -> b.targetBpp(0.1));
        assertOnly(d.withTargetQuality(30), b -> b.targetQuality(30));
        assertOnly(d.withBridgeRule(BridgeRule.SHARP), b -> b.bridgeRule(BridgeRule.SHARP));
        assertOnly(d.withThreads(3), b -> b.threads(3));
        assertOnly(d.withIntra("x265", 40), b -> b.intraCodec("x265").keyframeQuality(40));
        assertOnly(d.withPrompt("p"), b -> b.prompt("p"));
        assertOnly(d.withIntraPeriod(2), b -> b.intraPeriod(2));
        assertOnly(d.withMaxSegments(1), b -> b.maxSegments(1));
        assertOnly(d.withIndependentPeriods(true), b -> b.independentPeriods(true));
    }

    private static void assertOnly(CodecParams actual, UnaryOperator<CodecParamsBuilder> change) {
        assertEquals(change.apply(CodecParams.builder()).build(), actual);
    }

    @Test
    void everyFieldIsCheckedAgainstTheBitstreamLimits() {
        assertRefused("K must be within 1..65536, got 65537", b -> b.codebookSize(Limits.MAX_CODEBOOK + 1));
        assertRefused("GOP frames must be within 2..1024, got 1025", b -> b.gopFrames(1025));
        assertRefused("GOP frames must be within 2..1024, got 1", b -> b.gopFrames(1));
        assertRefused("latent downscale must be within 1..64, got 65", b -> b.latentDownscale(65));
        assertRefused("temporal stride must be within 1..64, got 0", b -> b.temporalStride(0));
        assertRefused("steps must be within 1..1000, got 1001", b -> b.steps(1001));
        assertRefused("tail steps must be within 0..12, got 13", b -> b.tailSteps(13));
        assertRefused("tail latent frames must be within 0..255, got 256", b -> b.tailLatentFrames(256));
        assertRefused("M must be within 0..1024 (K = 1024, at most 4096), got 1025", b -> b.m(1025));
        assertRefused("M must be within 0..4096 (K = 8192, at most 4096), got 5000", b -> b.codebookSize(8192).m(5000));
        assertRefused("prompt must be at most 4096 bytes of UTF-8, got 5000", b -> b.prompt("p".repeat(5000)));
        assertRefused("intra period must be within 1..1048576 GOPs, got 0", b -> b.intraPeriod(0));
        assertRefused("max segments must be within 1..8, got 9", b -> b.maxSegments(9));
        assertRefused("keyframe quality must be 1..100, got 0", b -> b.keyframeQuality(0));
        assertRefused("target quality must be 1..100, got 101", b -> b.targetQuality(101));
        assertRefused("a target quality and a fixed keyframe quality exclude each other",
                b -> b.targetQuality(30).keyframeQuality(40));
        assertRefused("a target quality needs a boundary share above 0 (the atoms get a share of what the keyframes"
                + " spend), got 0.0", b -> b.targetQuality(30).boundaryShare(0));
        assertRefused("shift must be positive and finite, got 0.0", b -> b.shift(0f));
        assertRefused("boundary share must be within 0..1, got 1.5", b -> b.boundaryShare(1.5));
        // the smallest GOP is the variant's: T2V GOPs tile the video, so one frame is a GOP
        assertEquals(1, CodecParams.builder().variant(Variant.T2V).gopFrames(1).build().gopFrames());
    }

    private static void assertRefused(String message, UnaryOperator<CodecParamsBuilder> change) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> change.apply(CodecParams.builder()).build());
        assertEquals(message, e.getMessage());
    }
}
