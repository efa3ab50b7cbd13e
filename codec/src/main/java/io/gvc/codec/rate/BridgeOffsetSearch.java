package io.gvc.codec.rate;

import io.gvc.codec.anchor.BridgeOffsets;
import io.gvc.codec.frame.Frame;
import io.gvc.codec.frame.Gop;

/**
 * The encoder's measurement of {@link BridgeOffsets}: for every frame between two keyframes, the
 * translation of its bridge picture (blending both sides) that brings the picture's luma closest to
 * the true frame's, in quarter pixels, found coarse to fine (8 pixels down to a quarter, each step a
 * descent over the four neighbours). An offset is kept only where it takes the squared error down by
 * at least {@link #MIN_GAIN}: a still camera sends none, so its packets carry no offset field.
 *
 * <p>The error is measured on every second pixel of every second row, {@link #MARGIN} pixels in from
 * the edges (where a translation brings in clamped border pixels), with bilinear quarter-pixel
 * sampling of the bridge picture; the decoder applies the offset inside the bridge's own sampling
 * instead, which differs only by that second interpolation.
 */
public final class BridgeOffsetSearch {

    /**
     * The least relative drop in squared error an offset must buy. Offsets cost 2 to 30 bits a frame;
     * a drop below 3 % (0.13 dB) is within what the second interpolation of the measurement changes.
     */
    static final double MIN_GAIN = 0.03;
    /** Pixels left out at each edge. */
    static final int MARGIN = 8;
    /** Search steps in quarter pixels, coarse to fine. */
    private static final int[] STEPS = {32, 16, 8, 4, 2, 1};

    private BridgeOffsetSearch() {
    }

    /**
     * The offsets of a GOP's bridged positions: those not marked {@code known} and at or after
     * {@code fromFrame}, each measured between {@code bridge[j]} and the GOP's frame j.
     */
    public static BridgeOffsets measure(Gop gop, Frame[] bridge, boolean[] known, int fromFrame) {
        int n = gop.size();
        int[] qx = new int[n], qy = new int[n];
        for (int j = fromFrame; j < n; j++) {
            if (known[j]) {
                continue;
            }
            int[] best = best(bridge[j].plane(0), gop.frame(j).plane(0), gop.frame(j).width(), gop.frame(j).height());
            qx[j] = best[0];
            qy[j] = best[1];
        }
        return BridgeOffsets.of(qx, qy);
    }

    /** The offset {qx, qy} (quarter pixels) of {@code picture} that best matches {@code truth}; {0, 0} unless it pays. */
    static int[] best(byte[] picture, byte[] truth, int w, int h) {
        long still = error(picture, truth, w, h, 0, 0);
        long bestError = still;
        int bx = 0, by = 0;
        for (int step : STEPS) {
            boolean moved = true;
            while (moved) {
                moved = false;
                int[][] around = {{bx + step, by}, {bx - step, by}, {bx, by + step}, {bx, by - step}};
                for (int[] c : around) {
                    if (Math.abs(c[0]) > BridgeOffsets.MAX_QUARTERS || Math.abs(c[1]) > BridgeOffsets.MAX_QUARTERS) {
                        continue;
                    }
                    long e = error(picture, truth, w, h, c[0], c[1]);
                    if (e < bestError) {
                        bestError = e;
                        bx = c[0];
                        by = c[1];
                        moved = true;
                    }
                }
            }
        }
        return bestError <= (1 - MIN_GAIN) * still ? new int[] {bx, by} : new int[] {0, 0};
    }

    /**
     * Sum of squared differences, in 16ths of a level, between {@code picture} sampled at p + q/4
     * (bilinear, edges clamped) and {@code truth} at p, over the measured grid.
     */
    static long error(byte[] picture, byte[] truth, int w, int h, int qx, int qy) {
        int mx = Math.min(MARGIN, w / 4), my = Math.min(MARGIN, h / 4);
        long sum = 0;
        for (int y = my; y < h - my; y += 2) {
            int y4 = 4 * y + qy;
            int y0 = clamp(y4 >> 2, h), y1 = clamp((y4 >> 2) + 1, h), fy = y4 & 3;
            for (int x = mx; x < w - mx; x += 2) {
                int x4 = 4 * x + qx;
                int x0 = clamp(x4 >> 2, w), x1 = clamp((x4 >> 2) + 1, w), fx = x4 & 3;
                int top = (picture[y0 * w + x0] & 0xFF) * (4 - fx) + (picture[y0 * w + x1] & 0xFF) * fx;
                int bottom = (picture[y1 * w + x0] & 0xFF) * (4 - fx) + (picture[y1 * w + x1] & 0xFF) * fx;
                int d = top * (4 - fy) + bottom * fy - 16 * (truth[y * w + x] & 0xFF);
                sum += (long) d * d;
            }
        }
        return sum;
    }

    private static int clamp(int v, int n) {
        return v < 0 ? 0 : Math.min(n - 1, v);
    }
}
