package io.gvc.codec.fuzz;

import io.gvc.codec.frame.Frame;
import io.gvc.codec.frame.Video;
import io.gvc.codec.frame.VideoFormat;
import java.util.ArrayList;
import java.util.List;

/**
 * The clip fuzzers encode: a bright square moving over a ramp. Tiny on purpose, so a mutation that
 * survives the checksums decodes in milliseconds and 10^5 of them fit in minutes; deterministic, so
 * every run mutates the same streams.
 */
public final class FuzzClip {

    private FuzzClip() {
    }

    public static Video movingSquare(int width, int height, int frames) {
        List<Frame> out = new ArrayList<>(frames);
        int cw = Frame.chromaWidth(width), ch = Frame.chromaHeight(height);
        int side = Math.max(2, Math.min(width, height) / 3);
        for (int t = 0; t < frames; t++) {
            byte[] y = new byte[width * height], u = new byte[cw * ch], v = new byte[cw * ch];
            int sx = (t * 2) % Math.max(1, width - side), sy = t % Math.max(1, height - side);
            for (int r = 0; r < height; r++) {
                for (int c = 0; c < width; c++) {
                    boolean square = c >= sx && c < sx + side && r >= sy && r < sy + side;
                    y[r * width + c] = (byte) (square ? 220 : 40 + (2 * c + r) % 160);
                }
            }
            java.util.Arrays.fill(u, (byte) 120);
            java.util.Arrays.fill(v, (byte) (130 + t % 64));
            out.add(new Frame(width, height, y, u, v));
        }
        return new Video(new VideoFormat(width, height, 25, 1), out);
    }
}
