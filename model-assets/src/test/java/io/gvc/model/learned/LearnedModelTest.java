package io.gvc.model.learned;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gvc.codec.bitstream.BitstreamException;
import io.gvc.codec.latent.DctLatentSpace;
import io.gvc.codec.latent.LatentGeometry;
import io.gvc.codec.prior.GopCondition;
import io.gvc.codec.prior.VelocityField;
import io.gvc.codec.variant.Variant;
import io.gvc.model.manifest.ModelManifest.ConditioningKind;
import io.gvc.model.prior.OnnxFlowPrior;
import io.gvc.model.runtime.SessionConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The committed learned model (model-assets/learned, trained by model-assets/training). */
class LearnedModelTest {

    static Path committed() {
        Path p = Path.of("learned");
        return Files.isDirectory(p) ? p : Path.of("model-assets", "learned");
    }

    static float[] random(SplittableRandom r, int n, double scale) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) (r.nextGaussian() * scale);
        }
        return x;
    }

    /** A 33-frame FLF2V GOP at 176x144 with stride 2: 15 coded latent frames of D = 9504. */
    static GopCondition qcifGop(SplittableRandom r) {
        LatentGeometry g = DctLatentSpace.geometry(176, 144, 2);
        float[] alphas = new float[15];
        for (int f = 0; f < 15; f++) {
            alphas[f] = 2f * (f + 1) / 32f;
        }
        return new GopCondition(Variant.FLF2V, g, alphas, random(r, g.dim(), 3), random(r, g.dim(), 3), 33, "");
    }

    static float[][] run(int threads, GopCondition c, float[][] x, float t) throws Exception {
        try (OnnxFlowPrior p = OnnxFlowPrior.load(committed(), SessionConfig.of("cpu", threads), null, null);
             VelocityField vf = p.open(c, new byte[0])) {
            float[][] out = new float[x.length][c.geometry().dim()];
            vf.velocity(x, t, out);
            return out;
        }
    }

    @Test
    void loadsAsAnFlf2vLatentsModelAndIsDeterministic() throws Exception {
        SplittableRandom r = new SplittableRandom(6);
        GopCondition c = qcifGop(r);
        assertEquals(9504, c.geometry().dim());
        float[][] x = new float[15][];
        for (int f = 0; f < 15; f++) {
            x[f] = random(r, 9504, 1);
        }
        float[][] a = run(1, c, x, 0.6f);
        float[][] b = run(1, c, x, 0.6f);
        float[][] two = run(2, c, x, 0.6f);
        for (int f = 0; f < 15; f++) {
            assertArrayEquals(a[f], b[f], "two sessions, frame " + f);
            assertArrayEquals(a[f], two[f], "1 vs 2 intra-op threads, frame " + f);
            for (float v : a[f]) {
                assertTrue(Float.isFinite(v));
            }
        }
        // the trained weights matter: the output is not the velocity of the plain first/last bridge,
        // (x - bridge) / t, which is what the network's x0 head reduces to with its weights at zero
        double diff = 0;
        int n = 0;
        for (int f = 0; f < 15; f++) {
            float alpha = c.alphas()[f];
            for (int i = 0; i < 9504; i++) {
                float bridge = (1 - alpha) * c.firstLatent()[i] + alpha * c.lastLatent()[i];
                diff += Math.abs(a[f][i] - (x[f][i] - bridge) / 0.6f);
                n++;
            }
        }
        assertTrue(diff / n > 1e-3, "learned output differs from the bridge's: mean |diff| " + diff / n);
        try (OnnxFlowPrior p = OnnxFlowPrior.load(committed(), SessionConfig.cpu(), null, null)) {
            assertEquals(ConditioningKind.LATENTS, p.manifest().conditioning().kind());
            assertEquals("gvc-learned-flf2v-dct", p.id());
            assertEquals(0, p.analyse(c, x).length);
            LatentGeometry g = c.geometry();
            BitstreamException e = assertThrows(BitstreamException.class, () -> p.open(
                    new GopCondition(Variant.I2V, g, c.alphas(), c.firstLatent(), null, 33, ""), new byte[0]));
            assertTrue(e.getMessage().contains("does not support i2v"), e.getMessage());
        }
    }

    @Test
    void aGopWithoutCodedFramesOpens() throws Exception {
        // foreman (10 frames) with --gop 9 ends in a 2-frame GOP: L = 0, alpha would be a [0] tensor
        SplittableRandom r = new SplittableRandom(8);
        LatentGeometry g = DctLatentSpace.geometry(176, 144, 2);
        GopCondition c = new GopCondition(Variant.FLF2V, g, new float[0], random(r, g.dim(), 3), random(r, g.dim(), 3), 2, "");
        try (OnnxFlowPrior p = OnnxFlowPrior.load(committed(), SessionConfig.cpu(), null, null);
             VelocityField vf = p.open(c, new byte[0])) {
            vf.velocity(new float[0][], 0.5f, new float[0][]);
        }
    }

    @Test
    void anyFrameSizeAndGopLengthRuns() throws Exception {
        // fully convolutional: 352x288 (ds 4) and a 9-frame GOP with stride 2 (3 coded frames)
        SplittableRandom r = new SplittableRandom(7);
        LatentGeometry g = DctLatentSpace.geometry(352, 288, 4);
        float[] alphas = {0.25f, 0.5f, 0.75f};
        GopCondition c = new GopCondition(Variant.FLF2V, g, alphas, random(r, g.dim(), 3), random(r, g.dim(), 3), 9, "");
        float[][] x = {random(r, g.dim(), 1), random(r, g.dim(), 1), random(r, g.dim(), 1)};
        float[][] out = run(1, c, x, 0.3f);
        assertEquals(3, out.length);
        assertEquals(g.dim(), out[0].length);
    }
}
