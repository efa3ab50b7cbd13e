package io.gvc.cli.serve;

import io.gvc.codec.frame.Frame;
import io.gvc.model.colour.YuvRgb;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import javax.imageio.ImageIO;

/**
 * A YUV 4:2:0 picture as PNG, for the preview page. The colour conversion is the project's one
 * (full-range BT.601, {@link YuvRgb}), so the page shows the source as the quality metrics see it.
 */
final class FramePng {

    private FramePng() {
    }

    static byte[] encode(Frame f) throws IOException {
        int w = f.width(), h = f.height(), n = w * h;
        float[] rgb = YuvRgb.toRgb(f);
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        int[] row = new int[w];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int i = y * w + x;
                row[x] = byteOf(rgb[i]) << 16 | byteOf(rgb[n + i]) << 8 | byteOf(rgb[2 * n + i]);
            }
            img.setRGB(0, y, w, 1, row, 0, w);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, "png", out);
        return out.toByteArray();
    }

    /** [-1, 1] back to 0..255. */
    private static int byteOf(float unit) {
        return Math.max(0, Math.min(255, Math.round((unit + 1f) * 127.5f)));
    }
}
