package io.gvc.model.lpips;

import io.gvc.model.lpips.NpzReader.NpyArray;
import java.util.Map;

/**
 * LPIPS (AlexNet v0.1) in plain loops, double accumulation, no ONNX: the independent check of the
 * ONNX graph. Written from the recipe in ../shared/models/README.md, not from LpipsGraphBuilder.
 */
final class DirectLpips {

    /** A [C][H][W] feature map. */
    record Map3(int c, int h, int w, double[] v) {
        double at(int ch, int y, int x) {
            return v[(ch * h + y) * w + x];
        }
    }

    private final Map<String, NpyArray> w;

    DirectLpips(Map<String, NpyArray> weights) {
        this.w = weights;
    }

    double distance(float[] a, float[] b, int width, int height) {
        Map3[] fa = features(a, width, height);
        Map3[] fb = features(b, width, height);
        double total = 0;
        for (int k = 0; k < 5; k++) {
            float[] lin = w.get("lin" + k + ".model.1.weight").data();
            Map3 x = fa[k], y = fb[k];
            int hw = x.h() * x.w();
            double sum = 0;
            for (int p = 0; p < hw; p++) {
                double nx = 0, ny = 0;
                for (int c = 0; c < x.c(); c++) {
                    nx += x.v()[c * hw + p] * x.v()[c * hw + p];
                    ny += y.v()[c * hw + p] * y.v()[c * hw + p];
                }
                nx = Math.sqrt(nx) + 1e-10;
                ny = Math.sqrt(ny) + 1e-10;
                double s = 0;
                for (int c = 0; c < x.c(); c++) {
                    double d = x.v()[c * hw + p] / nx - y.v()[c * hw + p] / ny;
                    s += lin[c] * d * d;
                }
                sum += s;
            }
            total += sum / hw;
        }
        return total;
    }

    private Map3[] features(float[] rgb, int width, int height) {
        double[] shift = {-0.030, -0.088, -0.188}, scale = {0.458, 0.448, 0.450};
        double[] in = new double[rgb.length];
        int n = width * height;
        for (int c = 0; c < 3; c++) {
            for (int i = 0; i < n; i++) {
                in[c * n + i] = (rgb[c * n + i] - shift[c]) / scale[c];
            }
        }
        Map3 x = new Map3(3, height, width, in);
        Map3[] taps = new Map3[5];
        x = relu(conv(x, "features.0", 4, 2));
        taps[0] = x;
        x = relu(conv(maxPool(x), "features.3", 1, 2));
        taps[1] = x;
        x = relu(conv(maxPool(x), "features.6", 1, 1));
        taps[2] = x;
        x = relu(conv(x, "features.8", 1, 1));
        taps[3] = x;
        x = relu(conv(x, "features.10", 1, 1));
        taps[4] = x;
        return taps;
    }

    private Map3 conv(Map3 in, String layer, int stride, int pad) {
        NpyArray wt = w.get(layer + ".weight");
        float[] bias = w.get(layer + ".bias").data();
        int oc = (int) wt.shape()[0], ic = (int) wt.shape()[1], k = (int) wt.shape()[2];
        int oh = (in.h() + 2 * pad - k) / stride + 1, ow = (in.w() + 2 * pad - k) / stride + 1;
        double[] out = new double[oc * oh * ow];
        float[] wd = wt.data();
        for (int o = 0; o < oc; o++) {
            int ob = o * oh * ow;
            java.util.Arrays.fill(out, ob, ob + oh * ow, bias[o]);
            for (int c = 0; c < ic; c++) {
                for (int ky = 0; ky < k; ky++) {
                    for (int kx = 0; kx < k; kx++) {
                        double wv = wd[((o * ic + c) * k + ky) * k + kx];
                        for (int y = 0; y < oh; y++) {
                            int iy = y * stride + ky - pad;
                            if (iy < 0 || iy >= in.h()) {
                                continue;
                            }
                            int rowIn = (c * in.h() + iy) * in.w();
                            int rowOut = ob + y * ow;
                            for (int xx = 0; xx < ow; xx++) {
                                int ix = xx * stride + kx - pad;
                                if (ix >= 0 && ix < in.w()) {
                                    out[rowOut + xx] += wv * in.v()[rowIn + ix];
                                }
                            }
                        }
                    }
                }
            }
        }
        return new Map3(oc, oh, ow, out);
    }

    private static Map3 relu(Map3 m) {
        double[] v = m.v();
        for (int i = 0; i < v.length; i++) {
            v[i] = Math.max(0, v[i]);
        }
        return m;
    }

    private static Map3 maxPool(Map3 m) {
        int oh = (m.h() - 3) / 2 + 1, ow = (m.w() - 3) / 2 + 1;
        double[] out = new double[m.c() * oh * ow];
        for (int c = 0; c < m.c(); c++) {
            for (int y = 0; y < oh; y++) {
                for (int x = 0; x < ow; x++) {
                    double best = Double.NEGATIVE_INFINITY;
                    for (int dy = 0; dy < 3; dy++) {
                        for (int dx = 0; dx < 3; dx++) {
                            best = Math.max(best, m.at(c, 2 * y + dy, 2 * x + dx));
                        }
                    }
                    out[(c * oh + y) * ow + x] = best;
                }
            }
        }
        return new Map3(m.c(), oh, ow, out);
    }
}
