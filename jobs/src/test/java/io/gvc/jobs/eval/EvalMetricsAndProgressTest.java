package io.gvc.jobs.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gvc.codec.frame.Frame;
import io.gvc.codec.frame.Video;
import io.gvc.codec.frame.VideoFormat;
import io.gvc.codec.variant.Variant;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * How eval pools the metrics (the metrics themselves are checked against reference values in codec's
 * PsnrTest and MsSsimTest), the sweep's order, and the ETA.
 */
class EvalMetricsAndProgressTest {

    @Test
    void psnrIsPooledOverTheClipAndLpipsIsNullWithoutWeights() throws Exception {
        VideoFormat f = new VideoFormat(64, 64, 25, 1);
        Frame a = EvalInterpTest.flat(64, 64, 100, 128, 128);
        Frame off2 = EvalInterpTest.flat(64, 64, 102, 128, 128); // every luma sample 2 off
        Video src = new Video(f, List.of(a, a));
        QualityMetrics.Quality q = QualityMetrics.measure(src, new Video(f, List.of(off2, a)), null);
        // SSE pooled over both frames: MSE 2 over the clip, 10 log10(255^2 / 2) dB, not the mean of 42.1 and 100
        assertEquals(10 * Math.log10(255.0 * 255.0 / 2), q.psnrY(), 1e-9);
        assertEquals(100.0, q.psnrU(), 0.0);
        assertEquals((6 * q.psnrY() + 200) / 8, q.psnrYuv(), 1e-9);
        assertTrue(q.msSsim() > 0.9 && q.msSsim() < 1.0, "flat frames 2 apart: " + q.msSsim());
        assertEquals(1.0, QualityMetrics.measure(src, src, null).msSsim(), 1e-12);
        assertNull(q.lpips());
    }

    @Test
    void planRunsGvcThenBaselinesThenInterpPerClip() {
        SweepPlan plan = SweepPlan.of(List.of("a", "b"), List.of(Variant.FLF2V, Variant.T2V), List.of(64, 16, 16),
                List.of("interp", "x265"), List.of(51, 40), List.of(50));
        List<String> keys = plan.points().stream().map(PointSpec::key).toList();
        assertEquals(List.of("a/gvc-flf2v/m=16", "a/gvc-flf2v/m=64", "a/gvc-t2v/m=16", "a/gvc-t2v/m=64",
                "a/x265/crf=51", "a/x265/crf=40", "a/interp/q=50"), keys.subList(0, 7));
        assertEquals(14, plan.size());
        assertEquals("gvc-t2v_m16.gvc", plan.points().get(2).fileName());
        assertEquals("x265_crf51.hevc", plan.points().get(4).fileName());
    }

    @Test
    void etaPricesPendingPointsByTheirCodecsMeasuredSpeed() {
        List<PointSpec> plan = List.of(PointSpec.gvc("c", Variant.FLF2V, 16), PointSpec.gvc("c", Variant.FLF2V, 32),
                PointSpec.baseline("c", "x265", 40), PointSpec.baseline("c", "x265", 30));
        SweepProgress p = new SweepProgress(plan, s -> 1.0, new PrintStream(new ByteArrayOutputStream()));
        assertTrue(Double.isNaN(p.eta(-1, 0)), "no ETA before any measurement");
        PointResult r = EvalResultStoreTest.point("m=16", "f", 1, null);
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
