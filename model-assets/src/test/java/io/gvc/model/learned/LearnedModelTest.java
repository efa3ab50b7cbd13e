package io.gvc.model.learned;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gvc.codec.CodecParams;
import io.gvc.codec.Progress;
import io.gvc.codec.StreamDecoder;
import io.gvc.codec.StreamEncoder;
import io.gvc.codec.frame.Frame;
import io.gvc.codec.frame.Video;
import io.gvc.codec.frame.VideoFormat;
import io.gvc.codec.intra.DctIntraCodec;
import io.gvc.codec.latent.DctPictureLatentSpace;
import io.gvc.codec.latent.LatentGeometry;
import io.gvc.codec.prior.GopCondition;
import io.gvc.codec.prior.VelocityField;
import io.gvc.codec.variant.Variant;
import io.gvc.model.manifest.ModelManifest.ConditioningKind;
import io.gvc.model.manifest.ModelManifest.LatentKind;
import io.gvc.model.prior.OnnxFlowPrior;
import io.gvc.model.runtime.SessionConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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

    static LatentGeometry picture(int w, int h, int ds) {
        return new DctPictureLatentSpace(w, h, ds).geometry();
    }

    /** An FLF2V GOP of {@code frames} pictures with stride 2 in the picture latent. */
    static GopCondition gop(SplittableRandom r, LatentGeometry g, int frames) {
        int coded = (frames - 1) / 2 - 1;
        float[] alphas = new float[coded];
        for (int f = 0; f < coded; f++) {
            alphas[f] = 2f * (f + 1) / (frames - 1);
        }
        return new GopCondition(Variant.FLF2V, g, alphas, random(r, g.dim(), 3), random(r, g.dim(), 3), frames, "");
    }

    static float[][] frames(SplittableRandom r, int n, int dim) {
        float[][] x = new float[n][];
        for (int f = 0; f < n; f++) {
            x[f] = random(r, dim, 1);
        }
        return x;
    }

    static float[][] run(int threads, GopCondition c, byte[] side, float[][] x, float t) throws Exception {
        try (OnnxFlowPrior p = OnnxFlowPrior.load(committed(), SessionConfig.of("cpu", threads), null, null);
             VelocityField vf = p.open(c, side)) {
            float[][] out = new float[x.length][c.geometry().dim()];
            vf.velocity(x, t, out);
            return out;
        }
    }

    @Test
    void loadsAsAnFlf2vPictureModelAndIsDeterministic() throws Exception {
        SplittableRandom r = new SplittableRandom(6);
        GopCondition c = gop(r, picture(176, 144, 2), 33);
        assertEquals(15, c.latentFrames());
        assertEquals(9504, c.geometry().dim());
        float[][] truth = frames(r, 15, 9504);
        float[][] x = frames(r, 15, 9504);
        byte[] side;
        try (OnnxFlowPrior p = OnnxFlowPrior.load(committed(), SessionConfig.cpu(), null, null)) {
            assertEquals(ConditioningKind.LATENTS, p.manifest().conditioning().kind());
            assertEquals(LatentKind.PICTURE, p.manifest().latent().kind());
            assertEquals("gvc-learned-picture-3", p.id());
            for (Variant v : Variant.values()) {
                assertTrue(p.manifest().conditioning().supports(v), "one network codes " + v);
            }
            side = p.analyse(c, truth);
            assertEquals(2, side.length, "three 5-bit plane gains");
            assertTrue(p.latentSpace(new VideoFormat(176, 144, 25, 1), 2).orElseThrow() instanceof DctPictureLatentSpace);
        }
        float[][] a = run(1, c, side, x, 0.6f);
        float[][] b = run(1, c, side, x, 0.6f);
        float[][] two = run(2, c, side, x, 0.6f);
        for (int f = 0; f < 15; f++) {
            assertArrayEquals(a[f], b[f], "two sessions, frame " + f);
            assertArrayEquals(a[f], two[f], "1 vs 2 intra-op threads, frame " + f);
            for (float v : a[f]) {
                assertTrue(Float.isFinite(v));
            }
        }
        // the trained weights matter: the output is not the velocity of the plain first/last bridge,
        // (x - bridge) / t, nor does it ignore the side information
        double diff = 0;
        for (int f = 0; f < 15; f++) {
            float alpha = c.alphas()[f];
            for (int i = 0; i < 9504; i++) {
                float bridge = (1 - alpha) * c.firstLatent()[i] + alpha * c.lastLatent()[i];
                diff += Math.abs(a[f][i] - (x[f][i] - bridge) / 0.6f);
            }
        }
        assertTrue(diff / (15 * 9504) > 1e-3, "learned output differs from the bridge's: mean |diff| " + diff / (15 * 9504));
        float[][] otherGains = run(1, c, new byte[] {(byte) 0x84, 0x21}, x, 0.6f);
        assertNotEquals(a[7][100], otherGains[7][100], "the gains change the velocity");
    }

    /** I2V codes every latent frame after the first (alpha up to 1), T2V every one; first/last are null where absent. */
    @Test
    void i2vAndT2vGopsRunDeterministicallyAndI2vIsNotFlf2vWithAGreyLastFrame() throws Exception {
        SplittableRandom r = new SplittableRandom(11);
        LatentGeometry g = picture(176, 144, 2);
        float[] i2vAlphas = new float[16], t2vAlphas = new float[17];
        for (int f = 0; f < 17; f++) {
            t2vAlphas[f] = f / 16f;
            if (f > 0) {
                i2vAlphas[f - 1] = f / 16f;
            }
        }
        float[] first = random(r, g.dim(), 3);
        GopCondition i2v = new GopCondition(Variant.I2V, g, i2vAlphas, first, null, 33, "");
        GopCondition t2v = new GopCondition(Variant.T2V, g, t2vAlphas, null, null, 33, "");
        float[][] x = frames(r, 17, g.dim());
        float[][] x16 = java.util.Arrays.copyOf(x, 16);
        byte[] side = {(byte) 0x84, 0x21};
        float[][] a = run(1, i2v, side, x16, 0.5f);
        assertTrue(java.util.Arrays.deepEquals(a, run(2, i2v, side, x16, 0.5f)), "I2V: 1 vs 2 threads");
        float[][] t = run(1, t2v, side, x, 0.5f);
        assertTrue(java.util.Arrays.deepEquals(t, run(2, t2v, side, x, 0.5f)), "T2V: 1 vs 2 threads");
        // an FLF2V GOP whose last latent is the zero (mid-grey) picture binds the same first, last and x
        // as the I2V GOP; with its other anchor and boundary mask its interior velocity must differ
        // (the mask binding itself: OnnxFlowPriorTest.boundaryMaskSaysWhichBoundaryLatentsTheGopHas)
        float[] interior = java.util.Arrays.copyOf(i2vAlphas, 15);
        float[][] f = run(1, new GopCondition(Variant.FLF2V, g, interior, first, new float[g.dim()], 33, ""), side,
                java.util.Arrays.copyOf(x, 15), 0.5f);
        assertNotEquals(a[7][100], f[7][100], "I2V and FLF2V with a zero last latent differ");
        for (float[] row : t) {
            for (float v : row) {
                assertTrue(Float.isFinite(v));
            }
        }
    }

    @Test
    void aGopWithoutCodedFramesOpens() throws Exception {
        // foreman (10 frames) with --gop 9 ends in a 2-frame GOP: L = 0, alpha would be a [0] tensor
        SplittableRandom r = new SplittableRandom(8);
        LatentGeometry g = picture(176, 144, 2);
        GopCondition c = new GopCondition(Variant.FLF2V, g, new float[0], random(r, g.dim(), 3), random(r, g.dim(), 3), 2, "");
        try (OnnxFlowPrior p = OnnxFlowPrior.load(committed(), SessionConfig.cpu(), null, null)) {
            byte[] side = p.analyse(c, new float[0][]);
            assertEquals(0, side.length, "no latent frames, no gains to measure");
            try (VelocityField vf = p.open(c, side)) {
                vf.velocity(new float[0][], 0.5f, new float[0][]); // no frames: nothing to run
                // frames where the GOP has none are a caller's error, not a silent no-op
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                        () -> vf.velocity(new float[1][g.dim()], 0.5f, new float[1][g.dim()]));
                assertEquals("a GOP without coded latent frames got 1 frames", e.getMessage());
            }
        }
    }

    @Test
    void anyFrameSizeAndGopLengthRuns() throws Exception {
        // fully convolutional: 1280x720 at ds 16 (a 40x23 latent: odd height through the U-Net's
        // stride-2 levels) and a 9-frame GOP with stride 2 (3 coded frames)
        SplittableRandom r = new SplittableRandom(7);
        LatentGeometry g = picture(1280, 720, 16);
        GopCondition c = gop(r, g, 9);
        assertEquals(3, c.latentFrames());
        float[][] out = run(1, c, new byte[] {(byte) 0xa4, 0x20}, frames(r, 3, g.dim()), 0.3f);
        assertEquals(3, out.length);
        assertEquals(6 * 40 * 23, out[0].length);
    }

    /** A 64x48 clip: a bright square moving right over a horizontal ramp. */
    static Video movingSquare(int frames) {
        int w = 64, h = 48;
        List<Frame> out = new ArrayList<>();
        for (int t = 0; t < frames; t++) {
            byte[] y = new byte[w * h], u = new byte[w * h / 4], v = new byte[w * h / 4];
            for (int i = 0; i < h; i++) {
                for (int j = 0; j < w; j++) {
                    boolean sq = j >= 4 + 2 * t && j < 20 + 2 * t && i >= 16 && i < 32;
                    y[i * w + j] = (byte) (sq ? 220 : 40 + 2 * j);
                }
            }
            java.util.Arrays.fill(u, (byte) 120);
            java.util.Arrays.fill(v, (byte) (130 + t));
            out.add(new Frame(w, h, y, u, v));
        }
        return new Video(new VideoFormat(w, h, 25, 1), out);
    }

    @Test
    void encodeAndDecodeAgreeToTheBitAtAnyThreadCount() throws Exception {
        assertBitExactAtOneAndTwoThreads(committed());
    }

    /** Encodes a moving square with {@code model} at 1 and 2 threads and decodes it at 1 and 2: all agree to the bit. */
    static void assertBitExactAtOneAndTwoThreads(Path model) throws Exception {
        Video clip = movingSquare(17);
        // K = 256, 8 steps (6 stochastic), a latent frame every 2nd picture, GOPs of 9
        CodecParams p = CodecParams.builder().variant(Variant.FLF2V).gopFrames(9).codebookSize(256).m(8).steps(8)
                .seed(0x5eedL).intraCodec(DctIntraCodec.ID).keyframeQuality(75).boundaryShare(0.5).threads(1).build();
        try (OnnxFlowPrior prior = OnnxFlowPrior.load(model, SessionConfig.cpu(), null, null)) {
            StreamEncoder.Result one = StreamEncoder.encode(clip, p, prior, Progress.NONE);
            StreamEncoder.Result two = StreamEncoder.encode(clip, p.withThreads(2), prior, Progress.NONE);
            assertArrayEquals(one.file(), two.file(), "encoded with 1 vs 2 threads");
            Video d1 = StreamDecoder.decode(one.file(), prior, 1, Progress.NONE);
            Video d2 = StreamDecoder.decode(one.file(), prior, 2, Progress.NONE);
            assertEquals(17, d1.frameCount());
            for (int i = 0; i < 17; i++) {
                Frame rec = one.reconstruction().frames().get(i);
                for (int pl = 0; pl < 3; pl++) {
                    assertArrayEquals(rec.plane(pl), d1.frames().get(i).plane(pl), "decode vs encoder, frame " + i);
                    assertArrayEquals(d1.frames().get(i).plane(pl), d2.frames().get(i).plane(pl),
                            "decode 1 vs 2 threads, frame " + i);
                }
            }
        }
    }

    /**
     * A valid, CRC-correct packet the learned model cannot take (height 1 at latent downscale 1: too
     * small for a picture latent) is a bitstream error naming the config, not an
     * IllegalArgumentException (which the CLI would report as a usage error).
     */
    @Test
    void aStreamTooSmallForThePictureLatentIsABitstreamError() throws Exception {
        try (OnnxFlowPrior prior = OnnxFlowPrior.load(committed(), SessionConfig.cpu(), null, null)) {
            var config = new io.gvc.codec.bitstream.CodingConfig(Variant.FLF2V, new VideoFormat(16, 1, 25, 1), 9, 1, 2,
                    256, 8, 2, 3f, 3f, 1L, prior.id(), io.gvc.codec.bitstream.CodingConfig.hashPrefix(prior.sha256()));
            var packet = new io.gvc.codec.bitstream.GvcPacket(0, 0, 2, config, 0, 0, 0, 0, new int[2], List.of(), "",
                    new byte[0], new byte[0], 0, new byte[0], new io.gvc.codec.bitstream.EncoderPsnr(0, 0, 0));
            var read = io.gvc.codec.bitstream.PacketCodec.read(io.gvc.codec.bitstream.PacketCodec.write(packet));
            try (io.gvc.codec.GopDecoder dec = new io.gvc.codec.GopDecoder(prior, 1)) {
                var e = org.junit.jupiter.api.Assertions.assertThrows(io.gvc.codec.bitstream.BitstreamException.class,
                        () -> dec.decode(read, null));
                assertEquals("packet.config", e.field());
                assertTrue(e.getMessage().contains("16x1"), e.getMessage());
            }
        }
    }
}
