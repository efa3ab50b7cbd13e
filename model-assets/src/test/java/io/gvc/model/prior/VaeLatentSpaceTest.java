package io.gvc.model.prior;

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
import io.gvc.codec.latent.LatentSpace;
import io.gvc.codec.metrics.PsnrAccumulator;
import io.gvc.model.colour.YuvRgb;
import io.gvc.model.manifest.ManifestLoader;
import io.gvc.model.onnx.Attr;
import io.gvc.model.onnx.ElemType;
import io.gvc.model.onnx.OnnxGraph;
import io.gvc.model.onnx.OnnxModel;
import io.gvc.model.runtime.SessionConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A model with its own VAE, run through ONNX Runtime: a toy but real one, written by the project's
 * ONNX writer (encoder: 8x8 average pooling of RGB; decoder: nearest upsampling; velocity: x / t,
 * i.e. a prior that expects the zero latent). It checks that the VAE becomes the codec's latent
 * space and that encoder and decoder agree bit for bit through it.
 */
class VaeLatentSpaceTest {

    static final int W = 64, H = 48, S = 8, C = 3;

    @TempDir
    static Path dir;
    static Path model;

    @BeforeAll
    static void writeModel() throws Exception {
        model = Files.createDirectories(dir.resolve("toy-vae"));
        OnnxGraph enc = new OnnxGraph("toy_vae_encoder");
        enc.input("video", ElemType.FLOAT, 1, 3, 1, H, W);
        enc.node("AveragePool", List.of("video"), List.of("latent"), Attr.ints("kernel_shape", 1, S, S),
                Attr.ints("strides", 1, S, S));
        enc.output("latent", ElemType.FLOAT, 1, C, 1, H / S, W / S);
        new OnnxModel(enc).write(model.resolve("vae_encoder.onnx"));

        // nearest upsampling as reshape -> expand -> reshape (static shapes: the toy is for one size)
        OnnxGraph dec = new OnnxGraph("toy_vae_decoder");
        dec.input("latent", ElemType.FLOAT, 1, C, 1, H / S, W / S);
        dec.initializerInt64("s1", new long[] {1, C, 1, H / S, 1, W / S, 1}, 7);
        dec.initializerInt64("s2", new long[] {1, C, 1, H / S, S, W / S, S}, 7);
        dec.initializerInt64("s3", new long[] {1, C, 1, H, W}, 5);
        dec.op("Reshape", "r1", List.of("latent", "s1"));
        dec.op("Expand", "r2", List.of("r1", "s2"));
        dec.op("Reshape", "video", List.of("r2", "s3"));
        dec.output("video", ElemType.FLOAT, 1, 3, 1, H, W);
        new OnnxModel(dec).write(model.resolve("vae_decoder.onnx"));

        OnnxGraph vel = new OnnxGraph("toy_velocity");
        vel.input("x", ElemType.FLOAT, "L", "D");
        vel.input("t", ElemType.FLOAT, 1);
        vel.op("Div", "velocity", List.of("x", "t"));
        vel.output("velocity", ElemType.FLOAT, "L", "D");
        new OnnxModel(vel).write(model.resolve("velocity.onnx"));

        String manifest = """
                {
                  "format": "gvc-model-manifest/1",
                  "name": "toy-vae",
                  "version": "1",
                  "files": [
                    {"role": "velocity", "path": "velocity.onnx", "sha256": "%s",
                     "inputs": [{"name": "x", "role": "x", "dtype": "float32", "shape": ["L", "D"]},
                                {"name": "t", "role": "t", "dtype": "float32", "shape": [1]}],
                     "outputs": [{"name": "velocity", "role": "velocity", "dtype": "float32", "shape": ["L", "D"]}]},
                    {"role": "vae_encoder", "path": "vae_encoder.onnx", "sha256": "%s",
                     "inputs": [{"name": "video", "role": "video", "dtype": "float32", "shape": [1, 3, 1, %d, %d]}],
                     "outputs": [{"name": "latent", "role": "latent", "dtype": "float32", "shape": [1, %d, 1, %d, %d]}]},
                    {"role": "vae_decoder", "path": "vae_decoder.onnx", "sha256": "%s",
                     "inputs": [{"name": "latent", "role": "latent", "dtype": "float32", "shape": [1, %d, 1, %d, %d]}],
                     "outputs": [{"name": "video", "role": "video", "dtype": "float32", "shape": [1, 3, 1, %d, %d]}]}
                  ],
                  "latent": {"kind": "vae", "channels": %d, "temporal_stride": 1, "spatial_stride": %d, "frames": "per_frame"},
                  "conditioning": {"kind": "text", "flf2v": true, "i2v": true, "t2v": true},
                  "timestep": "unit",
                  "sampler": {"steps": 12, "shift": 3.0, "g_scale": 3.0, "tail": 2}
                }
                """.formatted(ManifestLoader.sha256(model.resolve("velocity.onnx")),
                ManifestLoader.sha256(model.resolve("vae_encoder.onnx")), H, W, C, H / S, W / S,
                ManifestLoader.sha256(model.resolve("vae_decoder.onnx")), C, H / S, W / S, H, W, C, S);
        Files.writeString(model.resolve("manifest.json"), manifest);
    }

    static OnnxFlowPrior open() throws Exception {
        return OnnxFlowPrior.load(model, SessionConfig.of("cpu", 1), null, null);
    }

    /** A moving diagonal gradient with a bright square: content with motion and edges. */
    static Video clip(int frames) {
        List<Frame> out = new ArrayList<>();
        for (int k = 0; k < frames; k++) {
            byte[] y = new byte[W * H], u = new byte[W * H / 4], v = new byte[W * H / 4];
            for (int r = 0; r < H; r++) {
                for (int c = 0; c < W; c++) {
                    int val = (2 * c + 3 * r + 4 * k) % 200 + 20;
                    if (r >= 10 && r < 26 && c >= 5 + 3 * k && c < 21 + 3 * k) {
                        val = 235;
                    }
                    y[r * W + c] = (byte) val;
                }
            }
            for (int i = 0; i < u.length; i++) {
                u[i] = (byte) (110 + (i + k) % 30);
                v[i] = (byte) (140 - (i + 2 * k) % 30);
            }
            out.add(new Frame(W, H, y, u, v));
        }
        return new Video(new VideoFormat(W, H, 25, 1), out);
    }

    @Test
    void theVaeIsTheLatentSpaceAndItsEncoderRunsThroughOnnxRuntime() throws Exception {
        try (OnnxFlowPrior prior = open()) {
            LatentSpace space = prior.latentSpace(new VideoFormat(W, H, 25, 1), 2).orElseThrow();
            assertEquals(C, space.geometry().planes());
            assertEquals(C * (H / S) * (W / S), space.geometry().dim());
            Frame f = clip(1).frames().get(0);
            float[] latent = space.encode(f);
            // the toy encoder averages 8x8 blocks of RGB in [-1, 1]
            float[] rgb = YuvRgb.toRgb(f);
            for (int c = 0; c < C; c++) {
                for (int by = 0; by < H / S; by++) {
                    for (int bx = 0; bx < W / S; bx++) {
                        double sum = 0;
                        for (int y = 0; y < S; y++) {
                            for (int x = 0; x < S; x++) {
                                sum += rgb[c * W * H + (by * S + y) * W + bx * S + x];
                            }
                        }
                        assertEquals(sum / (S * S), latent[(c * (H / S) + by) * (W / S) + bx], 1e-5);
                    }
                }
            }
            // a latent equal to the anchor adds nothing
            float[][] none = space.deviationPixels(latent, latent);
            for (float[] plane : none) {
                for (float d : plane) {
                    assertEquals(0f, d);
                }
            }
            assertTrue(prior.latentSpace(new VideoFormat(W, H, 25, 1), 2).get() == space, "one space per size");
        }
    }

    @Test
    void encodeAndDecodeThroughTheVaeAgreeBitForBit() throws Exception {
        Video video = clip(17);
        CodecParams params = CodecParams.defaults().withGopFrames(9).withAtoms(16).withThreads(1);
        try (OnnxFlowPrior prior = open()) {
            StreamEncoder.Result r = StreamEncoder.encode(video, params, prior, Progress.NONE);
            Video once = StreamDecoder.decode(r.file(), prior, 1, Progress.NONE);
            Video twice = StreamDecoder.decode(r.file(), prior, 2, Progress.NONE);
            assertEquals(video.frameCount(), once.frameCount());
            PsnrAccumulator psnr = new PsnrAccumulator();
            for (int i = 0; i < once.frameCount(); i++) {
                assertArrayEquals(r.reconstruction().frames().get(i).y(), once.frames().get(i).y(), "frame " + i);
                assertArrayEquals(r.reconstruction().frames().get(i).u(), once.frames().get(i).u(), "frame " + i);
                assertArrayEquals(once.frames().get(i).y(), twice.frames().get(i).y(), "frame " + i);
                psnr.add(video.frames().get(i), once.frames().get(i));
            }
            assertTrue(psnr.psnrY() > 12, "the decode resembles the clip: " + psnr.psnrY());
            // the stream names the VAE model: the hash covers its files, so another VAE is refused
            assertNotEquals(prior.manifest().velocity().sha256(), prior.sha256());
        }
    }

    /**
     * The latent spaces are cached per picture size and downscale, at most LatentSpaces.CAPACITY of
     * them (issue 13: a stream of ever-changing sizes grew the cache without limit). A space dropped
     * from the cache frees its tensors, and one a coder still holds binds them again on its next picture.
     */
    @Test
    void theLatentSpaceCacheIsBoundedAndADroppedSpaceStillWorks() throws Exception {
        VideoFormat f = new VideoFormat(W, H, 25, 1);
        Frame picture = clip(1).frames().get(0);
        try (OnnxFlowPrior prior = open()) {
            LatentSpace first = prior.latentSpace(f, 1).orElseThrow(); // downscale is part of the key
            float[] before = first.encode(picture);
            for (int d = 2; d <= 100; d++) {
                prior.latentSpace(f, d).orElseThrow();
                assertTrue(prior.cachedLatentSpaces() <= LatentSpaces.CAPACITY, prior.cachedLatentSpaces() + " cached");
            }
            assertEquals(LatentSpaces.CAPACITY, prior.cachedLatentSpaces());
            assertTrue(prior.latentSpace(f, 100).get() == prior.latentSpace(f, 100).get(), "recent sizes stay cached");
            assertTrue(prior.latentSpace(f, 1).get() != first, "the first size was dropped and is made again");
            assertArrayEquals(before, first.encode(picture), "the dropped space re-binds its tensors");
        }
    }

    @Test
    void aPictureSizeTheVaeCannotTileIsRefused() throws Exception {
        try (OnnxFlowPrior prior = open()) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> prior.latentSpace(new VideoFormat(60, 48, 25, 1), 2));
            assertTrue(e.getMessage().contains("not a multiple of the VAE's spatial stride 8"), e.getMessage());
        }
    }
}
