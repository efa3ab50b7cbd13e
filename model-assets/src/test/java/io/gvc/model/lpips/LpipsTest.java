package io.gvc.model.lpips;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.gvc.codec.frame.Frame;
import io.gvc.model.TestSupport;
import io.gvc.model.colour.YuvRgb;
import io.gvc.model.lpips.NpzReader.NpyArray;
import io.gvc.model.runtime.SessionConfig;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LpipsTest {

    /**
     * LPIPS(foreman frame 0, the same frame 3x3 box-blurred), RGB by full-range BT.601: ONNX Runtime 1.24.2
     * (CPU, one thread) gives 0.1283180714, the direct double-precision Java loops 0.1283180738.
     */
    static final double FOREMAN_BLUR_LPIPS = 0.12831807;

    static Path npz;
    static Frame frame;
    static Frame blurred;

    @TempDir
    static Path cache;

    @BeforeAll
    static void data() throws IOException {
        Path shared = TestSupport.shared();
        if (shared == null) {
            return;
        }
        Path w = shared.resolve("models/lpips/lpips_alex_full_torchlayout.npz");
        Path v = shared.resolve("data/video/foreman_cif.y4m");
        if (Files.isRegularFile(w) && Files.isRegularFile(v)) {
            npz = w;
            frame = TestSupport.y4mFrame(v, 0);
            blurred = boxBlur(frame);
        }
    }

    /** 3x3 box blur of every plane, edges replicated, rounded: a deterministic, visible degradation. */
    static Frame boxBlur(Frame f) {
        byte[][] planes = new byte[3][];
        for (int p = 0; p < 3; p++) {
            int w = f.planeWidth(p), h = f.planeHeight(p);
            byte[] src = f.plane(p), dst = new byte[src.length];
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    int s = 0;
                    for (int dy = -1; dy <= 1; dy++) {
                        for (int dx = -1; dx <= 1; dx++) {
                            int yy = Math.min(h - 1, Math.max(0, y + dy)), xx = Math.min(w - 1, Math.max(0, x + dx));
                            s += src[yy * w + xx] & 0xFF;
                        }
                    }
                    dst[y * w + x] = (byte) ((s + 4) / 9);
                }
            }
            planes[p] = dst;
        }
        return new Frame(f.width(), f.height(), planes[0], planes[1], planes[2]);
    }

    @Test
    void npzReaderParsesHeadersAndData() throws IOException {
        ByteArrayOutputStream zip = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(zip)) {
            z.putNextEntry(new ZipEntry("w.npy"));
            z.write(npy("<f4", "(2, 3)", 4, new double[] {1, 2, 3, 4, 5, -6.5}));
            z.closeEntry();
            z.putNextEntry(new ZipEntry("s.npy"));
            z.write(npy("<f8", "()", 8, new double[] {0.25}));
            z.closeEntry();
        }
        Path p = cache.resolve("t.npz");
        Files.write(p, zip.toByteArray());
        Map<String, NpyArray> m = NpzReader.read(p);
        assertArrayEquals(new long[] {2, 3}, m.get("w").shape());
        assertArrayEquals(new float[] {1, 2, 3, 4, 5, -6.5f}, m.get("w").data());
        assertArrayEquals(new long[0], m.get("s").shape());
        assertArrayEquals(new float[] {0.25f}, m.get("s").data());
    }

    static byte[] npy(String descr, String shape, int width, double[] values) {
        String header = "{'descr': '" + descr + "', 'fortran_order': False, 'shape': " + shape + ", }";
        int total = 10 + header.length() + 1;
        int pad = (64 - total % 64) % 64;
        header = header + " ".repeat(pad) + "\n";
        ByteBuffer b = ByteBuffer.allocate(10 + header.length() + width * values.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0});
        b.putShort((short) header.length());
        b.put(header.getBytes(StandardCharsets.ISO_8859_1));
        for (double v : values) {
            if (width == 4) {
                b.putFloat((float) v);
            } else {
                b.putDouble(v);
            }
        }
        return b.array();
    }

    @Test
    void sharedWeightsHaveTheDocumentedLayout() throws IOException {
        assumeTrue(npz != null, "../shared/models not present");
        Map<String, NpyArray> w = NpzReader.read(npz);
        assertEquals(15, w.size());
        assertArrayEquals(new long[] {64, 3, 11, 11}, w.get("features.0.weight").shape());
        assertArrayEquals(new long[] {1, 256, 1, 1}, w.get("lin4.model.1.weight").shape());
    }

    @Test
    void identicalPicturesAreAtDistanceZero() throws IOException {
        assumeTrue(npz != null, "../shared not present");
        try (Lpips lp = Lpips.open(npz, cache, SessionConfig.cpu())) {
            assertEquals(0.0, lp.distance(frame, frame), 0.0);
        }
    }

    @Test
    void blurredForemanAgreesWithTheDirectComputation() throws IOException {
        assumeTrue(npz != null, "../shared not present");
        float[] a = YuvRgb.toRgb(frame), b = YuvRgb.toRgb(blurred);
        double onnx;
        long t0 = System.nanoTime();
        try (Lpips lp = Lpips.open(npz, cache, SessionConfig.cpu())) {
            onnx = lp.distance(frame, blurred);
            long t1 = System.nanoTime();
            double again = lp.distance(a, b, frame.width(), frame.height());
            assertEquals(onnx, again, 0.0, "same inputs, same bits");
            System.out.printf("LPIPS onnx: %.10f (first call incl. graph build and session %.0f ms, second %.0f ms)%n",
                    onnx, (t1 - t0) / 1e6, (System.nanoTime() - t1) / 1e6);
        }
        long t2 = System.nanoTime();
        double direct = new DirectLpips(NpzReader.read(npz)).distance(a, b, frame.width(), frame.height());
        System.out.printf("LPIPS direct Java: %.10f (%.0f ms); difference %.2e%n", direct, (System.nanoTime() - t2) / 1e6,
                Math.abs(onnx - direct));
        assertEquals(direct, onnx, 1e-4);
        assertTrue(onnx > 0.05 && onnx < 0.6, "a visible blur should score in LPIPS's usual range, got " + onnx);
        assertEquals(FOREMAN_BLUR_LPIPS, onnx, 1e-6);
    }

    @Test
    void rgbConversionIsFullRangeBt601() {
        byte[] y = {(byte) 255, 0, (byte) 128, 76}, u = {(byte) 128}, v = {(byte) 128};
        Frame f = new Frame(2, 2, y, u, v);
        float[] rgb = YuvRgb.toRgb(f);
        assertEquals(1f, rgb[0], 1e-6f);
        assertEquals(-1f, rgb[1], 1e-6f);
        assertEquals(128 / 127.5f - 1f, rgb[2 * 4 + 2], 1e-6f);
        // pure red in full-range BT.601: Y 76, Cb 85, Cr 255
        Frame red = new Frame(2, 2, new byte[] {76, 76, 76, 76}, new byte[] {85}, new byte[] {(byte) 255});
        float[] r = YuvRgb.toRgb(red);
        assertEquals(1f, r[0], 0.01f);
        assertEquals(-1f, r[4], 0.01f);
        assertEquals(-1f, r[8], 0.02f);
    }
}
