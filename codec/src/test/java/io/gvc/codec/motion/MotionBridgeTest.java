package io.gvc.codec.motion;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gvc.codec.frame.Frame;
import io.gvc.codec.metrics.Psnr;
import org.junit.jupiter.api.Test;

class MotionBridgeTest {

    private static final int W = 96, H = 64;

    /** Value noise: a hashed random level every 4 pixels, bilinear between (not periodic, so unambiguous). */
    private static double noise(double u, double v) {
        double gu = Math.floor(u / 4), gv = Math.floor(v / 4);
        double fu = u / 4 - gu, fv = v / 4 - gv;
        double a = level((long) gu, (long) gv), b = level((long) gu + 1, (long) gv);
        double c = level((long) gu, (long) gv + 1), d = level((long) gu + 1, (long) gv + 1);
        return (a * (1 - fu) + b * fu) * (1 - fv) + (c * (1 - fu) + d * fu) * fv;
    }

    private static double level(long x, long y) {
        long h = (x * 0x9E3779B97F4A7C15L) ^ (y * 0xC2B2AE3D27D4EB4FL);
        h ^= h >>> 29;
        h *= 0xBF58476D1CE4E5B9L;
        h ^= h >>> 32;
        return (h & 0xFFFF) / 65535.0;
    }

    /** A textured picture shifted by (dx, dy) luma pixels; chroma shifted by half. */
    private static Frame texture(double dx, double dy) {
        byte[][] planes = new byte[3][];
        for (int p = 0; p < 3; p++) {
            int w = p == 0 ? W : Frame.chromaWidth(W), h = p == 0 ? H : Frame.chromaHeight(H);
            double s = p == 0 ? 1 : 2;
            byte[] out = new byte[w * h];
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    double u = x * s - dx, v = y * s - dy;
                    double val = 40 + 170 * noise(u + 100 * p, v);
                    out[y * w + x] = (byte) Math.max(0, Math.min(255, (int) Math.round(val)));
                }
            }
            planes[p] = out;
        }
        return new Frame(W, H, planes[0], planes[1], planes[2]);
    }

    @Test
    void aStillFieldIsTheCrossFade() {
        Frame a = texture(0, 0), b = texture(5, 3);
        Frame mid = new MotionBridge(a, b, MotionField.still(W, H, MotionSearch.BLOCK)).at(0.25f);
        for (int p = 0; p < 3; p++) {
            byte[] fa = a.plane(p), fb = b.plane(p), m = mid.plane(p);
            for (int i = 0; i < m.length; i++) {
                int expected = (int) Math.floor(0.75f * (fa[i] & 0xFF) + 0.25f * (fb[i] & 0xFF) + 0.5f);
                assertEquals(expected, m[i] & 0xFF, "plane " + p + " pixel " + i);
            }
        }
    }

    /** The texture with a flat dark square where {@code x0 <= x < x0 + side, y0 <= y < y0 + side} (luma). */
    private static Frame withSquare(Frame f, int x0, int y0, int side) {
        byte[][] planes = new byte[3][];
        for (int p = 0; p < 3; p++) {
            int w = f.planeWidth(p), s = p == 0 ? 1 : 2;
            planes[p] = f.plane(p).clone();
            for (int y = y0 / s; y < (y0 + side) / s; y++) {
                for (int x = x0 / s; x < (x0 + side) / s; x++) {
                    planes[p][y * w + x] = (byte) 10;
                }
            }
        }
        return new Frame(W, H, planes[0], planes[1], planes[2]);
    }

    /**
     * Something that appears between the keyframes: the blend shows it at half strength over the
     * background (a ghost), the other modes show one keyframe there, and everywhere the sides agree
     * all three give the same blend.
     */
    @Test
    void whereTheSidesDisagreeTheBridgeShowsOneSideInsteadOfAGhost() {
        Frame first = texture(0, 0), last = withSquare(first, 32, 16, 32);
        MotionBridge bridge = new MotionBridge(first, last, MotionField.still(W, H, MotionSearch.BLOCK));
        Frame blend = bridge.at(0.5f), showFirst = bridge.at(0.5f, Disagreement.SHOW_FIRST);
        Frame showLast = bridge.at(0.5f, Disagreement.SHOW_LAST);
        int ghost = 0;
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                int i = y * W + x;
                boolean inside = x >= 32 + 6 && x < 64 - 6 && y >= 16 + 6 && y < 48 - 6;
                boolean farOutside = x < 32 - 10 || x >= 64 + 10 || y < 16 - 10 || y >= 48 + 10;
                if (inside) {
                    assertEquals(first.plane(0)[i], showFirst.plane(0)[i], "first's side at " + x + "," + y);
                    assertEquals(10, showLast.plane(0)[i] & 0xFF, "last's side at " + x + "," + y);
                    if (Math.abs((blend.plane(0)[i] & 0xFF) - (first.plane(0)[i] & 0xFF)) > 10) {
                        ghost++;
                    }
                } else if (farOutside) {
                    assertEquals(blend.plane(0)[i], showFirst.plane(0)[i], "agreement at " + x + "," + y);
                    assertEquals(blend.plane(0)[i], showLast.plane(0)[i], "agreement at " + x + "," + y);
                }
            }
        }
        assertTrue(ghost > 300, "the blend ghosts the square: " + ghost + " of 400 pixels");
    }

    /**
     * A uniform shift the search finds: the two motion-compensated sides agree away from the
     * borders (where content enters and leaves), so there every mode gives the blend.
     */
    @Test
    void whereMotionIsFoundTheSidesAgreeAndEveryModeIsTheBlend() {
        MotionBridge bridge = MotionBridge.between(texture(0, 0), texture(8, -4));
        Frame blend = bridge.at(0.5f), showFirst = bridge.at(0.5f, Disagreement.SHOW_FIRST);
        Frame showLast = bridge.at(0.5f, Disagreement.SHOW_LAST);
        for (int y = 24; y < H - 24; y++) {
            for (int x = 24; x < W - 24; x++) {
                int i = y * W + x;
                assertEquals(blend.plane(0)[i], showFirst.plane(0)[i], "first at " + x + "," + y);
                assertEquals(blend.plane(0)[i], showLast.plane(0)[i], "last at " + x + "," + y);
            }
        }
    }

    @Test
    void findsAUniformShiftAndBridgesItBetterThanTheCrossFade() {
        Frame a = texture(0, 0), b = texture(8, -4);
        MotionField field = MotionSearch.estimate(a.plane(0), b.plane(0), W, H);
        // the interior blocks (away from the borders, where content enters and leaves) see (8, -4)
        int right = 0;
        for (int by = 1; by < field.rows() - 1; by++) {
            for (int bx = 1; bx < field.cols() - 1; bx++) {
                if (field.vx(bx, by) == 8 && field.vy(bx, by) == -4) {
                    right++;
                }
            }
        }
        int interior = (field.rows() - 2) * (field.cols() - 2);
        assertTrue(right >= interior * 9 / 10, right + " of " + interior + " interior blocks found (8, -4)");

        Frame truth = texture(4, -2);
        Frame bridged = new MotionBridge(a, b, field).at(0.5f);
        Frame faded = new MotionBridge(a, b, MotionField.still(W, H, MotionSearch.BLOCK)).at(0.5f);
        double bridgePsnr = Psnr.psnrY(truth, bridged);
        double fadePsnr = Psnr.psnrY(truth, faded);
        assertTrue(bridgePsnr > fadePsnr + 6, "bridge " + bridgePsnr + " dB, cross-fade " + fadePsnr + " dB");
    }

    @Test
    void theSamePicturesGiveTheSameBridgeBitForBit() {
        Frame a = texture(0, 0), b = texture(3.5, 2.25);
        Frame one = MotionBridge.between(a, b).at(0.4f);
        Frame two = MotionBridge.between(texture(0, 0), texture(3.5, 2.25)).at(0.4f);
        for (int p = 0; p < 3; p++) {
            assertArrayEquals(one.plane(p), two.plane(p));
        }
    }

    @Test
    void theEndsOfTheBridgeAreTheBoundaries() {
        Frame a = texture(0, 0), b = texture(6, 2);
        MotionBridge bridge = MotionBridge.between(a, b);
        assertArrayEquals(a.plane(0), bridge.at(0f).plane(0));
        assertArrayEquals(b.plane(0), bridge.at(1f).plane(0));
    }
}
