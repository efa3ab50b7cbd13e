package io.gvc.model.prior;

import ai.onnxruntime.OrtException;
import io.gvc.codec.bitstream.BitstreamException;
import io.gvc.codec.latent.DctPictureLatentSpace;
import io.gvc.codec.latent.LatentGeometry;
import io.gvc.codec.prior.FlowPrior;
import io.gvc.codec.prior.GaussianDctPrior;
import io.gvc.codec.prior.GaussianTerms;
import io.gvc.codec.prior.GopCondition;
import io.gvc.codec.prior.VelocityField;
import io.gvc.model.manifest.LoadedModel;
import io.gvc.model.manifest.ManifestLoader;
import io.gvc.model.manifest.ModelManifest;
import io.gvc.model.manifest.ModelManifest.ConditioningKind;
import io.gvc.model.manifest.ModelManifest.FileRole;
import io.gvc.model.manifest.ModelManifest.LatentKind;
import io.gvc.model.manifest.ModelManifest.Layout;
import io.gvc.model.manifest.ModelManifest.TensorDecl;
import io.gvc.model.manifest.ModelManifest.TensorRole;
import io.gvc.model.onnx.Dim;
import io.gvc.model.runtime.Binding;
import io.gvc.model.runtime.OnnxSession;
import io.gvc.model.runtime.SessionConfig;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;

/**
 * A {@link FlowPrior} whose velocity is an ONNX model described by a manifest. Each GOP's
 * {@link VelocityField} binds the manifest's tensor roles to the {@link GopCondition}:
 * <ul>
 *   <li>x: all L coded latent frames in one tensor (frame-major [L, D] or [1, C, L, H, W]);
 *   <li>t: the step's t in the manifest's convention (unit or thousand), in every element;
 *   <li>first_latent / last_latent: the boundary latents (zeros where the variant has none);
 *   <li>alpha: each latent frame's position in the GOP; mask: 1 where the condition fixes the frame;
 *   <li>boundary_mask: [2], {first latent present, last latent present} as 1 or 0 (FLF2V [1, 1], I2V
 *       [1, 0], T2V [0, 0]), so a model can tell a missing boundary from a zero (mid-grey) latent;
 *       conditioning "latents" only;
 *   <li>prior_mean / prior_var: for conditioning "gaussian-terms", from {@link GaussianDctPrior#terms},
 *       which also supplies {@link #analyse} (its side information);
 *   <li>text_embedding: from the {@link TextEmbedder} given at construction.
 * </ul>
 * One ONNX Runtime run per step computes all L frames; the tensors are reused between steps and,
 * through a small pool, between GOPs of the same shape. Symbolic dimensions resolve by name (L and
 * T = latent frames, D = latent dim, B = batch = 1, C = latent channels, H and W = the latent plane
 * size for VAE latents); one remaining unknown dimension is inferred from the role's element count.
 */
public final class OnnxFlowPrior implements FlowPrior, AutoCloseable {

    /** Prompt to text embedding, for models with a text_embedding input (T2V). */
    @FunctionalInterface
    public interface TextEmbedder {
        float[] embed(String prompt);
    }

    private final LoadedModel model;
    private final boolean ownsModel;
    private final ModelManifest manifest;
    private final OnnxSession session;
    private final GaussianDctPrior gaussian;
    private final TextEmbedder text;
    private final Map<String, ConcurrentLinkedDeque<Binding>> pool = new ConcurrentHashMap<>();
    private volatile boolean closed;
    private final String sha256;
    /** The model takes per-plane gains (PlaneGains) as side information. */
    private final boolean takesGains;
    private final Map<String, io.gvc.codec.latent.LatentSpace> spaces = new ConcurrentHashMap<>();

    /** A prior on a loaded model (the caller keeps ownership of {@code model}). */
    public OnnxFlowPrior(LoadedModel model, GaussianDctPrior gaussian, TextEmbedder text) {
        this(model, false, gaussian, text);
    }

    public OnnxFlowPrior(LoadedModel model, GaussianDctPrior gaussian) {
        this(model, false, gaussian, null);
    }

    public OnnxFlowPrior(LoadedModel model) {
        this(model, false, null, null);
    }

    private OnnxFlowPrior(LoadedModel model, boolean owns, GaussianDctPrior gaussian, TextEmbedder text) {
        this.model = model;
        this.ownsModel = owns;
        this.manifest = model.manifest();
        this.session = model.velocitySession();
        this.gaussian = gaussian;
        this.text = text;
        if (manifest.conditioning().kind() == ConditioningKind.GAUSSIAN_TERMS && gaussian == null) {
            throw new IllegalArgumentException("model " + manifest.name()
                    + " is conditioned on gaussian-terms: give it a GaussianDctPrior for prior_mean and prior_var");
        }
        if (manifest.velocity().input(TensorRole.TEXT_EMBEDDING).isPresent() && text == null) {
            throw new IllegalArgumentException("model " + manifest.name() + " has a text_embedding input: give it a TextEmbedder");
        }
        this.takesGains = manifest.velocity().input(TensorRole.GAINS).isPresent();
        if (takesGains && (manifest.conditioning().kind() != ConditioningKind.LATENTS
                || manifest.latent().kind() == LatentKind.VAE)) {
            throw new IllegalArgumentException("model " + manifest.name() + ": a gains input needs conditioning 'latents'"
                    + " on the dct or picture latent (the planes it measures)");
        }
        // a gaussian-terms graph gets the boundaries through prior_mean and prior_var, and a text model
        // is told none; only a model that takes the boundary latents needs to know which ones are real
        if (manifest.velocity().input(TensorRole.BOUNDARY_MASK).isPresent()
                && manifest.conditioning().kind() != ConditioningKind.LATENTS) {
            throw new IllegalArgumentException("model " + manifest.name() + ": a boundary_mask input needs conditioning"
                    + " 'latents' (it says which of first_latent and last_latent the GOP has), not '"
                    + manifest.conditioning().kind().spelling() + "'");
        }
        this.sha256 = modelHash();
    }

    /** Loads the model folder and builds a prior that closes the model when closed. */
    public static OnnxFlowPrior load(Path manifestOrFolder, SessionConfig config, GaussianDctPrior gaussian,
                                     TextEmbedder text) throws IOException {
        LoadedModel m = ManifestLoader.load(manifestOrFolder, config);
        try {
            return new OnnxFlowPrior(m, true, gaussian, text);
        } catch (RuntimeException e) {
            m.close();
            throw e;
        }
    }

    public ModelManifest manifest() {
        return manifest;
    }

    /** The execution provider the velocity model runs on. */
    public String provider() {
        return session.provider();
    }

    @Override
    public String id() {
        return manifest.name();
    }

    /**
     * The velocity file's SHA-256 when the outputs depend on it alone; else the SHA-256 of
     * "velocity-hash[:vae-encoder-hash:vae-decoder-hash][:spectrum-hash]": a VAE shapes the pictures,
     * and a graph that consumes Gaussian terms depends on the spectrum, so a stream coded with
     * another VAE or spectrum must be refused. Computed once: decoders check it on every packet.
     */
    @Override
    public String sha256() {
        return sha256;
    }

    private String modelHash() {
        List<String> parts = new ArrayList<>();
        parts.add(manifest.velocity().sha256());
        if (manifest.latent().kind() == LatentKind.VAE) {
            for (FileRole r : new FileRole[] {FileRole.VAE_ENCODER, FileRole.VAE_DECODER}) {
                manifest.file(r).ifPresent(f -> parts.add(f.sha256()));
            }
        }
        if (gaussian != null && manifest.conditioning().kind() == ConditioningKind.GAUSSIAN_TERMS) {
            parts.add(gaussian.sha256());
        }
        return parts.size() == 1 ? parts.get(0) : io.gvc.codec.prior.PriorSpectrum.sha256Hex(
                String.join(":", parts).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    }

    /**
     * The model's latent space: its VAE for {@code latent.kind: vae} (one per picture size), the DCT
     * latent as a picture for {@code picture}, none (the codec's DCT latent) for {@code dct}.
     */
    @Override
    public java.util.Optional<io.gvc.codec.latent.LatentSpace> latentSpace(io.gvc.codec.frame.VideoFormat format,
                                                                            int downscale) {
        String key = format.width() + "x" + format.height() + "/" + downscale;
        return switch (manifest.latent().kind()) {
            case DCT -> java.util.Optional.empty();
            case PICTURE -> java.util.Optional.of(spaces.computeIfAbsent(key,
                    k -> new DctPictureLatentSpace(format.width(), format.height(), downscale)));
            case VAE -> java.util.Optional.of(spaces.computeIfAbsent(key, k -> new VaeLatentSpace(manifest,
                    model.session(FileRole.VAE_ENCODER), model.session(FileRole.VAE_DECODER), format)));
        };
    }

    @Override
    public byte[] analyse(GopCondition condition, float[][] trueLatent) {
        if (manifest.conditioning().kind() == ConditioningKind.GAUSSIAN_TERMS) {
            return gaussian.analyse(condition, trueLatent);
        }
        if (takesGains && condition.latentFrames() > 0) {
            return PlaneGains.measure(manifest.latent().kind(), condition, trueLatent);
        }
        return new byte[0];
    }

    @Override
    public VelocityField open(GopCondition c, byte[] sideInfo) throws BitstreamException {
        if (closed) {
            throw new IllegalStateException("prior " + id() + " is closed");
        }
        if (!manifest.conditioning().supports(c.variant())) {
            throw new BitstreamException("variant", "model " + id() + " does not support "
                    + c.variant().name().toLowerCase());
        }
        if (c.latentFrames() == 0) {
            // nothing to generate (e.g. a two-frame FLF2V GOP: both frames are boundaries); tensors
            // with an L dimension of 0 cannot be bound, and no step would run the model anyway
            return new VelocityField() {
                @Override
                public void velocity(float[][] x, float t, float[][] out) {
                    if (x.length != 0 || out.length != 0) {
                        throw new IllegalArgumentException("a GOP without coded latent frames got " + x.length + " frames");
                    }
                }
            };
        }
        Plan plan = plan(c);
        String key = plan.key();
        ConcurrentLinkedDeque<Binding> free = pool.computeIfAbsent(key, k -> new ConcurrentLinkedDeque<>());
        Binding b = free.pollFirst();
        if (b == null) {
            try {
                b = session.bind(plan.inputShapes, plan.outputShapes);
            } catch (OrtException e) {
                throw new IllegalStateException("model " + id() + ": cannot allocate tensors for L=" + plan.frames
                        + ", D=" + plan.dim + ": " + e.getMessage(), e);
            }
        }
        try {
            fillConstants(b, plan, c, sideInfo);
        } catch (BitstreamException | RuntimeException e) {
            free.offerFirst(b);
            throw e;
        }
        return new Field(b, plan, free);
    }

    /** Concrete shapes and roles for one GOP shape. */
    private static final class Plan {
        int frames;
        int dim;
        int channels;
        int height;
        int width;
        final Map<String, long[]> inputShapes = new LinkedHashMap<>();
        final Map<String, long[]> outputShapes = new LinkedHashMap<>();
        final List<TensorDecl> inputs = new ArrayList<>();
        TensorDecl output;
        /** The prompt's embedding, computed once per GOP (a real text encoder is a model run). */
        float[] textEmbedding;

        long[] shape(String name) {
            long[] s = inputShapes.get(name);
            return s != null ? s : outputShapes.get(name);
        }

        String key() {
            StringBuilder s = new StringBuilder();
            inputShapes.forEach((k, v) -> s.append(k).append(Arrays.toString(v)));
            return s.toString();
        }
    }

    private Plan plan(GopCondition c) throws BitstreamException {
        Plan p = new Plan();
        LatentGeometry g = c.geometry();
        p.frames = c.latentFrames();
        if (text != null && manifest.velocity().input(TensorRole.TEXT_EMBEDDING).isPresent()) {
            p.textEmbedding = text.embed(c.prompt());
        }
        p.dim = g.dim();
        p.channels = manifest.latent().channels();
        Map<String, Long> sym = new HashMap<>();
        sym.put("L", (long) p.frames);
        sym.put("T", (long) p.frames);
        sym.put("D", (long) p.dim);
        sym.put("B", 1L);
        sym.put("batch", 1L);
        if (manifest.latent().kind() != LatentKind.DCT) { // VAE or picture: C planes of W x H
            if (g.planes() != p.channels) {
                throw new BitstreamException("geometry", "model " + id() + " has " + p.channels
                        + " latent channels, the GOP's latent geometry has " + g.planes() + " planes");
            }
            p.height = g.coefHeight()[0];
            p.width = g.coefWidth()[0];
            sym.put("C", (long) p.channels);
            sym.put("H", (long) p.height);
            sym.put("W", (long) p.width);
        }
        for (TensorDecl t : manifest.velocity().inputs()) {
            p.inputs.add(t);
            p.inputShapes.put(t.name(), resolve(t, sym, expected(t, p, c)));
        }
        p.output = manifest.velocity().output(TensorRole.VELOCITY).orElseThrow();
        p.outputShapes.put(p.output.name(), resolve(p.output, sym, (long) p.frames * p.dim));
        return p;
    }

    /** Element count a role must have (-1 = any). */
    private long expected(TensorDecl t, Plan p, GopCondition c) {
        return switch (t.role()) {
            case X, PRIOR_MEAN, PRIOR_VAR, VELOCITY -> (long) p.frames * p.dim;
            case FIRST_LATENT, LAST_LATENT -> p.dim;
            case ALPHA, MASK -> p.frames;
            case GAINS, BOUNDARY_MASK -> t.role().fixedValues();
            case TEXT_EMBEDDING -> p.textEmbedding.length;
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
                        throw new BitstreamException("model", "model " + id() + ": tensor '" + t.name() + "' shape "
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
                throw new BitstreamException("model", "model " + id() + ": tensor '" + t.name() + "' shape "
                        + t.shapeString() + " cannot hold " + expected + " elements");
            }
            shape[unknown] = expected / known;
            known = expected;
        }
        if (expected >= 0 && t.role() != TensorRole.MASK && t.role() != TensorRole.ALPHA && known != expected) {
            throw new BitstreamException("model", "model " + id() + ": tensor '" + t.name() + "' shape "
                    + Arrays.toString(shape) + " holds " + known + " elements, the GOP needs " + expected);
        }
        if ((t.role() == TensorRole.MASK || t.role() == TensorRole.ALPHA) && (expected == 0 || known % expected != 0)) {
            throw new BitstreamException("model", "model " + id() + ": tensor '" + t.name() + "' shape "
                    + Arrays.toString(shape) + " is not a whole number of values per latent frame (L = " + expected + ")");
        }
        if (t.layout() == Layout.BCTHW && isLatentVideo(t.role())) {
            if (shape.length != 5 || shape[0] != 1 || shape[2] != expected / Math.max(1, shape[1] * shape[3] * shape[4])) {
                throw new BitstreamException("model", "model " + id() + ": tensor '" + t.name() + "' layout bcthw needs "
                        + "[1, C, L, H, W], got " + Arrays.toString(shape));
            }
        }
        return shape;
    }

    private static boolean isLatentVideo(TensorRole r) {
        return r == TensorRole.X || r == TensorRole.PRIOR_MEAN || r == TensorRole.PRIOR_VAR || r == TensorRole.VELOCITY;
    }

    private void fillConstants(Binding b, Plan p, GopCondition c, byte[] sideInfo) throws BitstreamException {
        GaussianTerms terms = null;
        if (manifest.conditioning().kind() == ConditioningKind.GAUSSIAN_TERMS) {
            terms = gaussian.terms(c, sideInfo);
        }
        for (TensorDecl t : p.inputs) {
            FloatBuffer buf = b.input(t.name());
            switch (t.role()) {
                case X, T -> {
                    // written per step
                }
                case PRIOR_MEAN -> putFrames(buf, terms.mean(), t, p);
                case PRIOR_VAR -> putFrames(buf, terms.variance(), t, p);
                case FIRST_LATENT -> putLatent(buf, c.firstLatent(), p.dim, t);
                case LAST_LATENT -> putLatent(buf, c.lastLatent(), p.dim, t);
                case ALPHA -> putPerFrame(buf, c.alphas());
                case MASK -> {
                    float[] m = new float[p.frames];
                    for (int f = 0; f < m.length; f++) {
                        float a = c.alphas()[f];
                        m[f] = (a == 0f && c.firstLatent() != null) || (a == 1f && c.lastLatent() != null) ? 1f : 0f;
                    }
                    putPerFrame(buf, m);
                }
                case TEXT_EMBEDDING -> buf.put(p.textEmbedding);
                case GAINS -> buf.put(PlaneGains.read(sideInfo));
                case BOUNDARY_MASK -> {
                    // [first-frame latent present, last-frame latent present]; a null latent is bound as zeros
                    buf.put(0, c.firstLatent() != null ? 1f : 0f);
                    buf.put(1, c.lastLatent() != null ? 1f : 0f);
                }
                default -> throw new BitstreamException("model", "model " + id() + ": input '" + t.name() + "' has role "
                        + t.role().spelling() + ", which a velocity model cannot take");
            }
        }
    }

    private static void putLatent(FloatBuffer buf, float[] latent, int dim, TensorDecl t) {
        if (latent == null) {
            for (int i = 0; i < dim; i++) {
                buf.put(i, 0f);
            }
            return;
        }
        if (latent.length != dim) {
            throw new IllegalArgumentException(t.name() + ": latent has " + latent.length + " values, geometry says " + dim);
        }
        buf.put(latent);
    }

    private static void putPerFrame(FloatBuffer buf, float[] perFrame) {
        int per = buf.capacity() / perFrame.length;
        for (int f = 0; f < perFrame.length; f++) {
            for (int k = 0; k < per; k++) {
                buf.put(f * per + k, perFrame[f]);
            }
        }
    }

    /** Writes L frames of D values into a latent-video tensor in its layout. */
    private static void putFrames(FloatBuffer buf, float[][] frames, TensorDecl t, Plan p) {
        if (frames.length != p.frames) {
            throw new IllegalArgumentException(t.name() + ": " + frames.length + " latent frames, the GOP has " + p.frames);
        }
        if (t.layout() == Layout.BCTHW) {
            long[] sh = p.shape(t.name());
            int ch = (int) sh[1];
            int hw = (int) (sh[3] * sh[4]);
            for (int f = 0; f < frames.length; f++) {
                float[] x = frames[f];
                if (x.length != p.dim) {
                    throw new IllegalArgumentException(t.name() + ": frame " + f + " has " + x.length
                            + " values, geometry says " + p.dim);
                }
                for (int cc = 0; cc < ch; cc++) {
                    int dst = (cc * frames.length + f) * hw;
                    for (int i = 0; i < hw; i++) {
                        buf.put(dst + i, x[cc * hw + i]);
                    }
                }
            }
            return;
        }
        int d = p.dim;
        for (int f = 0; f < frames.length; f++) {
            if (frames[f].length != d) {
                throw new IllegalArgumentException(t.name() + ": frame " + f + " has " + frames[f].length
                        + " values, geometry says " + d);
            }
            buf.put(f * d, frames[f]);
        }
    }

    private final class Field implements VelocityField {
        private final Binding b;
        private final Plan p;
        private final ConcurrentLinkedDeque<Binding> home;
        private final TensorDecl x;
        private final TensorDecl t;
        private boolean closed;

        Field(Binding b, Plan p, ConcurrentLinkedDeque<Binding> home) {
            this.b = b;
            this.p = p;
            this.home = home;
            this.x = manifest.velocity().input(TensorRole.X).orElseThrow();
            this.t = manifest.velocity().input(TensorRole.T).orElseThrow();
        }

        @Override
        public void velocity(float[][] xs, float time, float[][] out) {
            if (closed) {
                throw new IllegalStateException("velocity field closed");
            }
            putFrames(b.input(x.name()), xs, x, p);
            FloatBuffer tb = b.input(t.name());
            float tv = manifest.timestep().convert(time);
            for (int i = 0; i < tb.capacity(); i++) {
                tb.put(i, tv);
            }
            try {
                b.run();
            } catch (OrtException e) {
                throw new IllegalStateException("model " + id() + " failed at t=" + time + ": " + e.getMessage(), e);
            }
            getFrames(b.output(p.output.name()), out, p.output, p);
        }

        @Override
        public void close() {
            if (!closed) {
                closed = true;
                if (OnnxFlowPrior.this.closed) {
                    b.close();
                } else {
                    home.offerFirst(b);
                }
            }
        }
    }

    private static void getFrames(FloatBuffer buf, float[][] out, TensorDecl t, Plan p) {
        if (t.layout() == Layout.BCTHW) {
            long[] sh = p.shape(t.name());
            int ch = (int) sh[1];
            int hw = (int) (sh[3] * sh[4]);
            for (int f = 0; f < out.length; f++) {
                for (int cc = 0; cc < ch; cc++) {
                    buf.get((cc * out.length + f) * hw, out[f], cc * hw, hw);
                }
            }
            return;
        }
        for (int f = 0; f < out.length; f++) {
            buf.get(f * p.dim, out[f], 0, p.dim);
        }
    }

    @Override
    public void close() {
        closed = true;
        spaces.values().forEach(sp -> {
            if (sp instanceof VaeLatentSpace vae) {
                vae.close();
            }
        });
        for (ConcurrentLinkedDeque<Binding> q : pool.values()) {
            Binding b;
            while ((b = q.pollFirst()) != null) {
                b.close();
            }
        }
        if (ownsModel) {
            model.close();
        }
    }
}
