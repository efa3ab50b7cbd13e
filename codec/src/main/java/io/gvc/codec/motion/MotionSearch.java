package io.gvc.codec.motion;

import java.util.Arrays;

/**
 * Estimates the bilateral {@link MotionField} between two decoded luma planes: hierarchical block
 * matching, coarse to fine, so that motion over a long gap (a 33-frame GOP) is found where a flat
 * search saturates (GVC-ALGORITHM.md section 8).
 *
 * <p>Each level halves the picture; the top level searches a full window, every finer level refines
 * twice the parent's vector by a small window, and also tries its left and upper neighbours'
 * vectors. A block's cost is the sum of absolute differences between the first picture at
 * p - v/2 and the last at p + v/2 (half-pel positions averaged), plus {@link #LAMBDA} times the
 * distance to the median of the neighbours already chosen: flat areas then follow their
 * surroundings instead of noise. Integer arithmetic in raster order: encoder and decoder (which both
 * run it on the same decoded pictures) get the same field, bit for bit.
 */
public final class MotionSearch {

    /** Block side at every level, in that level's pixels. */
    public static final int BLOCK = 8;
    /** Search radius at the top level, in top-level pixels. */
    static final int TOP_RADIUS = 6;
    /** Refinement radius at finer levels. */
    static final int REFINE_RADIUS = 2;
    /**
     * Smoothness weight per pixel of vector distance, in units of 4 x |pixel difference| per pixel.
     * Chosen on training clips only (man-skiing, yoga, solidWhiteRight at GOP 9): 8 followed fast
     * motion best, 32 kept flat areas still; 16 is between and the encoder falls back to the
     * cross-fade per GOP where the bridge measures worse.
     */
    static final int LAMBDA = 16;
    /** The coarsest level keeps at least this many pixels on its shorter side. */
    static final int MIN_LEVEL_SIDE = 24;
    static final int MAX_LEVELS = 5;

    private MotionSearch() {
    }

    /** The field between luma planes {@code first} and {@code last}, both {@code width x height}. */
    public static MotionField estimate(byte[] first, byte[] last, int width, int height) {
        int[][] a = pyramid(first, width, height);
        int[][] b = pyramid(last, width, height);
        int levels = a.length;
        int[] w = new int[levels], h = new int[levels];
        w[0] = width;
        h[0] = height;
        for (int l = 1; l < levels; l++) {
            w[l] = w[l - 1] / 2;
            h[l] = h[l - 1] / 2;
        }
        int[] pvx = null, pvy = null;
        int pcols = 0, prows = 0;
        MotionField field = null;
        for (int l = levels - 1; l >= 0; l--) {
            int cols = (w[l] + BLOCK - 1) / BLOCK, rows = (h[l] + BLOCK - 1) / BLOCK;
            int[] vx = new int[cols * rows], vy = new int[cols * rows];
            for (int by = 0; by < rows; by++) {
                for (int bx = 0; bx < cols; bx++) {
                    int cx = 0, cy = 0;
                    int radius = TOP_RADIUS;
                    if (pvx != null) {
                        int px = Math.min(pcols - 1, bx / 2), py = Math.min(prows - 1, by / 2);
                        cx = 2 * pvx[py * pcols + px];
                        cy = 2 * pvy[py * pcols + px];
                        radius = REFINE_RADIUS;
                    }
                    int[] pred = median(vx, vy, cols, bx, by, cx, cy);
                    Block blk = new Block(a[l], b[l], w[l], h[l], bx * BLOCK, by * BLOCK, pred[0], pred[1]);
                    blk.window(cx, cy, radius);
                    if (bx > 0) {
                        blk.window(vx[by * cols + bx - 1], vy[by * cols + bx - 1], 0);
                    }
                    if (by > 0) {
                        blk.window(vx[(by - 1) * cols + bx], vy[(by - 1) * cols + bx], 0);
                    }
                    blk.window(0, 0, 0); // standing still is always a candidate
                    vx[by * cols + bx] = blk.bestX;
                    vy[by * cols + bx] = blk.bestY;
                }
            }
            pvx = vx;
            pvy = vy;
            pcols = cols;
            prows = rows;
            if (l == 0) {
                field = new MotionField(BLOCK, cols, rows, medianFilter(vx, cols, rows), medianFilter(vy, cols, rows));
            }
        }
        return field;
    }

    /** One block's search: keeps the cheapest vector seen, the first one on ties. */
    private static final class Block {
        final int[] a, b;
        final int w, h, x0, y0, predX, predY;
        int bestX, bestY;
        long bestCost = Long.MAX_VALUE;

        Block(int[] a, int[] b, int w, int h, int x0, int y0, int predX, int predY) {
            this.a = a;
            this.b = b;
            this.w = w;
            this.h = h;
            this.x0 = x0;
            this.y0 = y0;
            this.predX = predX;
            this.predY = predY;
        }

        void window(int cx, int cy, int radius) {
            for (int dy = -radius; dy <= radius; dy++) {
                for (int dx = -radius; dx <= radius; dx++) {
                    consider(cx + dx, cy + dy);
                }
            }
        }

        void consider(int vx, int vy) {
            long cost = (long) LAMBDA * BLOCK * BLOCK / 4 * (Math.abs(vx - predX) + Math.abs(vy - predY));
            if (cost >= bestCost) {
                return;
            }
            int x1 = Math.min(w, x0 + BLOCK), y1 = Math.min(h, y0 + BLOCK);
            for (int y = y0; y < y1 && cost < bestCost; y++) {
                for (int x = x0; x < x1; x++) {
                    // doubled coordinates: first at 2p - v, last at 2p + v
                    int sa = sample4(a, w, h, 2 * x - vx, 2 * y - vy);
                    int sb = sample4(b, w, h, 2 * x + vx, 2 * y + vy);
                    cost += Math.abs(sa - sb);
                }
            }
            if (cost < bestCost) {
                bestCost = cost;
                bestX = vx;
                bestY = vy;
            }
        }
    }

    /** Four times the plane's value at doubled coordinates (X2/2, Y2/2), edges clamped. */
    static int sample4(int[] p, int w, int h, int x2, int y2) {
        int x = x2 >> 1, y = y2 >> 1;
        int xa = clamp(x, w), ya = clamp(y, h);
        int xb = clamp(x + (x2 & 1), w), yb = clamp(y + (y2 & 1), h);
        return p[ya * w + xa] + p[ya * w + xb] + p[yb * w + xa] + p[yb * w + xb];
    }

    private static int clamp(int v, int n) {
        return v < 0 ? 0 : Math.min(n - 1, v);
    }

    /** Median of the left, upper and upper-right vectors already chosen, or the fallback. */
    private static int[] median(int[] vx, int[] vy, int cols, int bx, int by, int fx, int fy) {
        if (by == 0 && bx == 0) {
            return new int[] {fx, fy};
        }
        if (by == 0) {
            return new int[] {vx[bx - 1], vy[bx - 1]};
        }
        int up = (by - 1) * cols + bx;
        int left = bx > 0 ? by * cols + bx - 1 : up;
        int upRight = bx + 1 < cols ? up + 1 : up;
        return new int[] {med3(vx[left], vx[up], vx[upRight]), med3(vy[left], vy[up], vy[upRight])};
    }

    private static int med3(int a, int b, int c) {
        return Math.max(Math.min(a, b), Math.min(Math.max(a, b), c));
    }

    /** 3x3 median per component: removes isolated wrong vectors, keeps motion edges. */
    static int[] medianFilter(int[] v, int cols, int rows) {
        int[] out = new int[v.length];
        int[] win = new int[9];
        for (int y = 0; y < rows; y++) {
            for (int x = 0; x < cols; x++) {
                int n = 0;
                for (int dy = -1; dy <= 1; dy++) {
                    for (int dx = -1; dx <= 1; dx++) {
                        win[n++] = v[clamp(y + dy, rows) * cols + clamp(x + dx, cols)];
                    }
                }
                Arrays.sort(win);
                out[y * cols + x] = win[4];
            }
        }
        return out;
    }

    /** Level 0 is the plane as ints, each further level a 2x2 average (rounded) of the one below. */
    static int[][] pyramid(byte[] plane, int width, int height) {
        int levels = 1;
        int w = width, h = height;
        while (levels < MAX_LEVELS && Math.min(w / 2, h / 2) >= MIN_LEVEL_SIDE) {
            w /= 2;
            h /= 2;
            levels++;
        }
        int[][] out = new int[levels][];
        out[0] = new int[width * height];
        for (int i = 0; i < out[0].length; i++) {
            out[0][i] = plane[i] & 0xFF;
        }
        w = width;
        h = height;
        for (int l = 1; l < levels; l++) {
            int nw = w / 2, nh = h / 2;
            int[] src = out[l - 1], dst = new int[nw * nh];
            for (int y = 0; y < nh; y++) {
                for (int x = 0; x < nw; x++) {
                    int s = 2 * y * w + 2 * x;
                    dst[y * nw + x] = (src[s] + src[s + 1] + src[s + w] + src[s + w + 1] + 2) >> 2;
                }
            }
            out[l] = dst;
            w = nw;
            h = nh;
        }
        return out;
    }
}
