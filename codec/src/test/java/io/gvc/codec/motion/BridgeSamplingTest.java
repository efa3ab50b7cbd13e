package io.gvc.codec.motion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gvc.codec.frame.Frame;
import io.gvc.codec.metrics.Psnr;
import org.junit.jupiter.api.Test;

/**
 * How the bridge (bitstream version 7) samples its keyframes: along the vector of the point that is
 * at a place at that time, and bicubically. Each threshold sits between what version 6's sampling
 * gave (the vector of the place, bilinear) and what this one gives, measured on these pictures
 * (pure arithmetic: the same bits on every machine).
 */
class BridgeSamplingTest {

    private static final int W = 128, H = 64;

    /** Detail at every pixel, not periodic: a hashed level at every whole position, bilinear between. */
    private static double detail(double u, double v, int salt) {
        double gu = Math.floor(u), gv = Math.floor(v);
        double fu = u - gu, fv = v - gv;
        double a = level((long) gu, (long) gv, salt), b = level((long) gu + 1, (long) gv, salt);
        double c = level((long) gu, (long) gv + 1, salt), d = level((long) gu + 1, (long) gv + 1, salt);
        return (a * (1 - fu) + b * fu) * (1 - fv) + (c * (1 - fu) + d * fu) * fv;
    }

    private static double level(long x, long y, int salt) {
        long h = (x * 0x9E3779B97F4A7C15L) ^ (y * 0xC2B2AE3D27D4EB4FL) ^ (salt * 0x165667B19E3779F9L);
        h ^= h >>> 29;
        h *= 0xBF58476D1CE4E5B9L;
        h ^= h >>> 32;
        return (h & 0xFFFF) / 65535.0;
    }

    /**
     * The background zoomed about the picture's centre: the content that is at m midway is at
     * c + (m - c)(1 + (t - 1/2) k) at time t, so at time t the picture at p shows the content of
     * c + (p - c) / (1 + (t - 1/2) k).
     */
    private static Frame zoomed(double t) {
        double f = 1 + (t - 0.5) * ZOOM;
        return picture((lx, ly, p) -> 20 + 200 * detail((W / 2.0 + (lx - W / 2.0) / f) / 1.5,
                (H / 2.0 + (ly - H / 2.0) / f) / 1.5, 7 + p));
    }

    /** What a plane shows at luma position (lx, ly). */
    private interface Content {
        double at(double lx, double ly, int plane);
    }

    /** The picture of {@code content}, each sample taken at its centre in luma pixels, rounded. */
    private static Frame picture(Content content) {
        byte[][] planes = new byte[3][];
        for (int p = 0; p < 3; p++) {
            int w = p == 0 ? W : Frame.chromaWidth(W), h = p == 0 ? H : Frame.chromaHeight(H);
            int s = p == 0 ? 1 : 2;
            byte[] out = new byte[w * h];
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    out[y * w + x] = (byte) (int) Math.round(content.at(x * s + (s - 1) * 0.5, y * s + (s - 1) * 0.5, p));
                }
            }
            planes[p] = out;
        }
        return new Frame(W, H, planes[0], planes[1], planes[2]);
    }

    private static final double ZOOM = 0.25;

    /** The zoom's bilateral field, exact at every block centre: v(m) = k (m - c), whole pixels. */
    private static MotionField zoomField() {
        int cols = W / 8, rows = H / 8;
        int[] vx = new int[cols * rows], vy = new int[cols * rows];
        for (int by = 0; by < rows; by++) {
            for (int bx = 0; bx < cols; bx++) {
                vx[by * cols + bx] = (int) Math.round(ZOOM * (bx * 8 + 3.5 - W / 2.0 + 0.5));
                vy[by * cols + bx] = (int) Math.round(ZOOM * (by * 8 + 3.5 - H / 2.0 + 0.5));
            }
        }
        return new MotionField(8, cols, rows, vx, vy);
    }

    @Test
    void aZoomIsFollowedWithTheVectorOfThePointThatIsThereAtThatTime() {
        MotionBridge bridge = new MotionBridge(zoomed(0), zoomed(1), zoomField());
        double psnr = Psnr.psnrY(zoomed(0.25), bridge.at(0.25f));
        // the vector of the place (version 6, FLOW_ITERATIONS = 0) gives 26.25 dB here, this 26.83
        assertTrue(psnr > 26.5, "bridge at a = 1/4: " + psnr + " dB");
    }

    @Test
    void aHalfPixelShiftKeepsTheDetailThatBilinearSamplingBlurs() {
        // a uniform displacement of 1 pixel: the picture midway samples both keyframes half a pixel away
        int cols = W / 8, rows = H / 8;
        int[] vx = new int[cols * rows];
        java.util.Arrays.fill(vx, 1);
        MotionBridge bridge = new MotionBridge(shifted(0), shifted(1), new MotionField(8, cols, rows, vx,
                new int[cols * rows]));
        double psnr = Psnr.psnrY(shifted(0.5), bridge.at(0.5f));
        // bilinear sampling (version 6) gives 33.97 dB here, bicubic 35.89
        assertTrue(psnr > 35, "bridge at a = 1/2: " + psnr + " dB");
    }

    @Test
    void atTheMiddleTheVectorIsTheFieldAtThePlaceItselfAsEveryStepFindsIt() {
        // vectorAt skips its fixed-point steps at a = 1/2, where each starts from m = q again; the
        // answer must be the field interpolated at q, bit for bit, wherever the field varies
        float[] px = new float[W * H], py = new float[W * H];
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                px[y * W + x] = (x % 7) * 0.37f - (y % 5) * 0.61f;
                py[y * W + x] = (y % 9) * 0.29f - (x % 3) * 0.83f;
            }
        }
        float[] out = new float[2];
        for (float qy = 0.25f; qy < H - 1; qy += 3.7f) {
            for (float qx = 0.5f; qx < W - 1; qx += 2.3f) {
                MotionBridge.vectorAt(px, py, W, H, qx, qy, 0.5f, out);
                int x0 = (int) qx, y0 = (int) qy;
                float fx = qx - x0, fy = qy - y0;
                int i00 = y0 * W + x0, i01 = i00 + 1, i10 = i00 + W, i11 = i10 + 1;
                float ux = (px[i00] * (1f - fx) + px[i01] * fx) * (1f - fy) + (px[i10] * (1f - fx) + px[i11] * fx) * fy;
                float uy = (py[i00] * (1f - fx) + py[i01] * fx) * (1f - fy) + (py[i10] * (1f - fx) + py[i11] * fx) * fy;
                assertEquals(ux, out[0], 0f, "x at " + qx + ", " + qy);
                assertEquals(uy, out[1], 0f, "y at " + qx + ", " + qy);
            }
        }
    }

    /** The background alone, shifted right by {@code dx} pixels. */
    private static Frame shifted(double dx) {
        return picture((lx, ly, p) -> 20 + 90 * detail((lx - dx) / 1.5, ly / 1.5, 7 + p));
    }
}
