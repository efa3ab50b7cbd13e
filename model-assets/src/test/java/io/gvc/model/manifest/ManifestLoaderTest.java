package io.gvc.model.manifest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import io.gvc.model.reference.ReferencePriorExporter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManifestLoaderTest {

    @TempDir
    Path tmp;
    Path dir;
    String manifest;

    @BeforeEach
    void exportReference() throws IOException {
        dir = tmp.resolve("model");
        ReferencePriorExporter.export(dir);
        manifest = Files.readString(dir.resolve("manifest.json"));
    }

    private String refused(String manifestText) throws IOException {
        Files.writeString(dir.resolve("manifest.json"), manifestText);
        ManifestException e = assertThrows(ManifestException.class, () -> ManifestLoader.load(dir).close());
        return e.getMessage();
    }

    @Test
    void referenceModelLoadsFromFolderOrFile() throws IOException {
        try (LoadedModel m = ManifestLoader.load(dir)) {
            assertEquals(ReferencePriorExporter.NAME, m.manifest().name());
            assertEquals(List.of("x", "t", "prior_mean", "prior_var"), List.copyOf(m.velocitySession().inputs().keySet()));
            assertEquals(TensorRole.PRIOR_VAR, m.manifest().velocity().inputs().get(3).role());
        }
        try (LoadedModel m = ManifestLoader.load(dir.resolve("manifest.json"))) {
            assertEquals(dir.toAbsolutePath(), m.folder());
        }
    }

    @Test
    void writeParseRoundTrip() throws IOException {
        ModelManifest m = ManifestCodec.parse(manifest.getBytes(StandardCharsets.UTF_8), "m");
        assertArrayEquals(manifest.getBytes(StandardCharsets.UTF_8), ManifestCodec.write(m));
    }

    @Test
    void wrongHashIsRefusedWithBothHashes() throws IOException {
        String actual = ManifestLoader.sha256(dir.resolve("velocity.onnx"));
        String wrong = "0".repeat(64);
        String msg = refused(manifest.replace(actual, wrong));
        assertTrue(msg.contains("sha256 mismatch: expected " + wrong + ", actual " + actual), msg);
        assertTrue(msg.startsWith("velocity.onnx"), msg);
    }

    @Test
    void tamperedModelIsRefused() throws IOException {
        byte[] b = Files.readAllBytes(dir.resolve("velocity.onnx"));
        b[b.length - 1] ^= 1;
        Files.write(dir.resolve("velocity.onnx"), b);
        String msg = refused(manifest);
        assertTrue(msg.contains("sha256 mismatch"), msg);
    }

    @Test
    void missingFileIsRefused() throws IOException {
        Files.delete(dir.resolve("velocity.onnx"));
        String msg = refused(manifest);
        assertTrue(msg.contains("velocity.onnx (velocity): file missing"), msg);
    }

    @Test
    void missingManifestIsRefused() throws IOException {
        ManifestException e = assertThrows(ManifestException.class, () -> ManifestLoader.load(tmp.resolve("nowhere")));
        assertTrue(e.getMessage().contains("manifest not found"), e.getMessage());
    }

    @Test
    void tensorAbsentFromModelIsRefused() throws IOException {
        String msg = refused(manifest.replace("\"name\": \"prior_var\"", "\"name\": \"prior_variance\""));
        assertTrue(msg.contains("input 'prior_variance' (role prior_var) is declared in the manifest but absent from the ONNX model"),
                msg);
    }

    @Test
    void wrongDtypeIsRefused() throws IOException {
        String m = manifest.replaceFirst("\"dtype\": \"float32\"", "\"dtype\": \"float16\"");
        String msg = refused(m);
        assertTrue(msg.contains("input 'x' (role x): dtype mismatch: manifest says float16, model has float32"), msg);
    }

    @Test
    void wrongFixedDimensionIsRefused() throws IOException {
        String msg = refused(manifest.replace("\"shape\": [1]", "\"shape\": [2]"));
        assertTrue(msg.contains("input 't' (role t): dimension 0 mismatch: manifest shape [2] fixes it at 2, model shape [1] at 1"),
                msg);
    }

    @Test
    void wrongRankIsRefused() throws IOException {
        String msg = refused(manifest.replace("\"shape\": [1]", "\"shape\": [1, 1]"));
        assertTrue(msg.contains("rank mismatch"), msg);
    }

    @Test
    void symbolicManifestDimsAcceptFixedModelDims() throws IOException {
        Files.writeString(dir.resolve("manifest.json"), manifest.replace("\"shape\": [1]", "\"shape\": [\"one\"]"));
        try (LoadedModel m = ManifestLoader.load(dir)) {
            // the manifest names the dimension, the graph fixes it: both stand
            assertEquals(List.of(io.gvc.model.onnx.Dim.of("one")), m.manifest().velocity().input(TensorRole.T)
                    .orElseThrow().shape());
            assertArrayEquals(new long[] {1}, m.velocitySession().inputs().get("t").shape());
        }
    }

    @Test
    void unknownRoleIsRefused() throws IOException {
        String msg = refused(manifest.replace("\"role\": \"prior_mean\"", "\"role\": \"noise\""));
        assertTrue(msg.contains("files[0].inputs[2].role: unknown role 'noise' (known: x, t, prior_mean"), msg);
    }

    @Test
    void unknownFileRoleIsRefused() throws IOException {
        String msg = refused(manifest.replace("\"role\": \"velocity\",\n      \"path\"", "\"role\": \"denoiser\",\n      \"path\""));
        assertTrue(msg.contains("files[0].role: unknown file role 'denoiser'"), msg);
    }

    @Test
    void unknownDtypeIsRefused() throws IOException {
        String msg = refused(manifest.replaceFirst("\"dtype\": \"float32\"", "\"dtype\": \"float8\""));
        assertTrue(msg.contains("files[0].inputs[0].dtype: unknown dtype 'float8'"), msg);
    }

    @Test
    void unknownFieldIsRefused() throws IOException {
        String msg = refused(manifest.replace("\"sha256\":", "\"sha265\": \"x\", \"sha256\":"));
        assertTrue(msg.contains("files[0].sha265: unknown field"), msg);
    }

    @Test
    void missingFieldIsRefused() throws IOException {
        String msg = refused(manifest.replace("\"timestep\": \"unit\",", ""));
        assertTrue(msg.contains("timestep: missing"), msg);
        msg = refused(manifest.replace("\"timestep\": \"unit\"", "\"timestep\": \"percent\""));
        assertTrue(msg.contains("timestep: unknown timestep convention 'percent' (known: unit, thousand)"), msg);
    }

    @Test
    void gaussianTermsNeedPriorInputs() throws IOException {
        String msg = refused(manifest.replace("\"role\": \"prior_var\"", "\"role\": \"mask\""));
        assertTrue(msg.contains("no input with role 'prior_var'"), msg);
    }

    @Test
    void pathsMustStayInsideTheFolder() throws IOException {
        String msg = refused(manifest.replace("\"path\": \"velocity.onnx\"", "\"path\": \"../velocity.onnx\""));
        assertTrue(msg.contains("files[0].path: must be a relative path inside the model folder"), msg);
    }

    @Test
    void undeclaredModelInputIsRefused() throws IOException {
        OnnxGraph g = new OnnxGraph("extra");
        g.input("x", ElemType.FLOAT, "L", "D").input("t", ElemType.FLOAT, 1).input("seed", ElemType.FLOAT, 1);
        g.node("Add", List.of("x", "seed"), List.of("s"));
        g.node("Mul", List.of("s", "t"), List.of("velocity"));
        g.output("velocity", ElemType.FLOAT, "L", "D");
        new OnnxModel(g).write(dir.resolve("velocity.onnx"));
        String sha = ManifestLoader.sha256(dir.resolve("velocity.onnx"));
        String m = manifest.replaceAll("[0-9a-f]{64}", sha).replace("gaussian-terms", "latents")
                .replaceAll(",\\s*\\{\\s*\"name\": \"prior_mean\"[^}]*\\}", "")
                .replaceAll(",\\s*\\{\\s*\"name\": \"prior_var\"[^}]*\\}", "");
        String msg = refused(m);
        assertTrue(msg.contains("model input 'seed' float32[1] is not declared in the manifest"), msg);
    }

    /** A latents-conditioned model, velocity = x + sum(bm), whose boundary_mask input has {@code bmShape}. */
    private Path boundaryMaskModel(String folder, Object... bmShape) throws IOException {
        return fixedRoleModel(folder, TensorRole.BOUNDARY_MASK, bmShape);
    }

    /** A velocity model with an input 'bm' of {@code role} and {@code bmShape}, in model and manifest alike. */
    private Path fixedRoleModel(String folder, TensorRole role, Object... bmShape) throws IOException {
        Path d = tmp.resolve(folder);
        Files.createDirectories(d);
        OnnxGraph g = new OnnxGraph("bm");
        g.input("x", ElemType.FLOAT, "L", "D").input("t", ElemType.FLOAT, 1).input("bm", ElemType.FLOAT, bmShape);
        g.op("Add", "velocity", List.of("x", g.op("ReduceSum", List.of("bm"))));
        g.output("velocity", ElemType.FLOAT, "L", "D");
        new OnnxModel(g).write(d.resolve("velocity.onnx"));
        ModelManifest m = new ModelManifest(ModelManifest.FORMAT, "bm-test", "0", List.of(new ModelFile(FileRole.VELOCITY,
                "velocity.onnx", ManifestLoader.sha256(d.resolve("velocity.onnx")),
                List.of(decl("x", TensorRole.X, "L", "D"), decl("t", TensorRole.T, 1), decl("bm", role, bmShape)),
                List.of(decl("velocity", TensorRole.VELOCITY, "L", "D")), List.of())),
                new Latent(LatentKind.DCT, 3, 1, 1, FrameRule.PER_FRAME),
                new Conditioning(ConditioningKind.LATENTS, true, true, true), Timestep.UNIT, new Sampler(20, 3, 3, 3));
        Files.write(d.resolve(ManifestLoader.MANIFEST), ManifestCodec.write(m));
        return d;
    }

    private static TensorDecl decl(String name, TensorRole role, Object... dims) {
        return new TensorDecl(name, role, ElemType.FLOAT, List.of(Dim.all(dims)), Layout.FRAMES);
    }

    @Test
    void boundaryMaskInputParsesAndAWrongShapeIsRefused() throws IOException {
        assertEquals("boundary_mask", TensorRole.BOUNDARY_MASK.spelling());
        assertEquals(TensorRole.BOUNDARY_MASK, TensorRole.parse("boundary_mask"));
        Path ok = boundaryMaskModel("bm2", 2);
        String json = Files.readString(ok.resolve(ManifestLoader.MANIFEST));
        assertTrue(json.contains("\"role\": \"boundary_mask\""), json);
        assertArrayEquals(json.getBytes(StandardCharsets.UTF_8),
                ManifestCodec.write(ManifestCodec.parse(json.getBytes(StandardCharsets.UTF_8), "m")));
        try (LoadedModel m = ManifestLoader.load(ok)) {
            TensorDecl bm = m.manifest().velocity().input(TensorRole.BOUNDARY_MASK).orElseThrow();
            assertEquals("bm", bm.name());
            assertEquals(List.of(Dim.of(2)), bm.shape());
        }
        // [1, 2] holds two values too; a symbolic dimension is left for OnnxFlowPrior to size per GOP
        ManifestLoader.load(boundaryMaskModel("bm12", 1, 2)).close();
        ManifestLoader.load(boundaryMaskModel("bmK", "K")).close();

        Path wrong = boundaryMaskModel("bm3", 3); // model and manifest agree, the role does not
        ManifestException e = assertThrows(ManifestException.class, () -> ManifestLoader.load(wrong).close());
        assertEquals("velocity file velocity.onnx: input 'bm' (role boundary_mask) has shape [3], which holds 3 values; "
                + "boundary_mask holds 2 (first-frame latent present, last-frame latent present)", e.getMessage());
        // metadata-only reads refuse it too
        e = assertThrows(ManifestException.class, () -> ManifestLoader.read(wrong.resolve(ManifestLoader.MANIFEST)));
        assertTrue(e.getMessage().contains("has shape [3], which holds 3 values; boundary_mask holds 2"), e.getMessage());
        Path wrong2 = boundaryMaskModel("bm1x3", 1, 3);
        e = assertThrows(ManifestException.class, () -> ManifestLoader.load(wrong2).close());
        assertTrue(e.getMessage().contains("has shape [1, 3], which holds 3 values"), e.getMessage());
    }

    @Test
    void gainsInputOfTheWrongSizeIsRefused() throws IOException {
        ManifestLoader.load(fixedRoleModel("g3", TensorRole.GAINS, 3)).close();
        Path wrong = fixedRoleModel("g4", TensorRole.GAINS, 4);
        ManifestException e = assertThrows(ManifestException.class, () -> ManifestLoader.load(wrong).close());
        assertEquals("velocity file velocity.onnx: input 'bm' (role gains) has shape [4], which holds 4 values; "
                + "gains holds 3 (Y, U, V)", e.getMessage());
    }

    @Test
    void latentFrameRules() {
        assertEquals(9, new Latent(LatentKind.VAE, 16, 4, 8, FrameRule.CAUSAL).latentFrames(33));
        assertEquals(21, new Latent(LatentKind.VAE, 16, 4, 8, FrameRule.CAUSAL).latentFrames(81));
        assertEquals(17, new Latent(LatentKind.DCT, 3, 1, 1, FrameRule.PER_FRAME).latentFrames(17));
        assertEquals(5, new Latent(LatentKind.VAE, 4, 4, 8, FrameRule.PER_FRAME).latentFrames(17));
        assertEquals(0, new Latent(LatentKind.VAE, 4, 4, 8, FrameRule.CAUSAL).latentFrames(0));
    }
}
