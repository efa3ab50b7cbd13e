package io.gvc.codec.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gvc.codec.frame.Frame;
import io.gvc.codec.frame.Video;
import io.gvc.codec.frame.VideoFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * MS-SSIM behaviour, plus agreement with the reference implementation pytorch_msssim.
 *
 * <p>Reference values: {@code pytorch_msssim/ssim.py} of VainF/pytorch-msssim at commit
 * 0180eae9026db5216c779f7ff2d4524f6a8477bd (function {@code ms_ssim}, unchanged), run with torch 2.13.0+cpu,
 * numpy 2.4.6, Python 3.11.7, on the {@link TestImages} pictures (the Python twin is in {@link SsimTest}):
 * <pre>
 * coords = torch.arange(11, dtype=torch.float64) - 5
 * g = torch.exp(-(coords**2) / (2*1.5**2)); g /= g.sum()          # the library's window, built in float64
 * X = torch.from_numpy(base(w, h).astype(np.float64)).view(1, 1, h, w)
 * Y = torch.from_numpy(distorted(base(w, h), amp).astype(np.float64)).view(1, 1, h, w)
 * ms_ssim(X, Y, data_range=255, win=g.view(1, 1, 1, 11))
 * </pre>
 * gives 0.9671772171300975 (amp 5) and 0.9587828415542168 (amp 20). The library builds the scale weights
 * with {@code torch.FloatTensor}, i.e. rounded to float32 before the cast to float64, which moves the result
 * by ~3e-11; with that one line replaced by {@code torch.tensor(weights, dtype=torch.float64)} it gives
 * 0.9671772170991092 and 0.9587828415549003. With the library's defaults (float32 throughout) the values are
 * 0.9671772718429565 and 0.9587829113006592, within float32 rounding. Sizes are divisible by 16, where
 * pytorch_msssim's zero padding of odd sizes never comes into play.
 */
class MsSsimTest {

    @Test
    void matchesPytorchMsssim() {
        // Unmodified library in float64: differs only through its float32-rounded scale weights.
        assertReference(256, 192, 5, 0.9671772171300975, 1e-10);
        assertReference(256, 192, 20, 0.9587828415542168, 1e-10);
        // Library with float64 scale weights: agreement to rounding.
        assertReference(256, 192, 5, 0.9671772170991092, 1e-13);
        assertReference(256, 192, 20, 0.9587828415549003, 1e-13);
    }

    private static void assertReference(int w, int h, int amp, double expected, double tolerance) {
        byte[] a = TestImages.base(w, h);
        byte[] b = TestImages.distorted(a, w, h, amp);
        assertEquals(expected, MsSsim.msSsim(a, b, w, h), tolerance, w + "x" + h + " amp " + amp);
    }

    /**
     * Odd sizes against tf.image.ssim_multiscale (tensorflow-cpu 2.21.0, numpy 2.4.6, Python 3.11.7), whose
     * symmetric padding of odd sizes is the convention chosen here:
     * <pre>
     * A = tf.constant(base(w, h).astype(np.float32).reshape(h, w, 1))
     * B = tf.constant(distorted(base(w, h), 7).astype(np.float32).reshape(h, w, 1))
     * tf.image.ssim_multiscale(A, B, max_val=255.0)
     * </pre>
     * tf computes in float32 (it converts its inputs), hence the tolerance; on the even 256x192 pictures it
     * gives 0.967177152633667 and 0.9587827324867249, within 7e-8 of the float64 values above. pytorch_msssim,
     * which zero-pads odd sizes, gives 0.9662459173605259 and 0.9661469708542737 here (float64), 2e-4 away, so
     * this check does tell the two conventions apart.
     */
    @Test
    void oddSizesMatchTensorflow() {
        byte[] a = TestImages.base(200, 180);
        assertEquals(0.9660273790359497, MsSsim.msSsim(a, TestImages.distorted(a, 200, 180, 7), 200, 180), 2e-7);
        byte[] c = TestImages.base(201, 183);
        assertEquals(0.9659908413887024, MsSsim.msSsim(c, TestImages.distorted(c, 201, 183, 7), 201, 183), 2e-7);
        byte[] e = TestImages.base(256, 192);
        assertEquals(0.967177152633667, MsSsim.msSsim(e, TestImages.distorted(e, 256, 192, 5), 256, 192), 2e-7);
    }

    @Test
    void isTheWeightedProductOfPerScaleTerms() {
        // Odd sizes at several scales (201 -> 101 -> 51 -> 26 -> 13, 183 -> 92 -> 46 -> 23 -> 12).
        int w = 201, h = 183;
        byte[] a = TestImages.base(w, h);
        byte[] b = TestImages.distorted(a, w, h, 7);
        double[] x = DirectSsim.toDouble(a), y = DirectSsim.toDouble(b);
        double expected = 1;
        int cw = w, ch = h;
        for (int s = 0; s < 5; s++) {
            double[] st = DirectSsim.means(x, y, cw, ch);
            expected *= Math.pow(Math.max(s < 4 ? st[1] : st[0], 0), MsSsim.WEIGHTS[s]);
            x = pool(x, cw, ch);
            y = pool(y, cw, ch);
            cw = (cw + 1) / 2;
            ch = (ch + 1) / 2;
        }
        assertEquals(expected, MsSsim.msSsim(a, b, w, h), 1e-12);
    }

    @Test
    void oddSizesPairTheLastSampleWithItself() {
        double[] x = {
            1, 2, 3,
            4, 5, 6,
            7, 8, 9};
        assertArrayEquals(new double[] {3, 4.5, 7.5, 9}, SsimCore.downsample(x, 3, 3), 0.0);
    }

    @Test
    void identicalGivesOneAndNoiseLowersIt() {
        int w = 176, h = 144; // QCIF: scale 5 is 11x9, measured with a 9x9 window
        byte[] a = TestImages.base(w, h);
        assertEquals(1.0, MsSsim.msSsim(a, a.clone(), w, h), 1e-12);
        double previous = 1.0;
        for (double sigma : new double[] {1, 4, 12, 30}) {
            byte[] b = TestImages.withNoise(a, 7, sigma);
            double v = MsSsim.msSsim(a, b, w, h);
            assertTrue(v > 0 && v < previous, "sigma " + sigma + ": " + v + " after " + previous);
            previous = v;
        }
    }

    @Test
    void smallPicturesStillMeasure() {
        for (int[] s : new int[][] {{64, 48}, {17, 13}, {8, 8}, {3, 2}}) {
            byte[] a = TestImages.base(s[0], s[1]);
            byte[] b = TestImages.distorted(a, s[0], s[1], 6);
            double v = MsSsim.msSsim(a, b, s[0], s[1]);
            assertTrue(v >= 0 && v <= 1, s[0] + "x" + s[1] + ": " + v);
            assertEquals(1.0, MsSsim.msSsim(a, a, s[0], s[1]), 1e-12);
        }
    }

    @Test
    void negativeContrastStructureIsClampedToZero() {
        // A pixel checkerboard against its inverse: perfectly anti-correlated at the finest scale.
        int w = 64, h = 64;
        byte[] a = new byte[w * h];
        byte[] b = new byte[w * h];
        for (int i = 0; i < h; i++) {
            for (int j = 0; j < w; j++) {
                boolean on = ((i + j) & 1) == 0;
                a[i * w + j] = (byte) (on ? 255 : 0);
                b[i * w + j] = (byte) (on ? 0 : 255);
            }
        }
        assertTrue(SsimCore.stats(DirectSsim.toDouble(a), DirectSsim.toDouble(b), w, h)[1] < 0);
        assertEquals(0.0, MsSsim.msSsim(a, b, w, h), 0.0);
    }

    @Test
    void framesAndSequences() {
        int w = 64, h = 48;
        byte[] a = TestImages.base(w, h);
        Frame f = TestImages.frame(a, w, h);
        Frame g = TestImages.frame(TestImages.distorted(a, w, h, 4), w, h);
        assertEquals(MsSsim.msSsim(a, g.y(), w, h), MsSsim.msSsim(f, g), 0.0);
        assertEquals(MsSsim.msSsim(f.v(), g.v(), f.chromaWidth(), f.chromaHeight()), MsSsim.msSsim(f, g, 2), 0.0);
        VideoFormat fmt = new VideoFormat(w, h, 24, 1);
        Video ref = new Video(fmt, List.of(f, f));
        Video rec = new Video(fmt, List.of(f, g));
        double[] per = MsSsim.perFrame(ref, rec);
        assertEquals(1.0, per[0], 1e-12);
        assertEquals(MsSsim.msSsim(f, g), per[1], 0.0);
        assertEquals((per[0] + per[1]) / 2, MsSsim.sequenceMean(ref, rec), 1e-15);
    }

    /** Independent 2x2 pooling with edge replication (clamped indices). */
    private static double[] pool(double[] x, int w, int h) {
        int ow = (w + 1) / 2, oh = (h + 1) / 2;
        double[] o = new double[ow * oh];
        for (int i = 0; i < oh; i++) {
            for (int j = 0; j < ow; j++) {
                double s = 0;
                for (int di = 0; di < 2; di++) {
                    for (int dj = 0; dj < 2; dj++) {
                        s += x[Math.min(2 * i + di, h - 1) * w + Math.min(2 * j + dj, w - 1)];
                    }
                }
                o[i * ow + j] = s / 4;
            }
        }
        return o;
    }
}
