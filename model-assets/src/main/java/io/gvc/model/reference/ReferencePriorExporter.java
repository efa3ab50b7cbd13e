package io.gvc.model.reference;

import io.gvc.model.manifest.ManifestCodec;
import io.gvc.model.manifest.ManifestLoader;
import io.gvc.model.manifest.ModelManifest;
import io.gvc.model.manifest.ModelManifest.Conditioning;
import io.gvc.model.manifest.ModelManifest.ConditioningKind;
import io.gvc.model.manifest.ModelManifest.FileRole;
import io.gvc.model.manifest.ModelManifest.FrameRule;
import io.gvc.model.manifest.ModelManifest.Latent;
import io.gvc.model.manifest.ModelManifest.LatentKind;
import io.gvc.model.manifest.ModelManifest.Layout;
import io.gvc.model.manifest.ModelManifest.ModelFile;
import io.gvc.model.manifest.ModelManifest.Sampler;
import io.gvc.model.manifest.ModelManifest.TensorDecl;
import io.gvc.model.manifest.ModelManifest.TensorRole;
import io.gvc.model.manifest.ModelManifest.Timestep;
import io.gvc.model.onnx.Dim;
import io.gvc.model.onnx.ElemType;
import io.gvc.model.onnx.OnnxGraph;
import io.gvc.model.onnx.OnnxModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes the shipped default model, {@code model-assets/reference/velocity.onnx} and its
 * {@code manifest.json}: the closed-form Gaussian prior of GVC-ALGORITHM.md section 6 for a prior
 * diagonal in the latent basis (the DCT latent is already that basis), as an ONNX graph
 * <pre>
 *   a = 1 - t;  gain = a*var / (a*a*var + t*t);  x0hat = mean + gain * (x - a*mean);  u = (x - x0hat) / t
 * </pre>
 * with inputs x, prior_mean, prior_var [L, D], t [1] and output velocity [L, D]. The operations and
 * their order are those of GaussianDctPrior's Java velocity, so the two agree to float rounding of
 * identical IEEE operations. Regeneration is byte-identical: run
 * {@code java -cp ... io.gvc.model.reference.ReferencePriorExporter [outDir]} (README.md gives the
 * command); a test checks the committed files against a fresh export.
 */
public final class ReferencePriorExporter {

    public static final String NAME = "gvc-gauss-dct-onnx";
    public static final String VERSION = "1";
    public static final String MODEL_FILE = "velocity.onnx";

    private ReferencePriorExporter() {
    }

    /** The ONNX graph of the closed-form velocity. */
    public static OnnxModel model() {
        OnnxGraph g = new OnnxGraph("gvc_gauss_dct_velocity");
        g.doc("GVC reference prior: closed-form posterior-mean velocity of a Gaussian prior diagonal in the latent "
                + "basis (GVC-ALGORITHM.md section 6). a = 1 - t; gain = a*var / (a*a*var + t*t); "
                + "x0hat = mean + gain*(x - a*mean); velocity = (x - x0hat) / t. Never evaluated at t = 0.");
        g.input("x", ElemType.FLOAT, "L", "D");
        g.input("t", ElemType.FLOAT, 1);
        g.input("prior_mean", ElemType.FLOAT, "L", "D");
        g.input("prior_var", ElemType.FLOAT, "L", "D");
        g.initializer("one", new float[] {1f}, 1);
        g.op("Sub", "a", List.of("one", "t"));
        g.op("Mul", "a_var", List.of("a", "prior_var"));
        g.op("Mul", "a_a", List.of("a", "a"));
        g.op("Mul", "a_a_var", List.of("a_a", "prior_var"));
        g.op("Mul", "t_t", List.of("t", "t"));
        g.op("Add", "denominator", List.of("a_a_var", "t_t"));
        g.op("Div", "gain", List.of("a_var", "denominator"));
        g.op("Mul", "a_mean", List.of("a", "prior_mean"));
        g.op("Sub", "residual", List.of("x", "a_mean"));
        g.op("Mul", "gain_residual", List.of("gain", "residual"));
        g.op("Add", "x0hat", List.of("prior_mean", "gain_residual"));
        g.op("Sub", "x_minus_x0hat", List.of("x", "x0hat"));
        g.op("Div", "velocity", List.of("x_minus_x0hat", "t"));
        g.output("velocity", ElemType.FLOAT, "L", "D");
        return new OnnxModel(g).doc("GVC reference prior " + NAME + " version " + VERSION)
                .metadata("gvc.model", NAME).metadata("gvc.version", VERSION);
    }

    /** The manifest for the model bytes {@code onnx} (their hash goes into it). */
    public static ModelManifest manifest(String sha256) {
        List<Dim> ld = List.of(Dim.of("L"), Dim.of("D"));
        ModelFile velocity = new ModelFile(FileRole.VELOCITY, MODEL_FILE, sha256,
                List.of(new TensorDecl("x", TensorRole.X, ElemType.FLOAT, ld, Layout.FRAMES),
                        new TensorDecl("t", TensorRole.T, ElemType.FLOAT, List.of(Dim.of(1)), Layout.FRAMES),
                        new TensorDecl("prior_mean", TensorRole.PRIOR_MEAN, ElemType.FLOAT, ld, Layout.FRAMES),
                        new TensorDecl("prior_var", TensorRole.PRIOR_VAR, ElemType.FLOAT, ld, Layout.FRAMES)),
                List.of(new TensorDecl("velocity", TensorRole.VELOCITY, ElemType.FLOAT, ld, Layout.FRAMES)),
                List.of());
        return new ModelManifest(ModelManifest.FORMAT, NAME, VERSION, List.of(velocity),
                new Latent(LatentKind.DCT, 3, 1, 1, FrameRule.PER_FRAME),
                new Conditioning(ConditioningKind.GAUSSIAN_TERMS, true, true, true),
                Timestep.UNIT, new Sampler(20, 3.0, 3.0, 3));
    }

    /** Writes velocity.onnx and manifest.json into {@code dir}; returns the manifest path. */
    public static Path export(Path dir) throws IOException {
        Files.createDirectories(dir);
        Path onnx = dir.resolve(MODEL_FILE);
        model().write(onnx);
        String sha = ManifestLoader.sha256(onnx);
        Path manifest = dir.resolve(ManifestLoader.MANIFEST);
        byte[] json = ManifestCodec.write(manifest(sha));
        Path tmp = Files.createTempFile(dir, "manifest", ".part");
        try {
            Files.write(tmp, json);
            io.gvc.model.cache.GvcCache.readableByAll(tmp);
            Files.move(tmp, manifest, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
        return manifest;
    }

    /** Regenerates the committed files: {@code [outDir]}, default model-assets/reference (or ./reference inside the module). */
    public static void main(String[] args) throws IOException {
        Path dir;
        if (args.length > 0) {
            dir = Path.of(args[0]);
        } else if (Files.isDirectory(Path.of("model-assets"))) {
            dir = Path.of("model-assets", "reference");
        } else {
            dir = Path.of("reference");
        }
        Path m = export(dir);
        System.out.println("wrote " + dir.resolve(MODEL_FILE) + " (sha256 " + ManifestLoader.sha256(dir.resolve(MODEL_FILE))
                + ") and " + m);
    }
}
