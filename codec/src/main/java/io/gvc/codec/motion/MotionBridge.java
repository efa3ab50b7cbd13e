package io.gvc.codec.motion;

import io.gvc.codec.frame.Frame;

/**
 * The motion-compensated bridge between two decoded boundary pictures: the picture at GOP position
 * a (0 = first, 1 = last) is
 * <pre>
 *   bridge_a(p) = (1 - a) first(p - a v(p)) + a last(p + (1 - a) v(p))
 * </pre>
 * with v the {@link MotionField} interpolated bilinearly between block centres (so there are no
 * block edges) and the pictures sampled bilinearly. Where nothing moves this is the cross-fade;
 * where something moves it is moved instead of shown twice. Float arithmetic in a fixed order per
 * pixel, every pixel on its own: the same bits on any machine and at any thread count.
 */
public final class MotionBridge {

    private final Frame first;
    private final Frame last;
    /** Per plane, the vector at every pixel, in that plane's pixels. */
    private final float[][] vx = new float[3][];
    private final float[][] vy = new float[3][];

    public MotionBridge(Frame first, Frame last, MotionField field) {
        if (first.width() != last.width() || first.height() != last.height()) {
            throw new IllegalArgumentException("boundaries differ in size: " + first.width() + "x" + first.height()
                    + " and " + last.width() + "x" + last.height());
        }
        this.first = first;
        this.last = last;
        for (int p = 0; p < 3; p++) {
            int w = first.planeWidth(p), h = first.planeHeight(p);
            int scale = p == 0 ? 1 : 2; // luma pixels per plane pixel
            vx[p] = new float[w * h];
            vy[p] = new float[w * h];
            for (int y = 0; y < h; y++) {
                float ly = y * scale + (scale - 1) * 0.5f; // the sample's centre in luma pixels
                for (int x = 0; x < w; x++) {
                    float lx = x * scale + (scale - 1) * 0.5f;
                    vx[p][y * w + x] = interpolate(field, field.vx(), lx, ly) / scale;
                    vy[p][y * w + x] = interpolate(field, field.vy(), lx, ly) / scale;
                }
            }
        }
    }

    /** Estimates the field on the luma planes and builds the bridge. */
    public static MotionBridge between(Frame first, Frame last) {
        return new MotionBridge(first, last,
                MotionSearch.estimate(first.plane(0), last.plane(0), first.width(), first.height()));
    }

    /** The bridge picture at position {@code a} in [0, 1], the two sides blended everywhere. */
    public Frame at(float a) {
        return at(a, Disagreement.BLEND);
    }

    /**
     * The bridge picture at position {@code a} in [0, 1]; where the two sides disagree
     * ({@link DisagreementMask}, measured on luma) it shows what {@code where} says, moving the blend
     * weight of the last side from a toward 0 (first) or 1 (last) by the mask's weight.
     */
    public Frame at(float a, Disagreement where) {
        return at(a, where, 0f, 0f);
    }

    /**
     * {@link #at(float, Disagreement)} translated by ({@code dx}, {@code dy}) luma pixels: both
     * keyframes are sampled that much further, so the picture shows what the bridge shows at
     * p + (dx, dy) (with the vector of p). Where the camera shook, the encoder measures and sends
     * this ({@link io.gvc.codec.anchor.BridgeOffsets}); 0, 0 is the bridge itself, bit for bit.
     */
    public Frame at(float a, Disagreement where, float dx, float dy) {
        float wa = 1f - a;
        float[][] sa = new float[3][], sb = new float[3][];
        for (int p = 0; p < 3; p++) {
            int w = first.planeWidth(p), h = first.planeHeight(p);
            byte[] fa = first.plane(p), fb = last.plane(p);
            float[] px = vx[p], py = vy[p];
            int scale = p == 0 ? 1 : 2; // luma pixels per plane pixel
            float ox = dx / scale, oy = dy / scale;
            sa[p] = new float[w * h];
            sb[p] = new float[w * h];
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    int i = y * w + x;
                    sa[p][i] = sample(fa, w, h, x + ox - a * px[i], y + oy - a * py[i]);
                    sb[p][i] = sample(fb, w, h, x + ox + wa * px[i], y + oy + wa * py[i]);
                }
            }
        }
        int lw = first.width(), lh = first.height();
        float[] mask = where == Disagreement.BLEND ? null : DisagreementMask.of(sa[0], sb[0], lw, lh);
        float side = where == Disagreement.SHOW_LAST ? 1f : 0f;
        byte[][] planes = new byte[3][];
        for (int p = 0; p < 3; p++) {
            int w = first.planeWidth(p), h = first.planeHeight(p);
            byte[] out = new byte[w * h];
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    int i = y * w + x;
                    float v;
                    if (mask == null) {
                        v = wa * sa[p][i] + a * sb[p][i]; // as in bitstream versions 3 and 4
                    } else {
                        float t = p == 0 ? mask[i] : DisagreementMask.chroma(mask, lw, lh, x, y);
                        float wb = a + t * (side - a);
                        v = (1f - wb) * sa[p][i] + wb * sb[p][i];
                    }
                    int q = (int) Math.floor(v + 0.5f);
                    out[i] = (byte) (q < 0 ? 0 : Math.min(255, q));
                }
            }
            planes[p] = out;
        }
        return new Frame(first.width(), first.height(), planes[0], planes[1], planes[2]);
    }

    /** The field at luma position (lx, ly), bilinear between block centres, edges clamped. */
    private static float interpolate(MotionField f, int[] v, float lx, float ly) {
        float half = f.block() * 0.5f - 0.5f;
        float gx = clampf((lx - half) / f.block(), f.cols() - 1), gy = clampf((ly - half) / f.block(), f.rows() - 1);
        int x0 = (int) gx, y0 = (int) gy;
        int x1 = Math.min(f.cols() - 1, x0 + 1), y1 = Math.min(f.rows() - 1, y0 + 1);
        float fx = gx - x0, fy = gy - y0;
        float top = v[y0 * f.cols() + x0] * (1f - fx) + v[y0 * f.cols() + x1] * fx;
        float bottom = v[y1 * f.cols() + x0] * (1f - fx) + v[y1 * f.cols() + x1] * fx;
        return top * (1f - fy) + bottom * fy;
    }

    /** Bilinear sample of an 8-bit plane at (x, y), edges clamped. */
    static float sample(byte[] p, int w, int h, float x, float y) {
        x = clampf(x, w - 1);
        y = clampf(y, h - 1);
        int x0 = (int) x, y0 = (int) y;
        int x1 = Math.min(w - 1, x0 + 1), y1 = Math.min(h - 1, y0 + 1);
        float fx = x - x0, fy = y - y0;
        float top = (p[y0 * w + x0] & 0xFF) * (1f - fx) + (p[y0 * w + x1] & 0xFF) * fx;
        float bottom = (p[y1 * w + x0] & 0xFF) * (1f - fx) + (p[y1 * w + x1] & 0xFF) * fx;
        return top * (1f - fy) + bottom * fy;
    }

    private static float clampf(float v, int max) {
        return v < 0f ? 0f : Math.min(max, v);
    }
}
