package io.gvc.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gvc.codec.frame.Frame;
import io.gvc.codec.frame.Video;
import io.gvc.codec.frame.VideoFormat;
import io.gvc.codec.metrics.Psnr;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The per-frame table: LPIPS is computed once per frame for both the point's mean and the table, the
 * mean is the mean of the table's values, and every row says what the frame is and what it measured.
 */
class FrameTableTest {

    private static final VideoFormat FORMAT = new VideoFormat(16, 16, 25, 1);

    private static Frame flat(int y) {
        byte[] luma = new byte[16 * 16];
        Arrays.fill(luma, (byte) y);
        byte[] chroma = new byte[8 * 8];
        Arrays.fill(chroma, (byte) 128);
        return new Frame(16, 16, luma, chroma, chroma.clone());
    }

    @Test
    void lpipsIsMeasuredOncePerFrameAndItsMeanIsThePointsValue() throws Exception {
        Video source = new Video(FORMAT, List.of(flat(100), flat(100), flat(100)));
        Video decoded = new Video(FORMAT, List.of(flat(101), flat(104), flat(100)));
        AtomicInteger calls = new AtomicInteger();
        Measurement m = Measurement.of(source, decoded, (a, b) -> {
            calls.incrementAndGet();
            return Math.abs((a.y()[0] & 0xff) - (b.y()[0] & 0xff)) / 10.0;
        });
        Qualities q = m.qualities();
        assertArrayEquals(new double[] {0.1, 0.4, 0.0}, m.lpipsPerFrame(), 1e-12);
        assertEquals(0.5 / 3, q.get(Metric.LPIPS), 1e-12);
        assertEquals(3, calls.get(), "one model run per frame for the mean and the table together");
        double[] psnr = m.psnrYPerFrame();
        assertEquals(Psnr.psnrY(flat(100), flat(104)), psnr[1], 0.0);
        assertEquals(Psnr.MAX_DB, psnr[2], 0.0, "an exact frame is capped, not infinite");
        assertNull(Measurement.of(source, decoded, null).lpipsPerFrame());
    }

    @Test
    void eachRowSaysWhatTheFrameIsItsBytesAndItsQualities() {
        FrameTable.FrameKinds kinds = new FrameTable.FrameKinds(new String[] {"intra", "bridged", null},
                new long[] {1234, 0, 0});
        String csv = FrameTable.csv(kinds, new double[] {40.123456, 31.5, 100}, new double[] {0.1, 0.25, 0});
        assertEquals("""
                frame,kind,bytes,psnr_y,lpips
                0,intra,1234,40.1235,0.10000
                1,bridged,,31.5000,0.25000
                2,,,100.0000,0.00000
                """, csv);
        assertEquals("frame,kind,bytes,psnr_y,lpips\n0,,,30.0000,\n",
                FrameTable.csv(FrameTable.FrameKinds.unknown(1), new double[] {30}, null));
    }

    @Test
    void aTableIsReadBackNextToItsPoint(@TempDir Path dir) throws Exception {
        Path point = dir.resolve("clip").resolve("gvc-flf2v_bpp0.01.gvc");
        assertEquals(List.of(), FrameTable.read(point), "a point an older eval measured has no table");
        Measurement m = Measurement.of(new Video(FORMAT, List.of(flat(100), flat(100))),
                new Video(FORMAT, List.of(flat(100), flat(90))), null);
        Path written = FrameTable.write(point, new FrameTable.FrameKinds(new String[] {"intra", "bridged"},
                new long[] {7, 0}), m);
        assertEquals(dir.resolve("clip/frames/gvc-flf2v_bpp0.01_frames.csv"), written);
        List<FrameTable.Row> rows = FrameTable.read(point);
        assertEquals(2, rows.size());
        assertEquals("intra", rows.get(0).kind());
        assertTrue(rows.get(0).keyframe() && !rows.get(1).keyframe());
        assertEquals(Psnr.psnrY(flat(100), flat(90)), rows.get(1).psnrY(), 1e-4);
        assertTrue(Double.isNaN(rows.get(1).lpips()));
    }
}
