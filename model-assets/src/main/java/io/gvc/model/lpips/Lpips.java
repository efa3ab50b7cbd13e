package io.gvc.model.lpips;

import ai.onnxruntime.OrtException;
import io.gvc.codec.frame.Frame;
import io.gvc.model.cache.GvcCache;
import io.gvc.model.colour.YuvRgb;
import io.gvc.model.manifest.ManifestLoader;
import io.gvc.model.runtime.Binding;
import io.gvc.model.runtime.OnnxSession;
import io.gvc.model.runtime.OrtRuntime;
import io.gvc.model.runtime.SessionConfig;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * LPIPS (AlexNet, v0.1) distance between two pictures, evaluated by ONNX Runtime on a graph built
 * from the .npz weights ({@link LpipsGraphBuilder}). The built .onnx goes into a cache folder
 * (default {@code GvcCache.dir()/lpips}), named after the weights' hash, and is reused; the weights
 * themselves stay where they are (../shared/models: evaluation only, never copied into the product).
 *
 * <p>Not thread-safe: one instance per thread (they can share the cached .onnx).
 */
public final class Lpips implements AutoCloseable {

    /** Bump when the graph changes, so stale cached graphs are rebuilt. */
    static final int GRAPH_VERSION = 1;

    private final OnnxSession session;
    private final Map<Long, Binding> bindings = new HashMap<>();

    private Lpips(OnnxSession session) {
        this.session = session;
    }

    /** Opens LPIPS for the weights {@code npz}, building (once) the graph into {@code GvcCache.dir()/lpips}. */
    public static Lpips open(Path npz) throws IOException {
        return open(npz, GvcCache.dir("lpips"), SessionConfig.cpu());
    }

    public static Lpips open(Path npz, Path cacheDir, SessionConfig config) throws IOException {
        Path model = buildModel(npz, cacheDir);
        try {
            return new Lpips(OrtRuntime.open(model, config));
        } catch (OrtException e) {
            throw new IOException("ONNX Runtime cannot load " + model + ": " + e.getMessage(), e);
        }
    }

    /** The cached LPIPS graph for {@code npz} in {@code cacheDir}, built if absent. */
    public static Path buildModel(Path npz, Path cacheDir) throws IOException {
        String sha = ManifestLoader.sha256(npz);
        Path model = cacheDir.resolve("lpips_alex_v0.1-g" + GRAPH_VERSION + "-" + sha.substring(0, 16) + ".onnx");
        if (!Files.isRegularFile(model)) {
            Files.createDirectories(cacheDir);
            LpipsGraphBuilder.build(NpzReader.read(npz)).write(model); // atomic rename: safe with concurrent builders
        }
        return model;
    }

    public OnnxSession session() {
        return session;
    }

    /**
     * LPIPS between two RGB pictures, planar [3][H][W] flattened, values in [-1, 1]. H and W must be
     * at least 32 or so for AlexNet's strides to leave a feature map; 64 and more is meaningful.
     */
    public double distance(float[] a, float[] b, int width, int height) throws IOException {
        int n = 3 * width * height;
        if (a.length != n || b.length != n) {
            throw new IllegalArgumentException("images must hold 3 x " + width + " x " + height + " = " + n
                    + " floats, got " + a.length + " and " + b.length);
        }
        long key = ((long) width << 32) | height;
        Binding bind = bindings.get(key);
        try {
            if (bind == null) {
                long[] shape = {1, 3, height, width};
                bind = session.bind(Map.of("a", shape, "b", shape), Map.of("lpips", new long[] {1, 1, 1, 1}));
                bindings.put(key, bind);
            }
            bind.input("a").put(a);
            bind.input("b").put(b);
            bind.run();
            FloatBuffer out = bind.output("lpips");
            return out.get(0);
        } catch (OrtException e) {
            throw new IOException("LPIPS evaluation failed for " + width + "x" + height + ": " + e.getMessage(), e);
        }
    }

    /** LPIPS between two YUV 4:2:0 frames, converted by {@link YuvRgb} (full-range BT.601). */
    public double distance(Frame a, Frame b) throws IOException {
        if (a.width() != b.width() || a.height() != b.height()) {
            throw new IllegalArgumentException("frames differ in size: " + a.width() + "x" + a.height() + " and "
                    + b.width() + "x" + b.height());
        }
        return distance(YuvRgb.toRgb(a), YuvRgb.toRgb(b), a.width(), a.height());
    }

    @Override
    public void close() throws IOException {
        for (Binding b : bindings.values()) {
            b.close();
        }
        bindings.clear();
        try {
            session.close();
        } catch (OrtException e) {
            throw new IOException(e.getMessage(), e);
        }
    }
}
