package io.gvc.codec.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gvc.codec.frame.Frame;
import io.gvc.codec.frame.Video;
import io.gvc.codec.frame.VideoFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * SSIM behaviour, plus agreement with an independent tool.
 *
 * <p>Reference values come from scikit-image 0.26.0 (numpy 2.4.6, scipy 1.17.1, Python 3.11.7), installed
 * in a throw-away virtual environment, on the pictures of {@link TestImages} re-written in Python:
 * <pre>
 * # pattern.py
 * def base(w, h):
 *     a = np.zeros((h, w), dtype=np.int64)
 *     for i in range(h):
 *         for j in range(w):
 *             a[i, j] = ((i*i + 2*j*j) // 301 + 3*i + ((i*j) % 23) * 4 + ((i // 8 + j // 8) % 2) * 40) % 256
 *     return a
 * def distorted(a, amp):
 *     h, w = a.shape
 *     b = np.zeros_like(a)
 *     for i in range(h):
 *         for j in range(w):
 *             blur = (2*a[i, j] + a[i, min(j+1, w-1)] + a[min(i+1, h-1), j]) // 4
 *             n = ((i*73856093) ^ (j*19349663)) % (2*amp + 1) - amp
 *             b[i, j] = min(255, max(0, blur + n))
 *     return b
 * # ssim_ref.py
 * from skimage.metrics import structural_similarity
 * for (w, h, amp) in [(64, 48, 5), (176, 144, 5), (97, 61, 12), (176, 144, 0)]:
 *     a = base(w, h); b = distorted(a, amp)
 *     print(w, h, amp, structural_similarity(a.astype(np.float64), b.astype(np.float64),
 *           gaussian_weights=True, sigma=1.5, use_sample_covariance=False, data_range=255))
 * </pre>
 * run as {@code python ssim_ref.py}.
 */
class SsimTest {

    @Test
    void matchesScikitImage() {
        assertSkimage(64, 48, 5, 0.7593615267071063);
        assertSkimage(176, 144, 5, 0.7632103024991748);
        assertSkimage(97, 61, 12, 0.7440983183124272);
        assertSkimage(176, 144, 0, 0.766655976968248);
    }

    private static void assertSkimage(int w, int h, int amp, double expected) {
        byte[] a = TestImages.base(w, h);
        byte[] b = TestImages.distorted(a, w, h, amp);
        assertEquals(expected, Ssim.ssim(a, b, w, h), 1e-14, w + "x" + h + " amp " + amp);
    }

    @Test
    void matchesDirectFormulaIncludingShrunkWindows() {
        int[][] sizes = {{40, 30}, {23, 17}, {11, 9}, {9, 7}, {12, 4}, {5, 1}};
        for (int[] s : sizes) {
            int w = s[0], h = s[1];
            byte[] a = TestImages.base(w, h);
            byte[] b = TestImages.distorted(a, w, h, 9);
            assertEquals(directSsim(a, b, w, h), Ssim.ssim(a, b, w, h), 1e-12, w + "x" + h);
        }
    }

    @Test
    void identicalPlanesGiveOne() {
        byte[] a = TestImages.base(64, 48);
        assertEquals(1.0, Ssim.ssim(a, a.clone(), 64, 48), 1e-12);
        Frame f = TestImages.frame(a, 64, 48);
        for (int p = 0; p < 3; p++) {
            assertEquals(1.0, Ssim.ssim(f, f, p), 1e-12);
        }
        // Flat planes: all variances 0, SSIM still 1.
        assertEquals(1.0, Ssim.ssim(Frame.grey(32, 32), Frame.grey(32, 32)), 1e-12);
    }

    @Test
    void constantShiftLowersOnlyLuminance() {
        int w = 64, h = 48;
        byte[] a = TestImages.base(w, h);
        byte[] shifted = new byte[a.length];
        for (int i = 0; i < a.length; i++) {
            shifted[i] = (byte) Math.min(255, Math.max(0, (a[i] & 0xFF) - 20));
        }
        double s = Ssim.ssim(a, shifted, w, h);
        assertTrue(s > 0 && s < 1, "ssim " + s);
    }

    @Test
    void decreasesWithNoise() {
        int w = 96, h = 64;
        byte[] a = TestImages.base(w, h);
        double previous = 1.0;
        for (double sigma : new double[] {1, 3, 8, 20, 50}) {
            byte[] b = TestImages.withNoise(a, 42, sigma);
            double s = Ssim.ssim(a, b, w, h);
            assertTrue(s > 0 && s < previous, "sigma " + sigma + ": " + s + " after " + previous);
            previous = s;
        }
    }

    @Test
    void perFrameAndSequenceMean() {
        int w = 48, h = 32;
        byte[] a = TestImages.base(w, h);
        Frame f0 = TestImages.frame(a, w, h);
        Frame g0 = TestImages.frame(TestImages.distorted(a, w, h, 3), w, h);
        Frame g1 = TestImages.frame(TestImages.distorted(a, w, h, 15), w, h);
        VideoFormat fmt = new VideoFormat(w, h, 30, 1);
        Video ref = new Video(fmt, List.of(f0, f0));
        Video rec = new Video(fmt, List.of(g0, g1));
        double s0 = Ssim.ssim(f0, g0), s1 = Ssim.ssim(f0, g1);
        assertArrayEquals(new double[] {s0, s1}, Ssim.perFrame(ref, rec), 0.0);
        assertEquals((s0 + s1) / 2, Ssim.sequenceMean(ref, rec), 1e-15);
        assertEquals(Ssim.ssim(f0.u(), g1.u(), f0.chromaWidth(), f0.chromaHeight()), Ssim.perFrame(ref, rec, 1)[1],
                0.0);
        assertThrows(IllegalArgumentException.class,
                () -> Ssim.perFrame(ref, new Video(fmt, List.of(g0))));
    }

    @Test
    void rejectsMismatchedPlanes() {
        assertThrows(IllegalArgumentException.class, () -> Ssim.ssim(new byte[12], new byte[12], 4, 4));
        assertThrows(IllegalArgumentException.class, () -> Ssim.ssim(Frame.grey(16, 16), Frame.grey(16, 14)));
    }

    /**
     * Straight from the definition: for every window position wholly inside the plane, weighted means,
     * variances and covariance with the 2-D weights g(i)·g(j), nothing shared between positions.
     */
    static double directSsim(byte[] a, byte[] b, int w, int h) {
        return DirectSsim.means(DirectSsim.toDouble(a), DirectSsim.toDouble(b), w, h)[0];
    }
}
