package io.gvc.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gvc.codec.CodecParams;
import io.gvc.codec.frame.Frame;
import io.gvc.codec.frame.Video;
import io.gvc.codec.frame.VideoFormat;
import io.gvc.codec.prior.FlowPrior;
import io.gvc.codec.prior.GopCondition;
import io.gvc.codec.prior.VelocityField;
import io.gvc.codec.variant.Variant;
import io.gvc.scene.SyntheticScene;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * How eval pools the metrics (the metrics themselves are checked against reference values in codec's
 * PsnrTest and MsSsimTest), the sweep's order, and the ETA.
 */
class EvalMetricsAndProgressTest {

    /** A prior for settings that are never coded: only its id and hash are read. */
    private static final FlowPrior STUB_PRIOR = new FlowPrior() {
        @Override
        public String id() {
            return "stub";
        }

        @Override
        public String sha256() {
            return "0".repeat(64);
        }

        @Override
        public byte[] analyse(GopCondition condition, float[][] trueLatent) {
            throw new UnsupportedOperationException();
        }

        @Override
        public VelocityField open(GopCondition condition, byte[] sideInfo) {
            throw new UnsupportedOperationException();
        }
    };

    @Test
    void psnrIsPooledOverTheClipAndLpipsIsAFrameMeanMeasuredOnlyWithTheModel() throws Exception {
        VideoFormat f = new VideoFormat(64, 64, 25, 1);
        Frame a = EvalInterpTest.flat(64, 64, 100, 128, 128);
        Frame off = EvalInterpTest.flat(64, 64, 102, 129, 125); // luma 2 off, U 1 off, V 3 off
        Video src = new Video(f, List.of(a, a));
        Video decoded = new Video(f, List.of(off, a));
        Qualities q = Measurement.measure(src, decoded, null);
        // SSE pooled over both frames: luma MSE 2 over the clip, 10 log10(255^2 / 2) dB, not the mean of 42.1 and 100
        double y = 10 * Math.log10(255.0 * 255.0 / 2);
        double u = 10 * Math.log10(255.0 * 255.0 / 0.5);
        double v = 10 * Math.log10(255.0 * 255.0 / 4.5);
        assertEquals(y, q.get(Metric.PSNR_Y), 1e-9);
        assertEquals(u, q.get(Metric.PSNR_U), 1e-9);
        assertEquals(v, q.get(Metric.PSNR_V), 1e-9);
        assertEquals((6 * y + u + v) / 8, q.get(Metric.PSNR_YUV), 1e-9);
        double msSsim = q.get(Metric.MS_SSIM);
        assertTrue(msSsim > 0.9 && msSsim < 1.0, "flat frames 2 apart: " + msSsim);
        assertEquals(1.0, Measurement.measure(src, src, null).get(Metric.MS_SSIM), 1e-12);
        assertNull(q.get(Metric.LPIPS), "no model, no LPIPS");

        // with the model: the mean of its distances between each source frame and its decoded frame
        Qualities withModel = Measurement.measure(src, decoded, (s, d) -> s.samePixels(d) ? 0.1 : 0.5);
        assertEquals(0.3, withModel.get(Metric.LPIPS), 1e-12);
        for (Metric m : Metric.values()) {
            if (m != Metric.LPIPS) {
                assertEquals(q.get(m), withModel.get(m), m.key);
            }
        }
    }

    @Test
    void planRunsGvcThenBaselinesThenInterpPerClip() {
        SweepPlan plan = SweepPlan.of(List.of("a", "b"), List.of(Variant.FLF2V, Variant.T2V), List.of(64, 16, 16),
                List.of(0.03), List.of("interp", "x265"), List.of(51, 40), List.of(50));
        List<String> keys = plan.points().stream().map(PointSpec::key).toList();
        assertEquals(List.of("a/gvc-flf2v/m=16,bpp=0.03", "a/gvc-flf2v/m=64,bpp=0.03", "a/gvc-t2v/m=16,bpp=0.03",
                "a/gvc-t2v/m=64,bpp=0.03", "a/x265/crf=51", "a/x265/crf=40", "a/interp/q=50"), keys.subList(0, 7));
        assertEquals(14, plan.size());
        assertEquals("gvc-t2v_m16_bpp0.03.gvc", plan.points().get(2).fileName());
        assertEquals("x265_crf51.hevc", plan.points().get(4).fileName());
    }

    @Test
    void defaultPlanIsRateControlledGvcAtEveryTargetOfTheLadder() {
        List<Double> ladder = List.of(0.016, 0.004, 0.03, 0.008);
        SweepPlan plan = SweepPlan.of(List.of("c"), List.of(Variant.FLF2V, Variant.I2V), null, ladder,
                List.of("x265"), List.of(40), List.of());
        assertEquals(9, plan.size()); // 4 targets x 2 variants, one x265 point
        for (int v = 0; v < 2; v++) {
            List<PointSpec> gvc = plan.points().subList(4 * v, 4 * v + 4);
            assertEquals(List.of(0.004, 0.008, 0.016, 0.03), gvc.stream().map(PointSpec::targetBpp).toList());
            for (PointSpec p : gvc) {
                assertTrue(p.isGvc() && p.isRateControlled(), p.key());
                assertNull(p.m(), p.key());
                assertEquals(v == 0 ? "gvc-flf2v" : "gvc-i2v", p.codec());
                assertEquals("bpp=" + PointSpec.bppText(p.targetBpp()), p.setting());
            }
        }
        assertEquals("c/gvc-flf2v/bpp=0.004", plan.points().get(0).key());
        assertEquals("gvc-i2v_bpp0.03.gvc", plan.points().get(7).fileName());
        assertEquals(plan, SweepPlan.of(List.of("c"), List.of(Variant.FLF2V, Variant.I2V), List.of(), ladder,
                List.of("x265"), List.of(40), List.of()));

        // -M given: every M at every target, bpp ascending, then M
        SweepPlan fixed = SweepPlan.of(List.of("c"), List.of(Variant.FLF2V), List.of(32, 16), List.of(0.03, 0.01),
                List.of(), List.of(), List.of());
        assertEquals(List.of("m=16,bpp=0.01", "m=32,bpp=0.01", "m=16,bpp=0.03", "m=32,bpp=0.03"),
                fixed.points().stream().map(PointSpec::setting).toList());
        assertEquals(32, fixed.points().get(3).m());
        assertEquals(0.03, fixed.points().get(3).targetBpp());
        assertFalse(fixed.points().get(3).isRateControlled());
    }

    @Test
    void eachGvcPointIsCodedAtItsOwnTargetAndFingerprintedByIt() {
        CodecParams base = CodecParams.defaults().withIntra("gvc-dct", 40);
        EvalSettings s = new EvalSettings(base, Map.of(Variant.FLF2V, STUB_PRIOR), c -> STUB_PRIOR, false);
        PointSpec rc = PointSpec.gvcRateControlled("c", Variant.FLF2V, 0.004);
        CodecParams p = s.params(rc);
        assertNull(p.m());
        assertNull(p.mTail());
        assertEquals(0.004, p.targetBpp());
        assertEquals(40, p.keyframeQuality()); // --keyframe-quality still fixes the boundaries
        CodecParams f = s.params(PointSpec.gvc("c", Variant.FLF2V, 16, 0.03));
        assertEquals(16, f.m());
        assertNull(f.mTail());
        assertEquals(0.03, f.targetBpp());
        CodecParams m0 = s.params(PointSpec.m0("c", Variant.FLF2V, 0.004));
        assertEquals(0, m0.m());
        assertEquals(0, m0.mTail());
        assertNull(m0.keyframeQuality());

        EvalClip clip = new EvalClip("c", Path.of("c.y4m"), SyntheticScene.render(32, 32, 25, 1, 3, 1), 0);
        Set<String> prints = new HashSet<>();
        for (PointSpec spec : List.of(rc, PointSpec.gvcRateControlled("c", Variant.FLF2V, 0.008),
                PointSpec.gvc("c", Variant.FLF2V, 16, 0.004), PointSpec.gvc("c", Variant.FLF2V, 32, 0.004),
                PointSpec.gvc("c", Variant.FLF2V, 16, 0.008))) {
            assertTrue(prints.add(s.fingerprint(spec, clip)), "fingerprint of " + spec.key() + " repeats");
        }
        assertTrue(s.fingerprint(rc, clip).contains("m=rc") && s.fingerprint(rc, clip).contains("bpp=0.004"));
    }

    @Test
    void etaPricesPendingPointsByTheirCodecsMeasuredSpeed() {
        List<PointSpec> plan = List.of(PointSpec.gvcRateControlled("c", Variant.FLF2V, 0.004),
                PointSpec.gvcRateControlled("c", Variant.FLF2V, 0.008),
                PointSpec.baseline("c", "x265", 40), PointSpec.baseline("c", "x265", 30));
        SweepProgress p = new SweepProgress(plan, s -> 1.0, new PrintStream(new ByteArrayOutputStream()));
        assertTrue(Double.isNaN(p.eta(-1, 0)), "no ETA before any measurement");
        PointResult r = EvalResultStoreTest.point("bpp=0.004", "f", 1, null);
        p.done(0, r, 10.0);
        assertEquals(30.0, p.eta(-1, 0), 1e-9); // 3 points left at GVC's 10 s: x265 not measured yet
        p.done(2, r, 1.0);
        assertEquals(11.0, p.eta(-1, 0), 1e-9); // one GVC point (10 s) and one x265 point (1 s)
        assertEquals(5.0, p.eta(1, 6.0), 1e-9); // 6 s into the GVC point: 4 s of it left
        p.reused(1);
        p.reused(3);
        assertEquals(0.0, p.eta(-1, 0), 1e-9);
        assertEquals("1:01:05", SweepProgress.hms(3665));
    }
}
