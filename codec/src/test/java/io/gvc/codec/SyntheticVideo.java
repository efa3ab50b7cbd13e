package io.gvc.codec;

import io.gvc.codec.frame.Frame;
import io.gvc.codec.frame.Video;
import io.gvc.codec.frame.VideoFormat;
import java.util.ArrayList;
import java.util.List;

/**
 * Small deterministic test clips for the engine tests: a textured background panning to the right by
 * {@code pan} pixels per frame, and a bright square moving diagonally across it. Integer arithmetic
 * only, so every run sees exactly the same samples.
 */
public final class SyntheticVideo {

    private SyntheticVideo() {
    }

    public static Video clip(int width, int height, int frames) {
        return clip(width, height, frames, 1);
    }

    public static Video clip(int width, int height, int frames, int pan) {
        List<Frame> out = new ArrayList<>(frames);
        int cw = Frame.chromaWidth(width), ch = Frame.chromaHeight(height);
        int side = Math.max(4, Math.min(width, height) / 4);
        for (int t = 0; t < frames; t++) {
            byte[] y = new byte[width * height];
            byte[] u = new byte[cw * ch];
            byte[] v = new byte[cw * ch];
            int sx = (t * 3) % Math.max(1, width - side), sy = (t * 2) % Math.max(1, height - side);
            for (int r = 0; r < height; r++) {
                for (int c = 0; c < width; c++) {
                    int val = background(c + pan * t, r);
                    if (c >= sx && c < sx + side && r >= sy && r < sy + side) {
                        val = 220 - ((c - sx) * 3 + (r - sy) * 2) % 16;
                    }
                    y[r * width + c] = (byte) val;
                }
            }
            for (int r = 0; r < ch; r++) {
                for (int c = 0; c < cw; c++) {
                    int bx = 2 * c + pan * t;
                    boolean inSquare = 2 * c >= sx && 2 * c < sx + side && 2 * r >= sy && 2 * r < sy + side;
                    u[r * cw + c] = (byte) (inSquare ? 90 : 128 + (background(bx, 2 * r) - 128) / 6);
                    v[r * cw + c] = (byte) (inSquare ? 170 : 128 - (background(bx + 7, 2 * r + 3) - 128) / 8);
                }
            }
            out.add(new Frame(width, height, y, u, v));
        }
        return new Video(new VideoFormat(width, height, 25, 1), out);
    }

    /** A smooth ramp with stripes, blocks and a hashed texture, in 16..235. */
    public static int background(int x, int y) {
        int stripes = ((x / 6 + y / 9) & 1) * 24;
        int ramp = (x * 2 + y * 3) % 64;
        int blocks = (((x >> 4) * 7 + (y >> 4) * 13) % 5) * 10;
        int h = x * 374761393 + y * 668265263;
        h = (h ^ (h >>> 13)) * 1274126177;
        int noise = ((h ^ (h >>> 16)) & 15) - 8;
        int val = 60 + ramp + stripes + blocks + noise;
        return Math.max(16, Math.min(235, val));
    }
}
