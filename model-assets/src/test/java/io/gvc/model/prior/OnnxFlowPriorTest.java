package io.gvc.model.prior;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gvc.codec.bitstream.BitstreamException;
import io.gvc.codec.latent.DctLatentSpace;
import io.gvc.codec.latent.LatentGeometry;
import io.gvc.codec.prior.GaussianDctPrior;
import io.gvc.codec.prior.GopCondition;
import io.gvc.codec.prior.PriorSpectrum;
import io.gvc.codec.prior.VelocityField;
import io.gvc.codec.variant.Variant;
import io.gvc.model.manifest.LoadedModel;
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
import io.gvc.model.reference.ReferencePriorExporter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OnnxFlowPriorTest {

    @TempDir
    Path tmp;

    static PriorSpectrum spectrum() {
        double[][] bridge = new double[2][8], walk = new double[2][8], frame = new double[2][8];
        for (int c = 0; c < 2; c++) {
            for (int b = 0; b < 8; b++) {
                bridge[c][b] = 40.0 / ((1 + b) * (1 + b)) / (1 + c);
                walk[c][b] = 2 * bridge[c][b];
                frame[c][b] = 300.0 / (1 + b) / (1 + c);
            }
        }
        return PriorSpectrum.of(33, bridge, walk, frame, new double[] {-8.0, 1.5}, "unit test");
    }

    static float[] randomLatent(SplittableRandom r, int d, double scale) {
        float[] x = new float[d];
        for (int i = 0; i < d; i++) {
            x[i] = (float) (r.nextGaussian() * scale);
        }
        return x;
    }

    static GopCondition condition(Variant v, LatentGeometry g, int frames, SplittableRandom r) {
        float[] alphas = new float[frames];
        for (int f = 0; f < frames; f++) {
            alphas[f] = (f + 1f) / (frames + 1f);
        }
        float[] first = v == Variant.T2V ? null : randomLatent(r, g.dim(), 2);
        float[] last = v == Variant.FLF2V ? randomLatent(r, g.dim(), 2) : null;
        return new GopCondition(v, g, alphas, first, last, frames + 2, "");
    }

    @Test
    void referenceModelMatchesTheJavaGaussianPrior() throws Exception {
        Path dir = ReferencePriorExporter.export(tmp.resolve("ref")).getParent();
        GaussianDctPrior gauss = new GaussianDctPrior(spectrum());
        LatentGeometry g = DctLatentSpace.geometry(64, 48, 2);
        SplittableRandom r = new SplittableRandom(7);
        long exact = 0, total = 0;
        double worst = 0;
        try (LoadedModel model = ManifestLoader.load(dir); OnnxFlowPrior onnx = new OnnxFlowPrior(model, gauss)) {
            assertEquals(ReferencePriorExporter.NAME, onnx.id());
            // the model's identity covers the graph and the spectrum that feeds it
            String velocity = ManifestLoader.sha256(dir.resolve("velocity.onnx"));
            String combined = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest((velocity + ":" + gauss.sha256()).getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
            assertEquals(combined, onnx.sha256());
            assertNotEquals(velocity, onnx.sha256());
            assertEquals("CPUExecutionProvider", onnx.provider());
            for (Variant v : Variant.values()) {
                for (int gop = 0; gop < 2; gop++) { // the second GOP reuses the pooled tensors
                    int frames = 6;
                    GopCondition c = condition(v, g, frames, r);
                    float[][] truth = new float[frames][];
                    for (int f = 0; f < frames; f++) {
                        truth[f] = randomLatent(r, g.dim(), 1);
                    }
                    byte[] side = onnx.analyse(c, truth);
                    assertArrayEquals(gauss.analyse(c, truth), side);
                    try (VelocityField a = onnx.open(c, side); VelocityField b = gauss.open(c, side)) {
                        float[][] x = new float[frames][], ua = new float[frames][g.dim()], ub = new float[frames][g.dim()];
                        for (float t : new float[] {1f, 0.93f, 0.5f, 0.21f, 0.05f, 0.003f}) {
                            for (int f = 0; f < frames; f++) {
                                x[f] = randomLatent(r, g.dim(), 1.5);
                            }
                            a.velocity(x, t, ua);
                            b.velocity(x, t, ub);
                            for (int f = 0; f < frames; f++) {
                                for (int i = 0; i < g.dim(); i++) {
                                    double rel = Math.abs(ua[f][i] - ub[f][i]) / Math.max(Math.abs(ub[f][i]), 1e-30);
                                    worst = Math.max(worst, rel);
                                    assertTrue(rel <= 1e-5, v + " t=" + t + " frame " + f + " element " + i + ": onnx "
                                            + ua[f][i] + ", java " + ub[f][i]);
                                    exact += Float.floatToIntBits(ua[f][i]) == Float.floatToIntBits(ub[f][i]) ? 1 : 0;
                                    total++;
                                }
                            }
                        }
                    }
                }
            }
        }
        System.out.printf("OnnxFlowPrior vs GaussianDctPrior: %d of %d velocities bit-identical, worst relative "
                + "difference %.3g%n", exact, total, worst);
    }

    @Test
    void gaussianTermsModelNeedsAGaussianPrior() throws Exception {
        Path dir = ReferencePriorExporter.export(tmp.resolve("ref")).getParent();
        try (LoadedModel model = ManifestLoader.load(dir)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new OnnxFlowPrior(model));
            assertTrue(e.getMessage().contains("gaussian-terms"), e.getMessage());
        }
    }

    /** Writes a model + manifest pair into dir. */
    static void writeModel(Path dir, OnnxModel model, List<TensorDecl> inputs, List<TensorDecl> outputs, Latent latent,
                           Conditioning cond, Timestep ts) throws IOException {
        Files.createDirectories(dir);
        model.write(dir.resolve("velocity.onnx"));
        ModelManifest m = new ModelManifest(ModelManifest.FORMAT, "test-model", "0", List.of(new ModelFile(
                FileRole.VELOCITY, "velocity.onnx", ManifestLoader.sha256(dir.resolve("velocity.onnx")), inputs, outputs,
                List.of())), latent, cond, ts, new Sampler(20, 3, 3, 3));
        Files.write(dir.resolve("manifest.json"), ManifestCodec.write(m));
    }

    static TensorDecl decl(String name, TensorRole role, Object... dims) {
        return new TensorDecl(name, role, ElemType.FLOAT, List.of(Dim.all(dims)), dims.length == 5 ? Layout.BCTHW : Layout.FRAMES);
    }

    @Test
    void genericRolesBindToTheCondition() throws Exception {
        // velocity = x + t + first + 2 last + 100 alpha + 1000 mask, with t in the thousand convention
        OnnxGraph g = new OnnxGraph("roles");
        g.input("x", ElemType.FLOAT, "L", "D").input("timestep", ElemType.FLOAT, 1)
                .input("first", ElemType.FLOAT, 1, "D").input("last", ElemType.FLOAT, 1, "D")
                .input("alpha", ElemType.FLOAT, "L", 1).input("mask", ElemType.FLOAT, "L", 1);
        g.initializer("two", new float[] {2}, 1).initializer("hundred", new float[] {100}, 1)
                .initializer("thousand", new float[] {1000}, 1);
        String s = g.op("Add", List.of("x", "timestep"));
        s = g.op("Add", List.of(s, "first"));
        s = g.op("Add", List.of(s, g.op("Mul", List.of("last", "two"))));
        s = g.op("Add", List.of(s, g.op("Mul", List.of("alpha", "hundred"))));
        g.op("Add", "v", List.of(s, g.op("Mul", List.of("mask", "thousand"))));
        g.output("v", ElemType.FLOAT, "L", "D");
        Path dir = tmp.resolve("roles");
        writeModel(dir, new OnnxModel(g),
                List.of(decl("x", TensorRole.X, "L", "D"), decl("timestep", TensorRole.T, 1),
                        decl("first", TensorRole.FIRST_LATENT, 1, "D"), decl("last", TensorRole.LAST_LATENT, 1, "D"),
                        decl("alpha", TensorRole.ALPHA, "L", 1), decl("mask", TensorRole.MASK, "L", 1)),
                List.of(decl("v", TensorRole.VELOCITY, "L", "D")),
                new Latent(LatentKind.DCT, 3, 1, 1, FrameRule.PER_FRAME),
                new Conditioning(ConditioningKind.LATENTS, true, true, false), Timestep.THOUSAND);
        LatentGeometry geo = DctLatentSpace.geometry(32, 16, 4);
        int d = geo.dim();
        SplittableRandom r = new SplittableRandom(3);
        float[] alphas = {0f, 0.25f, 0.5f, 1f}; // the end points count as conditioned frames
        float[] first = randomLatent(r, d, 1), last = randomLatent(r, d, 1);
        GopCondition c = new GopCondition(Variant.FLF2V, geo, alphas, first, last, 5, "");
        try (OnnxFlowPrior p = OnnxFlowPrior.load(dir, io.gvc.model.runtime.SessionConfig.cpu(), null, null)) {
            assertEquals(0, p.analyse(c, new float[4][d]).length);
            try (VelocityField vf = p.open(c, new byte[0])) {
                for (float t : new float[] {0.75f, 0.125f}) {
                    float[][] x = new float[4][], out = new float[4][d];
                    for (int f = 0; f < 4; f++) {
                        x[f] = randomLatent(r, d, 1);
                    }
                    vf.velocity(x, t, out);
                    for (int f = 0; f < 4; f++) {
                        float mask = f == 0 || f == 3 ? 1f : 0f;
                        for (int i = 0; i < d; i++) {
                            float want = x[f][i] + 1000f * t + first[i] + last[i] * 2f + alphas[f] * 100f + mask * 1000f;
                            assertEquals(want, out[f][i], Math.abs(want) * 1e-6f, "frame " + f + " element " + i);
                        }
                    }
                }
            }
            BitstreamException e = assertThrows(BitstreamException.class,
                    () -> p.open(new GopCondition(Variant.T2V, geo, alphas, null, null, 5, ""), new byte[0]));
            assertTrue(e.getMessage().contains("does not support t2v"), e.getMessage());
        }
    }

    /** velocity = x + bm[0] + 10 bm[1]: the output says exactly which flags were bound. */
    private Path boundaryMaskModel(String folder, ConditioningKind kind, Object... bmShape) throws IOException {
        OnnxGraph g = new OnnxGraph("boundary_mask");
        g.input("x", ElemType.FLOAT, "L", "D").input("t", ElemType.FLOAT, 1).input("bm", ElemType.FLOAT, bmShape);
        g.initializer("weights", new float[] {1, 10}, 2); // broadcasts over [2] and [1, 2] alike
        g.op("Add", "v", List.of("x", g.op("ReduceSum", List.of(g.op("Mul", List.of("bm", "weights"))))));
        g.output("v", ElemType.FLOAT, "L", "D");
        Path dir = tmp.resolve(folder);
        writeModel(dir, new OnnxModel(g),
                List.of(decl("x", TensorRole.X, "L", "D"), decl("t", TensorRole.T, 1),
                        decl("bm", TensorRole.BOUNDARY_MASK, bmShape)),
                List.of(decl("v", TensorRole.VELOCITY, "L", "D")),
                new Latent(LatentKind.DCT, 3, 1, 1, FrameRule.PER_FRAME),
                new Conditioning(kind, true, true, true), Timestep.UNIT);
        return dir;
    }

    @Test
    void boundaryMaskSaysWhichBoundaryLatentsTheGopHas() throws Exception {
        LatentGeometry geo = DctLatentSpace.geometry(32, 16, 4);
        int d = geo.dim();
        float[] alphas = {0.25f, 0.5f, 0.75f};
        float[][] x = new float[3][d];
        for (int f = 0; f < 3; f++) {
            for (int i = 0; i < d; i++) {
                x[f][i] = 100 * f + i; // integers: every sum below is exact in float32
            }
        }
        SplittableRandom r = new SplittableRandom(11);
        float[] first = randomLatent(r, d, 1), last = randomLatent(r, d, 1);
        // one offset per variant, 1 * first flag + 10 * last flag; the repeated FLF2V GOP reuses the
        // pooled binding the T2V GOP left zeros in, so stale flags would show
        Variant[] variants = {Variant.FLF2V, Variant.I2V, Variant.T2V, Variant.FLF2V};
        float[] offsets = {11f, 1f, 0f, 11f};
        for (Object[] shape : new Object[][] {{2}, {1, 2}}) {
            Path dir = boundaryMaskModel("bm" + shape.length, ConditioningKind.LATENTS, shape);
            try (OnnxFlowPrior p = OnnxFlowPrior.load(dir, io.gvc.model.runtime.SessionConfig.cpu(), null, null)) {
                for (int k = 0; k < variants.length; k++) {
                    Variant v = variants[k];
                    GopCondition c = new GopCondition(v, geo, alphas, v == Variant.T2V ? null : first,
                            v == Variant.FLF2V ? last : null, 5, "");
                    float[][] out = new float[3][d];
                    try (VelocityField vf = p.open(c, new byte[0])) {
                        vf.velocity(x, 0.5f, out);
                    }
                    for (int f = 0; f < 3; f++) {
                        for (int i = 0; i < d; i++) {
                            assertEquals(x[f][i] + offsets[k], out[f][i], 0f,
                                    "shape " + List.of(shape) + " " + v + " frame " + f + " element " + i);
                        }
                    }
                }
            }
        }
    }

    @Test
    void anchorLatentRoleBindsTheConditionsAnchors() throws Exception {
        // velocity = x + 3 anchor: the output says exactly which anchor latents were bound, frame by frame
        OnnxGraph g = new OnnxGraph("anchor_latent");
        g.input("x", ElemType.FLOAT, "L", "D").input("t", ElemType.FLOAT, 1).input("anchor", ElemType.FLOAT, "L", "D");
        g.initializer("three", new float[] {3}, 1);
        g.op("Add", "v", List.of("x", g.op("Mul", List.of("anchor", "three"))));
        g.output("v", ElemType.FLOAT, "L", "D");
        Path dir = tmp.resolve("anchor");
        writeAnchorModel(dir, g, ConditioningKind.LATENTS);
        LatentGeometry geo = DctLatentSpace.geometry(32, 16, 4);
        int d = geo.dim();
        float[] alphas = {0.25f, 0.5f, 0.75f};
        float[][] x = new float[3][d], anchors = new float[3][d];
        for (int f = 0; f < 3; f++) {
            for (int i = 0; i < d; i++) {
                x[f][i] = 100 * f + i;
                anchors[f][i] = 7 * f - i; // integers: every sum is exact in float32
            }
        }
        GopCondition plain = new GopCondition(Variant.FLF2V, geo, alphas, new float[d], new float[d], 5, "");
        GopCondition c = plain.withAnchors(anchors, new boolean[] {false, true, false});
        try (OnnxFlowPrior p = OnnxFlowPrior.load(dir, io.gvc.model.runtime.SessionConfig.cpu(), null, null)) {
            float[][] out = new float[3][d];
            try (VelocityField vf = p.open(c, new byte[0])) {
                vf.velocity(x, 0.5f, out);
            }
            for (int f = 0; f < 3; f++) {
                for (int i = 0; i < d; i++) {
                    assertEquals(x[f][i] + 3 * anchors[f][i], out[f][i], 0f, "frame " + f + " element " + i);
                }
            }
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> p.open(plain, new byte[0]));
            assertEquals("model test-model takes the anchor latents, and the codec gave none for this GOP", e.getMessage());
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> plain.withAnchors(anchors, new boolean[2]));
        assertTrue(e.getMessage().contains("one per coded latent frame (3)"), e.getMessage());
        // as gains and boundary_mask: only a model conditioned on the boundary latents takes it
        Path text = tmp.resolve("anchor-text");
        writeAnchorModel(text, g, ConditioningKind.TEXT);
        try (LoadedModel model = ManifestLoader.load(text)) {
            IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                    () -> new OnnxFlowPrior(model));
            assertEquals("model test-model: an anchor_latent input needs conditioning 'latents' (it is read against"
                    + " the boundary latents' cross-fade), not 'text'", refused.getMessage());
        }
    }

    /** {@code g} as a model with inputs x, t and anchor (the anchor latents) on the DCT latent, conditioned as {@code kind} says. */
    private static void writeAnchorModel(Path dir, OnnxGraph g, ConditioningKind kind) throws IOException {
        writeModel(dir, new OnnxModel(g),
                List.of(decl("x", TensorRole.X, "L", "D"), decl("t", TensorRole.T, 1),
                        decl("anchor", TensorRole.ANCHOR_LATENT, "L", "D")),
                List.of(decl("v", TensorRole.VELOCITY, "L", "D")),
                new Latent(LatentKind.DCT, 3, 1, 1, FrameRule.PER_FRAME),
                new Conditioning(kind, true, true, true), Timestep.UNIT);
    }

    @Test
    void boundaryMaskNeedsLatentsConditioning() throws Exception {
        Path dir = boundaryMaskModel("bm-text", ConditioningKind.TEXT, 2);
        try (LoadedModel model = ManifestLoader.load(dir)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new OnnxFlowPrior(model));
            assertEquals("model test-model: a boundary_mask input needs conditioning 'latents' (it says which of "
                    + "first_latent and last_latent the GOP has), not 'text'", e.getMessage());
        }
    }

    @Test
    void bcthwLayoutTransposesFramesAndChannels() throws Exception {
        // a VAE-style model: x [1, C, T, H, W]; velocity = x + alpha (alpha as [1, 1, T, 1, 1])
        OnnxGraph g = new OnnxGraph("bcthw");
        g.input("x", ElemType.FLOAT, 1, "C", "T", "H", "W").input("t", ElemType.FLOAT, 1)
                .input("alpha", ElemType.FLOAT, 1, 1, "T", 1, 1);
        g.op("Add", "u", List.of("x", "alpha"));
        g.output("u", ElemType.FLOAT, 1, "C", "T", "H", "W");
        Path dir = tmp.resolve("bcthw");
        writeModel(dir, new OnnxModel(g),
                List.of(decl("x", TensorRole.X, 1, "C", "T", "H", "W"), decl("t", TensorRole.T, 1),
                        decl("alpha", TensorRole.ALPHA, 1, 1, "T", 1, 1)),
                List.of(decl("u", TensorRole.VELOCITY, 1, "C", "T", "H", "W")),
                new Latent(LatentKind.VAE, 2, 4, 8, FrameRule.CAUSAL),
                new Conditioning(ConditioningKind.LATENTS, false, true, true), Timestep.UNIT);
        // two channels of 4 x 3 latent pixels
        LatentGeometry geo = new LatentGeometry(new int[] {4, 4}, new int[] {3, 3}, new int[] {4, 4}, new int[] {3, 3});
        int d = geo.dim();
        float[] alphas = {0.1f, 0.2f, 0.3f};
        try (OnnxFlowPrior p = OnnxFlowPrior.load(dir, io.gvc.model.runtime.SessionConfig.cpu(), null, null);
             VelocityField vf = p.open(new GopCondition(Variant.I2V, geo, alphas, new float[d], null, 9, ""), new byte[0])) {
            float[][] x = new float[3][d], out = new float[3][d];
            for (int f = 0; f < 3; f++) {
                for (int i = 0; i < d; i++) {
                    x[f][i] = 1000 * f + i;
                }
            }
            vf.velocity(x, 0.5f, out);
            for (int f = 0; f < 3; f++) {
                for (int i = 0; i < d; i++) {
                    assertEquals(x[f][i] + alphas[f], out[f][i], 1e-3f, "frame " + f + " element " + i);
                }
            }
        }
    }
}
