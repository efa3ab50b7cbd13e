package io.gvc.model.prior;

import ai.onnxruntime.OrtException;
import io.gvc.codec.frame.Frame;
import io.gvc.codec.frame.VideoFormat;
import io.gvc.codec.latent.LatentGeometry;
import io.gvc.codec.latent.LatentSpace;
import io.gvc.model.colour.YuvRgb;
import io.gvc.model.manifest.ModelManifest;
import io.gvc.model.manifest.ModelManifest.FileRole;
import io.gvc.model.manifest.ModelManifest.TensorDecl;
import io.gvc.model.manifest.ModelManifest.TensorRole;
import io.gvc.model.onnx.Dim;
import io.gvc.model.runtime.Binding;
import io.gvc.model.runtime.OnnxSession;
import java.nio.FloatBuffer;
import java.util.List;
import java.util.Map;

/**
 * A model's VAE as the codec's latent space, run through ONNX Runtime: pictures go in as RGB in
 * [-1, 1] ({@code video}, [B, 3, T, H, W] with B = T = 1), latents come out as {@code latent}
 * ([B, C, T, h, w], h = H / s, w = W / s); one latent frame per picture ({@code per_frame},
 * temporal stride 1). A latent difference becomes pixels as decode(x0) - decode(anchor), converted
 * to Y, U, V (BT.601 full range, chroma averaged over 2x2), so the codec's anchor-plus-deviation
 * synthesis works unchanged.
 *
 * <p>Causal video VAEs with a temporal stride (Wan's 4) put several pictures in one latent frame;
 * the codec's GOP layout has one picture per latent frame, so they are refused with that reason.
 */
public final class VaeLatentSpace implements LatentSpace {

    private final OnnxSession encoder;
    private final OnnxSession decoder;
    private final TensorDecl encIn, encOut, decIn, decOut;
    private final int width, height, channels, latentW, latentH;
    private final LatentGeometry geometry;
    private Binding encodeBinding;
    private Binding decodeBinding;
    private float[] lastAnchor;
    private float[][] lastAnchorPixels;

    VaeLatentSpace(ModelManifest manifest, OnnxSession encoder, OnnxSession decoder, VideoFormat format) {
        ModelManifest.Latent latent = manifest.latent();
        if (latent.temporalStride() != 1 || latent.frames() != ModelManifest.FrameRule.PER_FRAME) {
            throw new IllegalArgumentException("model " + manifest.name() + ": its VAE puts " + latent.temporalStride()
                    + " pictures in a latent frame (" + latent.frames().spelling() + "); the codec's GOP layout needs "
                    + "one picture per latent frame (temporal_stride 1, frames per_frame)");
        }
        int s = latent.spatialStride();
        if (s < 1 || format.width() % s != 0 || format.height() % s != 0) {
            throw new IllegalArgumentException("model " + manifest.name() + ": pictures of " + format.width() + "x"
                    + format.height() + " are not a multiple of the VAE's spatial stride " + s);
        }
        this.encoder = encoder;
        this.decoder = decoder;
        this.encIn = tensor(manifest, FileRole.VAE_ENCODER, TensorRole.VIDEO, true);
        this.encOut = tensor(manifest, FileRole.VAE_ENCODER, TensorRole.LATENT, false);
        this.decIn = tensor(manifest, FileRole.VAE_DECODER, TensorRole.LATENT, true);
        this.decOut = tensor(manifest, FileRole.VAE_DECODER, TensorRole.VIDEO, false);
        this.width = format.width();
        this.height = format.height();
        this.channels = latent.channels();
        this.latentW = width / s;
        this.latentH = height / s;
        this.geometry = LatentGeometry.uniform(channels, latentW, latentH, width, height);
    }

    private static TensorDecl tensor(ModelManifest m, FileRole file, TensorRole role, boolean input) {
        ModelManifest.ModelFile f = m.file(file).orElseThrow(() -> new IllegalArgumentException(
                "model " + m.name() + " has a vae latent but no " + file.spelling() + " file"));
        return (input ? f.input(role) : f.output(role)).orElseThrow(() -> new IllegalArgumentException(
                "model " + m.name() + ": " + f.path() + " has no " + (input ? "input" : "output") + " with role '"
                        + role.spelling() + "'"));
    }

    @Override
    public LatentGeometry geometry() {
        return geometry;
    }

    @Override
    public synchronized float[] encode(Frame f) {
        if (f.width() != width || f.height() != height) {
            throw new IllegalArgumentException("frame is " + f.width() + "x" + f.height() + ", the VAE space is for "
                    + width + "x" + height);
        }
        try {
            if (encodeBinding == null) {
                encodeBinding = encoder.bind(Map.of(encIn.name(), shape(encIn, 3, height, width)),
                        Map.of(encOut.name(), shape(encOut, channels, latentH, latentW)));
            }
            encodeBinding.input(encIn.name()).clear();
            encodeBinding.input(encIn.name()).put(YuvRgb.toRgb(f));
            encodeBinding.run();
            return read(encodeBinding.output(encOut.name()), geometry.dim());
        } catch (OrtException e) {
            throw new IllegalStateException("VAE encoder failed: " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized float[][] deviationPixels(float[] x0, float[] anchor) {
        float[][] a = YuvRgb.fromRgb(decode(x0), width, height);
        // I2V and T2V measure every latent frame against the same anchor: decode it once
        if (!java.util.Arrays.equals(anchor, lastAnchor)) {
            lastAnchor = anchor.clone();
            lastAnchorPixels = YuvRgb.fromRgb(decode(anchor), width, height);
        }
        float[][] b = lastAnchorPixels;
        for (int p = 0; p < 3; p++) {
            for (int i = 0; i < a[p].length; i++) {
                a[p][i] -= b[p][i];
            }
        }
        return a;
    }

    /** RGB in [-1, 1], planar [3][H][W]. */
    private float[] decode(float[] latent) {
        try {
            if (decodeBinding == null) {
                decodeBinding = decoder.bind(Map.of(decIn.name(), shape(decIn, channels, latentH, latentW)),
                        Map.of(decOut.name(), shape(decOut, 3, height, width)));
            }
            decodeBinding.input(decIn.name()).clear();
            decodeBinding.input(decIn.name()).put(latent);
            decodeBinding.run();
            return read(decodeBinding.output(decOut.name()), 3 * width * height);
        } catch (OrtException e) {
            throw new IllegalStateException("VAE decoder failed: " + e.getMessage(), e);
        }
    }

    private static float[] read(FloatBuffer buf, int n) {
        float[] out = new float[n];
        buf.rewind();
        buf.get(out);
        return out;
    }

    /** The declared shape with B = T = 1 and C, H, W given; fixed dimensions as declared. */
    private static long[] shape(TensorDecl t, int c, int h, int w) {
        List<Dim> dims = t.shape();
        long[] out = new long[dims.size()];
        for (int i = 0; i < out.length; i++) {
            Dim d = dims.get(i);
            if (!d.symbolic()) {
                out[i] = d.value();
                continue;
            }
            out[i] = switch (d.param()) {
                case "B", "batch", "T" -> 1;
                case "C" -> c;
                case "H" -> h;
                case "W" -> w;
                default -> throw new IllegalArgumentException("tensor '" + t.name() + "' shape " + t.shapeString()
                        + ": the codec can size B, T, C, H, W only");
            };
        }
        if (java.util.Arrays.stream(out).reduce(1, (x, y) -> x * y) != (long) c * h * w) {
            throw new IllegalArgumentException("tensor '" + t.name() + "' shape " + t.shapeString() + " does not hold "
                    + c + "x" + h + "x" + w + " values");
        }
        return out;
    }

    /** Frees the tensors; a later picture allocates them again (see LatentSpaces). */
    synchronized void close() {
        if (encodeBinding != null) {
            encodeBinding.close();
            encodeBinding = null;
        }
        if (decodeBinding != null) {
            decodeBinding.close();
            decodeBinding = null;
        }
    }
}
