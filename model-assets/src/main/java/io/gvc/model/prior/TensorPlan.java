package io.gvc.model.prior;

import io.gvc.codec.bitstream.BitstreamException;
import io.gvc.codec.latent.LatentGeometry;
import io.gvc.codec.prior.GopCondition;
import io.gvc.model.manifest.ModelManifest;
import io.gvc.model.manifest.ModelManifest.LatentKind;
import io.gvc.model.manifest.ModelManifest.Layout;
import io.gvc.model.manifest.ModelManifest.TensorDecl;
import io.gvc.model.manifest.ModelManifest.TensorRole;
import io.gvc.model.onnx.Dim;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The concrete tensor shapes of a velocity model for one GOP shape. Symbolic dimensions resolve by
 * name (L and T = latent frames, D = latent dim, B = batch = 1, C = latent channels, H and W = the
 * latent plane size for VAE and picture latents); one remaining unknown dimension is inferred from the
 * role's element count. Shapes that cannot hold what the GOP needs are refused with the tensor named.
 */
final class TensorPlan {

    final int frames;
    final int dim;
    final Map<String, long[]> inputShapes;
    final Map<String, long[]> outputShapes;
    final List<TensorDecl> inputs;
    final TensorDecl output;
    /** The prompt's embedding, computed once per GOP (a real text encoder is a model run); null without one. */
    final float[] textEmbedding;
    private final String modelId;

    /** Plans the tensors of {@code manifest}'s velocity model for the GOP {@code c}. */
    TensorPlan(ModelManifest manifest, GopCondition c, OnnxFlowPrior.TextEmbedder text) throws BitstreamException {
        modelId = manifest.name();
        LatentGeometry g = c.geometry();
        frames = c.latentFrames();
        textEmbedding = text != null && manifest.velocity().input(TensorRole.TEXT_EMBEDDING).isPresent()
                ? text.embed(c.prompt()) : null;
        dim = g.dim();
        int channels = manifest.latent().channels();
        Map<String, Long> sym = new HashMap<>();
        sym.put("L", (long) frames);
        sym.put("T", (long) frames);
        sym.put("D", (long) dim);
        sym.put("B", 1L);
        sym.put("batch", 1L);
        if (manifest.latent().kind() != LatentKind.DCT) { // VAE or picture: C planes of W x H
            if (g.planes() != channels) {
                throw new BitstreamException("geometry", "model " + modelId + " has " + channels
                        + " latent channels, the GOP's latent geometry has " + g.planes() + " planes");
            }
            sym.put("C", (long) channels);
            sym.put("H", (long) g.coefHeight()[0]);
            sym.put("W", (long) g.coefWidth()[0]);
        }
        Map<String, long[]> in = new LinkedHashMap<>();
        List<TensorDecl> decls = new ArrayList<>();
        for (TensorDecl t : manifest.velocity().inputs()) {
            decls.add(t);
            in.put(t.name(), resolve(t, sym, expected(t)));
        }
        inputs = Collections.unmodifiableList(decls);
        inputShapes = Collections.unmodifiableMap(in);
        output = manifest.velocity().output(TensorRole.VELOCITY).orElseThrow();
        Map<String, long[]> out = new LinkedHashMap<>();
        out.put(output.name(), resolve(output, sym, (long) frames * dim));
        outputShapes = Collections.unmodifiableMap(out);
    }

    long[] shape(String name) {
        long[] s = inputShapes.get(name);
        return s != null ? s : outputShapes.get(name);
    }

    /** Plans with equal input shapes can share tensors. */
    String key() {
        StringBuilder s = new StringBuilder();
        inputShapes.forEach((k, v) -> s.append(k).append(Arrays.toString(v)));
        return s.toString();
    }

    /** Element count a role must have (-1 = any). */
    private long expected(TensorDecl t) {
        return switch (t.role()) {
            case X, PRIOR_MEAN, PRIOR_VAR, VELOCITY, ANCHOR_LATENT -> (long) frames * dim;
            case FIRST_LATENT, LAST_LATENT -> dim;
            case ALPHA, MASK -> frames;
            case GAINS, BOUNDARY_MASK -> t.role().fixedValues();
            case TEXT_EMBEDDING -> textEmbedding.length;
            default -> -1;
        };
    }

    private long[] resolve(TensorDecl t, Map<String, Long> sym, long expected) throws BitstreamException {
        long[] shape = new long[t.shape().size()];
        int unknown = -1;
        long known = 1;
        for (int i = 0; i < shape.length; i++) {
            Dim d = t.shape().get(i);
            Long v = d.symbolic() ? sym.get(d.param()) : Long.valueOf(d.value());
            if (v == null) {
                if (unknown >= 0 || expected < 0) {
                    if (t.role() == TensorRole.T) {
                        v = 1L; // a timestep broadcast over a free dimension: one value is enough
                    } else {
                        throw new BitstreamException("model", "model " + modelId + ": tensor '" + t.name() + "' shape "
                                + t.shapeString() + " has dimensions the codec cannot size (known names: L, T, D, B, C, H, W)");
                    }
                } else {
                    unknown = i;
                    continue;
                }
            }
            shape[i] = v;
            known *= v;
        }
        if (unknown >= 0) {
            if (known == 0 || expected % known != 0) {
                throw new BitstreamException("model", "model " + modelId + ": tensor '" + t.name() + "' shape "
                        + t.shapeString() + " cannot hold " + expected + " elements");
            }
            shape[unknown] = expected / known;
            known = expected;
        }
        if (expected >= 0 && t.role() != TensorRole.MASK && t.role() != TensorRole.ALPHA && known != expected) {
            throw new BitstreamException("model", "model " + modelId + ": tensor '" + t.name() + "' shape "
                    + Arrays.toString(shape) + " holds " + known + " elements, the GOP needs " + expected);
        }
        if ((t.role() == TensorRole.MASK || t.role() == TensorRole.ALPHA) && (expected == 0 || known % expected != 0)) {
            throw new BitstreamException("model", "model " + modelId + ": tensor '" + t.name() + "' shape "
                    + Arrays.toString(shape) + " is not a whole number of values per latent frame (L = " + expected + ")");
        }
        if (t.layout() == Layout.BCTHW && isLatentVideo(t.role())) {
            if (shape.length != 5 || shape[0] != 1 || shape[2] != expected / Math.max(1, shape[1] * shape[3] * shape[4])) {
                throw new BitstreamException("model", "model " + modelId + ": tensor '" + t.name() + "' layout bcthw needs "
                        + "[1, C, L, H, W], got " + Arrays.toString(shape));
            }
        }
        return shape;
    }

    private static boolean isLatentVideo(TensorRole r) {
        return r == TensorRole.X || r == TensorRole.PRIOR_MEAN || r == TensorRole.PRIOR_VAR || r == TensorRole.VELOCITY;
    }
}
