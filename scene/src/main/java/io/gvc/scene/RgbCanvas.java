package io.gvc.scene;

import io.gvc.codec.frame.Frame;

/**
 * A picture being painted, one packed 0xRRGGBB int per pixel, turned into an I420 {@link Frame} at
 * the end. Painting in RGB keeps blending simple (and chroma subsampling happens once, on the final
 * picture, as a camera's would); a flat int array keeps the per-pixel loops free of boxing.
 *
 * <p>Pixel (x, y) covers [x, x+1) x [y, y+1); shapes are sampled at pixel centres with an
 * anti-aliased edge, so an object moving by a fraction of a pixel changes its edge pixels a little
 * instead of jumping a whole pixel now and then (real cameras integrate light the same way).
 */
final class RgbCanvas {

    final int width;
    final int height;
    final int[] rgb;

    RgbCanvas(int width, int height) {
        this.width = width;
        this.height = height;
        this.rgb = new int[width * height];
    }

    static int rgb(int r, int g, int b) {
        return (clamp8(r) << 16) | (clamp8(g) << 8) | clamp8(b);
    }

    static int clamp8(int v) {
        return v < 0 ? 0 : Math.min(v, 255);
    }

    /** {@code a} and {@code b} mixed, {@code t} = 0 gives a, 1 gives b. */
    static int mix(int a, int b, double t) {
        int ar = (a >> 16) & 255, ag = (a >> 8) & 255, ab = a & 255;
        int br = (b >> 16) & 255, bg = (b >> 8) & 255, bb = b & 255;
        return rgb(ar + (int) Math.round((br - ar) * t), ag + (int) Math.round((bg - ag) * t),
                ab + (int) Math.round((bb - ab) * t));
    }

    /** Every channel times {@code f} (brightness). */
    static int scale(int c, double f) {
        return rgb((int) Math.round(((c >> 16) & 255) * f), (int) Math.round(((c >> 8) & 255) * f),
                (int) Math.round((c & 255) * f));
    }

    /** Every channel plus {@code d} (texture noise). */
    static int offset(int c, int d) {
        return rgb(((c >> 16) & 255) + d, ((c >> 8) & 255) + d, (c & 255) + d);
    }

    void set(int x, int y, int colour) {
        rgb[y * width + x] = colour;
    }

    /** Paints {@code colour} over pixel (x, y) with opacity {@code alpha} (0..1). */
    void blend(int x, int y, int colour, double alpha) {
        if (alpha <= 0) {
            return;
        }
        int i = y * width + x;
        rgb[i] = alpha >= 1 ? colour : mix(rgb[i], colour, alpha);
    }

    /** Axis-aligned rectangle [x0, x1) x [y0, y1), clipped. */
    void fillRect(int x0, int y0, int x1, int y1, int colour, double alpha) {
        int xa = Math.max(0, x0), xb = Math.min(width, x1), ya = Math.max(0, y0), yb = Math.min(height, y1);
        for (int y = ya; y < yb; y++) {
            for (int x = xa; x < xb; x++) {
                blend(x, y, colour, alpha);
            }
        }
    }

    /** Filled ellipse with an anti-aliased edge (about one pixel wide), clipped. */
    void fillEllipse(double cx, double cy, double rx, double ry, int colour, double alpha) {
        if (rx <= 0 || ry <= 0) {
            return;
        }
        int x0 = Math.max(0, (int) Math.floor(cx - rx - 1)), x1 = Math.min(width - 1, (int) Math.ceil(cx + rx + 1));
        int y0 = Math.max(0, (int) Math.floor(cy - ry - 1)), y1 = Math.min(height - 1, (int) Math.ceil(cy + ry + 1));
        for (int y = y0; y <= y1; y++) {
            double ny = (y + 0.5 - cy) / ry;
            for (int x = x0; x <= x1; x++) {
                double nx = (x + 0.5 - cx) / rx;
                blend(x, y, colour, alpha * coverage(ellipseDistance(nx, ny, rx, ry)));
            }
        }
    }

    /** An ellipse outline of the given line width (pixels), anti-aliased, clipped. */
    void strokeEllipse(double cx, double cy, double rx, double ry, double lineWidth, int colour, double alpha) {
        double half = lineWidth / 2;
        int x0 = Math.max(0, (int) Math.floor(cx - rx - half - 1));
        int x1 = Math.min(width - 1, (int) Math.ceil(cx + rx + half + 1));
        int y0 = Math.max(0, (int) Math.floor(cy - ry - half - 1));
        int y1 = Math.min(height - 1, (int) Math.ceil(cy + ry + half + 1));
        for (int y = y0; y <= y1; y++) {
            double ny = (y + 0.5 - cy) / ry;
            for (int x = x0; x <= x1; x++) {
                double nx = (x + 0.5 - cx) / rx;
                double d = Math.abs(ellipseDistance(nx, ny, rx, ry));
                blend(x, y, colour, alpha * coverage(d - half));
            }
        }
    }

    /**
     * Approximate signed distance in pixels from a point to the ellipse edge, the point given in
     * units of the radii: (r - 1) / |grad r|, exact on circles and close enough on the rest.
     */
    private static double ellipseDistance(double nx, double ny, double rx, double ry) {
        double r = Math.sqrt(nx * nx + ny * ny);
        if (r < 1e-9) {
            return -Math.min(rx, ry);
        }
        double gx = nx / rx, gy = ny / ry;
        double grad = Math.sqrt(gx * gx + gy * gy) / r;
        return (r - 1) / grad;
    }

    /** Share of a pixel inside a shape whose edge is {@code d} pixels from the pixel centre (negative inside). */
    static double coverage(double d) {
        return d <= -0.5 ? 1 : d >= 0.5 ? 0 : 0.5 - d;
    }

    /**
     * The picture as I420, BT.601 limited range (what y4m and the codec assume). Chroma is the
     * average of each 2x2 block's colour, so the picture needs even sides.
     */
    Frame toFrame() {
        int cw = width / 2, ch = height / 2;
        byte[] y = new byte[width * height];
        byte[] u = new byte[cw * ch];
        byte[] v = new byte[cw * ch];
        for (int i = 0; i < rgb.length; i++) {
            int c = rgb[i];
            int r = (c >> 16) & 255, g = (c >> 8) & 255, b = c & 255;
            y[i] = (byte) (((66 * r + 129 * g + 25 * b + 128) >> 8) + 16);
        }
        for (int cy = 0; cy < ch; cy++) {
            for (int cx = 0; cx < cw; cx++) {
                int i = 2 * cy * width + 2 * cx;
                int r = 0, g = 0, b = 0;
                for (int k = 0; k < 4; k++) {
                    int c = rgb[i + (k & 1) + (k >> 1) * width];
                    r += (c >> 16) & 255;
                    g += (c >> 8) & 255;
                    b += c & 255;
                }
                // sums of four: the >> 10 divides by 4 and by 256 at once
                u[cy * cw + cx] = (byte) (((-38 * r - 74 * g + 112 * b + 512) >> 10) + 128);
                v[cy * cw + cx] = (byte) (((112 * r - 94 * g - 18 * b + 512) >> 10) + 128);
            }
        }
        return new Frame(width, height, y, u, v);
    }
}
