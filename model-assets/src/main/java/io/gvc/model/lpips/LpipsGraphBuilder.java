package io.gvc.model.lpips;

import io.gvc.model.lpips.NpzReader.NpyArray;
import io.gvc.model.onnx.Attr;
import io.gvc.model.onnx.ElemType;
import io.gvc.model.onnx.OnnxGraph;
import io.gvc.model.onnx.OnnxModel;
import io.gvc.model.onnx.TensorData;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Builds the LPIPS v0.1 AlexNet graph (Zhang et al. 2018; ../shared/models/README.md) from the
 * torchvision-layout weights: inputs {@code a}, {@code b} [N, 3, H, W] RGB in [-1, 1], output
 * {@code lpips} [N, 1, 1, 1]:
 * <ol>
 *   <li>scale: (x - shift) / scale per channel;
 *   <li>AlexNet features: conv 11x11/4 pad 2, ReLU (tap 1), max-pool 3/2, conv 5x5 pad 2, ReLU (tap 2),
 *       max-pool 3/2, conv 3x3 pad 1, ReLU (tap 3), conv 3x3, ReLU (tap 4), conv 3x3, ReLU (tap 5);
 *   <li>per tap: f / (sqrt(sum_c f^2) + 1e-10) for each image, (fa - fb)^2, 1x1 conv with lin_k
 *       (no bias), mean over H and W;
 *   <li>sum over the five taps.
 * </ol>
 * The weights are shared by the two branches (stored once). Opset 13: ReduceSum takes its axes as an
 * input, ReduceMean as an attribute.
 */
public final class LpipsGraphBuilder {

    /** Per-channel shift and scale of LPIPS's ScalingLayer. */
    static final float[] SHIFT = {-0.030f, -0.088f, -0.188f};
    static final float[] SCALE = {0.458f, 0.448f, 0.450f};
    static final float EPS = 1e-10f;

    /** torchvision feature index of each conv, its kernel, stride and padding, and whether a max-pool follows its ReLU. */
    static final int[] CONV_INDEX = {0, 3, 6, 8, 10};
    static final int[] KERNEL = {11, 5, 3, 3, 3};
    static final int[] STRIDE = {4, 1, 1, 1, 1};
    static final int[] PAD = {2, 2, 1, 1, 1};
    static final boolean[] POOL_AFTER = {true, true, false, false, false};
    static final int[] CHANNELS = {64, 192, 384, 256, 256};

    private LpipsGraphBuilder() {
    }

    public static OnnxModel build(Map<String, NpyArray> w) {
        OnnxGraph g = new OnnxGraph("lpips_alex_v0_1");
        g.doc("LPIPS v0.1, AlexNet backbone; inputs RGB in [-1, 1]; built by io.gvc.model.lpips.LpipsGraphBuilder");
        g.input("a", ElemType.FLOAT, "N", 3, "H", "W");
        g.input("b", ElemType.FLOAT, "N", 3, "H", "W");
        g.initializer("shift", SHIFT, 1, 3, 1, 1);
        g.initializer("scale", SCALE, 1, 3, 1, 1);
        g.initializer("eps", new float[] {EPS}, 1);
        g.initializerInt64("channel_axis", new long[] {1}, 1);
        for (int k = 0; k < 5; k++) {
            String p = "features." + CONV_INDEX[k];
            NpyArray wt = need(w, p + ".weight", CHANNELS[k], k == 0 ? 3 : CHANNELS[k - 1], KERNEL[k], KERNEL[k]);
            NpyArray bs = need(w, p + ".bias", CHANNELS[k]);
            g.initializer(TensorData.floats(p + ".weight", wt.data(), wt.shape()));
            g.initializer(TensorData.floats(p + ".bias", bs.data(), bs.shape()));
            NpyArray lin = need(w, "lin" + k + ".model.1.weight", 1, CHANNELS[k], 1, 1);
            g.initializer(TensorData.floats("lin" + k + ".weight", lin.data(), lin.shape()));
        }
        String[] ta = trunk(g, "a");
        String[] tb = trunk(g, "b");
        String[] layer = new String[5];
        for (int k = 0; k < 5; k++) {
            String na = normalise(g, ta[k], "a" + k);
            String nb = normalise(g, tb[k], "b" + k);
            String d = g.op("Sub", "diff" + k, List.of(na, nb));
            String d2 = g.op("Mul", "diff_sq" + k, List.of(d, d));
            String l = g.op("Conv", "lin_out" + k, List.of(d2, "lin" + k + ".weight"),
                    Attr.ints("kernel_shape", 1, 1));
            layer[k] = g.op("ReduceMean", "layer" + k, List.of(l), Attr.ints("axes", 2, 3), Attr.i("keepdims", 1));
        }
        g.op("Sum", "lpips", Arrays.asList(layer));
        g.output("lpips", ElemType.FLOAT, "N", 1, 1, 1);
        return new OnnxModel(g).doc("LPIPS (AlexNet, v0.1) for GVC evaluation; weights from the PerceptualSimilarity "
                + "project (BSD-2), not shipped with GVC");
    }

    /** The five ReLU taps of one branch. */
    private static String[] trunk(OnnxGraph g, String in) {
        String x = g.op("Sub", in + "_centred", List.of(in, "shift"));
        x = g.op("Div", in + "_scaled", List.of(x, "scale"));
        String[] taps = new String[5];
        for (int k = 0; k < 5; k++) {
            String p = "features." + CONV_INDEX[k];
            x = g.op("Conv", in + "_conv" + k, List.of(x, p + ".weight", p + ".bias"),
                    Attr.ints("kernel_shape", KERNEL[k], KERNEL[k]),
                    Attr.ints("pads", PAD[k], PAD[k], PAD[k], PAD[k]),
                    Attr.ints("strides", STRIDE[k], STRIDE[k]));
            x = g.op("Relu", in + "_relu" + k, List.of(x));
            taps[k] = x;
            if (POOL_AFTER[k]) {
                x = g.op("MaxPool", in + "_pool" + k, List.of(x), Attr.ints("kernel_shape", 3, 3), Attr.ints("strides", 2, 2));
            }
        }
        return taps;
    }

    /** f / (sqrt(sum over channels of f^2) + eps). */
    private static String normalise(OnnxGraph g, String f, String tag) {
        String sq = g.op("Mul", "sq_" + tag, List.of(f, f));
        String sum = g.op("ReduceSum", "sumsq_" + tag, List.of(sq, "channel_axis"), Attr.i("keepdims", 1));
        String norm = g.op("Sqrt", "norm_" + tag, List.of(sum));
        String den = g.op("Add", "norm_eps_" + tag, List.of(norm, "eps"));
        return g.op("Div", "unit_" + tag, List.of(f, den));
    }

    private static NpyArray need(Map<String, NpyArray> w, String name, long... shape) {
        NpyArray a = w.get(name);
        if (a == null) {
            throw new IllegalArgumentException("LPIPS weights lack '" + name + "' (have " + w.keySet() + ")");
        }
        if (!Arrays.equals(a.shape(), shape)) {
            throw new IllegalArgumentException("LPIPS weight '" + name + "' has shape " + Arrays.toString(a.shape())
                    + ", expected " + Arrays.toString(shape));
        }
        return a;
    }
}
