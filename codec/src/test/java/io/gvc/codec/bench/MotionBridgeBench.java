package io.gvc.codec.bench;

import io.gvc.codec.frame.Frame;
import io.gvc.codec.motion.MotionBridge;
import io.gvc.codec.motion.MotionField;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * One bridged picture of a 320x240 GOP (three planes, bicubic, the bilateral vector found per
 * sample): what the encoder's plan decision builds for every bridged frame of every plan, and the
 * decoder for every bridged frame it outputs. The field varies from block to block (a zoom), so
 * vectors are fractional nearly everywhere, as between real keyframes. At the middle of a segment
 * (every segment of two frames, the dense plans) and a quarter of the way.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class MotionBridgeBench {

    static final int W = 320, H = 240, BLOCK = 8;

    private MotionBridge bridge;

    @Setup
    public void setup() {
        Frame first = texture(0), last = texture(3);
        int cols = W / BLOCK, rows = H / BLOCK;
        int[] vx = new int[cols * rows], vy = new int[cols * rows];
        for (int by = 0; by < rows; by++) {
            for (int bx = 0; bx < cols; bx++) {
                vx[by * cols + bx] = (bx - cols / 2) / 4;
                vy[by * cols + bx] = (by - rows / 2) / 4;
            }
        }
        bridge = new MotionBridge(first, last, new MotionField(BLOCK, cols, rows, vx, vy));
    }

    /** A smooth textured picture, moved {@code shift} pixels to the right. */
    private static Frame texture(int shift) {
        byte[][] planes = new byte[3][];
        for (int p = 0; p < 3; p++) {
            int w = p == 0 ? W : W / 2, h = p == 0 ? H : H / 2;
            planes[p] = new byte[w * h];
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    double v = 128 + 60 * Math.sin((x - shift) * 0.21 + p) * Math.cos(y * 0.17) + 30 * Math.sin((x + y) * 0.05);
                    planes[p][y * w + x] = (byte) Math.max(0, Math.min(255, (int) v));
                }
            }
        }
        return new Frame(W, H, planes[0], planes[1], planes[2]);
    }

    @Benchmark
    public Frame middle() {
        return bridge.at(0.5f);
    }

    @Benchmark
    public Frame quarter() {
        return bridge.at(0.25f);
    }
}
