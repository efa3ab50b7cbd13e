package io.gvc.codec.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gvc.codec.frame.Frame;
import io.gvc.codec.frame.Video;
import io.gvc.codec.frame.VideoFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PsnrTest {

    private static Frame shifted(Frame f, int dy, int du, int dv) {
        return new Frame(f.width(), f.height(), add(f.y(), dy), add(f.u(), du), add(f.v(), dv));
    }

    private static byte[] add(byte[] p, int d) {
        byte[] out = new byte[p.length];
        for (int i = 0; i < p.length; i++) {
            out[i] = (byte) Math.min(255, Math.max(0, (p[i] & 0xFF) + d));
        }
        return out;
    }

    @Test
    void allSamplesOffByTwoGivesTwentyLog10Of255Over2() {
        Frame a = Frame.grey(17, 9); // odd size: chroma 9x5
        Frame b = shifted(a, 2, -2, 2);
        YuvSse s = Psnr.frameSse(a, b);
        assertEquals(4L * 17 * 9, s.sseY());
        assertEquals(4L * 9 * 5, s.sseU());
        assertEquals(4L * 9 * 5, s.sseV());
        assertEquals(17 * 9, s.pixelsY());
        assertEquals(9 * 5, s.pixelsC());
        double expected = 20 * Math.log10(255.0 / 2.0);
        assertEquals(expected, Psnr.psnrY(a, b), 1e-12);
        assertEquals(expected, s.psnrU(), 1e-12);
        assertEquals(expected, Psnr.psnrYuv(a, b), 1e-12);
        assertEquals(4.0, s.mseY(), 0.0);
    }

    @Test
    void sseTreatsBytesAsUnsigned() {
        byte[] a = {(byte) 0, (byte) 255, (byte) 200};
        byte[] b = {(byte) 255, (byte) 0, (byte) 100};
        assertEquals(255L * 255 * 2 + 100 * 100, Psnr.sse(a, b));
    }

    @Test
    void sseIsExactOnLargeMaximalError() {
        // Exercises the int partial sums: every sample differs by 255, more samples than one 32768 block.
        int n = 100_003;
        byte[] a = new byte[n];
        byte[] b = new byte[n];
        java.util.Arrays.fill(b, (byte) 255);
        assertEquals(65025L * n, Psnr.sse(a, b));
        assertEquals(0.0, Psnr.psnr(65025L * n, n), 1e-12);
    }

    @Test
    void identicalFramesReportTheHundredDecibelCap() {
        Frame a = Frame.grey(8, 8);
        assertEquals(100.0, Psnr.psnrY(a, a), 0.0);
        assertEquals(100.0, Psnr.psnrYuv(a, a), 0.0);
        // A finite value above the cap is capped too, so the cap is a ceiling, not a special case.
        assertEquals(100.0, Psnr.psnr(1, 10_000_000L), 0.0);
        assertTrue(Psnr.psnr(1, 1000) < 100.0);
    }

    @Test
    void weightedYuvIsSixOneOne() {
        assertEquals((6 * 40.0 + 44.0 + 46.0) / 8, Psnr.weightedYuv(40, 44, 46), 1e-12);
        Frame a = Frame.grey(16, 16);
        Frame b = shifted(a, 1, 4, 8);
        double y = 20 * Math.log10(255.0), u = 20 * Math.log10(255.0 / 4), v = 20 * Math.log10(255.0 / 8);
        assertEquals((6 * y + u + v) / 8, Psnr.psnrYuv(a, b), 1e-12);
    }

    @Test
    void accumulatorEqualsCombinedPerFrameTotalsInAnyGrouping() {
        Random rnd = new Random(1234);
        int w = 33, h = 21;
        List<Frame> ref = new ArrayList<>();
        List<Frame> rec = new ArrayList<>();
        for (int f = 0; f < 7; f++) {
            Frame a = Frame.grey(w, h);
            byte[] y = a.y().clone(), u = a.u().clone(), v = a.v().clone();
            for (byte[] p : new byte[][] {y, u, v}) {
                for (int i = 0; i < p.length; i++) {
                    p[i] = (byte) (128 + rnd.nextInt(2 * f + 3) - (f + 1));
                }
            }
            ref.add(a);
            rec.add(new Frame(w, h, y, u, v));
        }
        long sy = 0, su = 0, sv = 0;
        PsnrAccumulator perFrame = new PsnrAccumulator();
        for (int f = 0; f < 7; f++) {
            YuvSse s = Psnr.frameSse(ref.get(f), rec.get(f));
            sy += s.sseY();
            su += s.sseU();
            sv += s.sseV();
            perFrame.add(ref.get(f), rec.get(f));
        }
        long py = 7L * w * h, pc = 7L * Frame.chromaWidth(w) * Frame.chromaHeight(h);
        double expectedY = 10 * Math.log10(255.0 * 255.0 * py / sy);
        assertEquals(expectedY, perFrame.psnrY(), 1e-12);
        assertEquals(10 * Math.log10(255.0 * 255.0 * pc / su), perFrame.psnrU(), 1e-12);
        assertEquals(new YuvSse(sy, su, sv, py, pc), perFrame.total());

        // Per-GOP SSE (as stored in the bitstream) combined: GOPs of 3, 3 and 1 frames.
        PsnrAccumulator byGop = new PsnrAccumulator();
        int[][] gops = {{0, 3}, {3, 6}, {6, 7}};
        for (int[] g : gops) {
            PsnrAccumulator gop = new PsnrAccumulator();
            for (int f = g[0]; f < g[1]; f++) {
                gop.add(ref.get(f), rec.get(f));
            }
            YuvSse t = gop.total();
            byGop.add(t.sseY(), t.sseU(), t.sseV(), t.pixelsY(), t.pixelsC());
        }
        assertEquals(perFrame.total(), byGop.total());
        assertEquals(perFrame.psnrYuv(), byGop.psnrYuv(), 0.0);

        VideoFormat fmt = new VideoFormat(w, h, 25, 1);
        assertEquals(perFrame.total(), Psnr.sequenceSse(new Video(fmt, ref), new Video(fmt, rec)));
        PsnrAccumulator merged = new PsnrAccumulator().add(byGop).add(new PsnrAccumulator());
        assertEquals(perFrame.total(), merged.total());
    }

    @Test
    void rejectsMismatchedInput() {
        assertThrows(IllegalArgumentException.class, () -> Psnr.psnrY(Frame.grey(8, 8), Frame.grey(8, 6)));
        assertThrows(IllegalArgumentException.class, () -> Psnr.psnr(0, 0));
        assertThrows(IllegalArgumentException.class, () -> new PsnrAccumulator().psnrY());
        assertThrows(IllegalArgumentException.class, () -> new PsnrAccumulator().add(-1, 0, 0, 1, 1));
    }
}
