package io.gvc.model.colour;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.gvc.codec.frame.Frame;
import org.junit.jupiter.api.Test;

class YuvRgbTest {

    private static Frame flat(int w, int h, int y, int u, int v) {
        Frame f = Frame.grey(w, h);
        java.util.Arrays.fill(f.y(), (byte) y);
        java.util.Arrays.fill(f.u(), (byte) u);
        java.util.Arrays.fill(f.v(), (byte) v);
        return f;
    }

    @Test
    void fullRangeBt601() {
        int n = 4 * 2;
        float[] grey = YuvRgb.toRgb(flat(4, 2, 128, 128, 128));
        for (float c : grey) {
            assertEquals(128 / 127.5 - 1, c, 1e-6);
        }
        float[] red = YuvRgb.toRgb(flat(4, 2, 76, 85, 255)); // JFIF red: R = 76 + 1.402 * 127 = 254.05
        assertEquals(254.054 / 127.5 - 1, red[0], 1e-4);
        assertEquals(-1f, red[2 * n], 1e-6, "blue clamps at 0");
        float[] white = YuvRgb.toRgb(flat(4, 2, 255, 128, 128));
        assertEquals(1f, white[n + 3], 1e-6);
    }

    @Test
    void fromRgbInvertsToRgbOnFlatColour() {
        float[] rgb = YuvRgb.toRgb(flat(6, 4, 90, 110, 150));
        float[][] yuv = YuvRgb.fromRgb(rgb, 6, 4);
        assertEquals(24, yuv[0].length);
        assertEquals(6, yuv[1].length, "chroma 3x2");
        for (float y : yuv[0]) {
            assertEquals(90, y, 0.05);
        }
        for (int c = 0; c < 6; c++) {
            assertEquals(110, yuv[1][c], 0.05);
            assertEquals(150, yuv[2][c], 0.05);
        }
    }

    @Test
    void chromaCoversItsTwoByTwoBlock() {
        Frame f = flat(4, 2, 128, 128, 128);
        f.v()[1] = (byte) 178; // the chroma sample of luma columns 2 and 3
        float[] rgb = YuvRgb.toRgb(f);
        assertEquals(128 / 127.5 - 1, rgb[1], 1e-6, "column 1 keeps grey");
        float red = (float) ((128 + 1.402 * 50) / 127.5 - 1);
        assertEquals(red, rgb[2], 1e-5);
        assertEquals(red, rgb[3], 1e-5);
        assertEquals(red, rgb[4 + 2], 1e-5, "second row too");
    }
}
