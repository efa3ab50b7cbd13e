package io.gvc.model.learned;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gvc.codec.bitstream.BitstreamException;
import io.gvc.codec.latent.LatentGeometry;
import io.gvc.codec.prior.GopCondition;
import io.gvc.codec.prior.VelocityField;
import io.gvc.codec.variant.Variant;
import io.gvc.model.manifest.ModelManifest.TensorRole;
import io.gvc.model.prior.OnnxFlowPrior;
import io.gvc.model.runtime.SessionConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The committed FLF2V default, model-assets/learned-bridge (model-assets/training, "Training on the bridge"). */
class BridgeModelTest {

    static Path committed() {
        Path p = Path.of("learned-bridge");
        return Files.isDirectory(p) ? p : Path.of("model-assets", "learned-bridge");
    }

    @Test
    void takesTheAnchorLatentsAndTheyChangeItsVelocity() throws Exception {
        LatentGeometry g = LearnedModelTest.picture(176, 144, 2);
        SplittableRandom r = new SplittableRandom(4);
        GopCondition plain = LearnedModelTest.gop(r, g, 17);
        int n = plain.latentFrames();
        float[][] x = LearnedModelTest.frames(r, n, g.dim());
        float[][] atCentre = new float[n][], moved = new float[n][];
        for (int f = 0; f < n; f++) {
            atCentre[f] = plain.centre(f);
            moved[f] = plain.centre(f).clone();
            for (int i = 0; i < moved[f].length; i += 7) {
                moved[f][i] += 2f; // the bridge put content elsewhere than the cross-fade
            }
        }
        boolean[] none = new boolean[n];
        try (OnnxFlowPrior p = OnnxFlowPrior.load(committed(), SessionConfig.cpu(), null, null)) {
            byte[] side = p.analyse(plain, x); // the gains, as the encoder measures them
            assertEquals("gvc-learned-bridge-1", p.id());
            assertTrue(p.manifest().velocity().input(TensorRole.ANCHOR_LATENT).isPresent(), "anchor_latent input");
            float[][] a = velocity(p, plain.withAnchors(atCentre, none), side, x);
            float[][] again = velocity(p, plain.withAnchors(atCentre, none), side, x);
            float[][] b = velocity(p, plain.withAnchors(moved, none), side, x);
            double diff = 0;
            for (int f = 0; f < n; f++) {
                assertArrayEquals(a[f], again[f], "deterministic, frame " + f);
                for (int i = 0; i < a[f].length; i++) {
                    diff += Math.abs(a[f][i] - b[f][i]);
                }
            }
            assertTrue(diff / (n * g.dim()) > 1e-4, "the anchor latents reach the output: mean |diff| "
                    + diff / (n * g.dim()));
            // trained on FLF2V GOPs only, and it says so
            GopCondition i2v = new GopCondition(Variant.I2V, g, plain.alphas(), plain.firstLatent(), null, 17, "");
            BitstreamException e = assertThrows(BitstreamException.class, () -> p.open(i2v, side));
            assertTrue(e.getMessage().contains("does not support i2v"), e.getMessage());
        }
    }

    private static float[][] velocity(OnnxFlowPrior p, GopCondition c, byte[] side, float[][] x) throws Exception {
        try (VelocityField vf = p.open(c, side)) {
            float[][] out = new float[x.length][c.geometry().dim()];
            vf.velocity(x, 0.5f, out);
            return out;
        }
    }

    @Test
    void encodeAndDecodeAgreeToTheBitAtAnyThreadCount() throws Exception {
        LearnedModelTest.assertBitExactAtOneAndTwoThreads(committed());
    }
}
