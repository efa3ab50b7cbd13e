package io.gvc.model.bench;

import io.gvc.codec.frame.VideoFormat;
import io.gvc.codec.latent.DctLatentSpace;
import io.gvc.codec.latent.LatentGeometry;
import io.gvc.codec.latent.LatentSpace;
import io.gvc.codec.prior.FlowPrior;
import io.gvc.codec.prior.GopCondition;
import io.gvc.codec.prior.VelocityField;
import io.gvc.codec.variant.Variant;
import io.gvc.model.registry.ModelRegistry;
import io.gvc.model.runtime.SessionConfig;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * One velocity evaluation of a shipped model on a whole FLF2V GOP: 33 frames at 176x144 (15 coded
 * latent frames of 9504 values), as the sampler calls it once per step, 12 times per GOP. The learned
 * models are 639k- and 641k-parameter U-Nets (learned-bridge also takes the anchor latents), the
 * reference model a closed-form Gaussian graph; all run on ONNX
 * Runtime's CPU provider with {@code threads} intra-op threads. Score: milliseconds per evaluation.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class VelocityBench {

    static final int WIDTH = 176;
    static final int HEIGHT = 144;
    static final int DOWNSCALE = 2;
    static final int GOP = 33;

    @Param({"learned", "learned-bridge", "reference"})
    public String model;

    @Param({"1", "2"})
    public int threads;

    private FlowPrior prior;
    private VelocityField field;
    private float[][] x;
    private float[][] out;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        prior = ModelRegistry.forEncoding(model).encodingModel(Variant.FLF2V).open(SessionConfig.of("cpu", threads));
        VideoFormat format = new VideoFormat(WIDTH, HEIGHT, 25, 1);
        LatentGeometry g = prior.latentSpace(format, DOWNSCALE).map(LatentSpace::geometry)
                .orElse(DctLatentSpace.geometry(WIDTH, HEIGHT, DOWNSCALE));
        int coded = (GOP - 1) / 2 - 1;
        float[] alphas = new float[coded];
        for (int f = 0; f < coded; f++) {
            alphas[f] = 2f * (f + 1) / (GOP - 1);
        }
        SplittableRandom r = new SplittableRandom(3);
        float[][] truth = new float[coded][], anchors = new float[coded][];
        x = new float[coded][];
        for (int f = 0; f < coded; f++) {
            truth[f] = uniform(r, g.dim());
            x[f] = uniform(r, g.dim());
            anchors[f] = uniform(r, g.dim());
        }
        // the anchor latents as the codec gives them (learned-bridge takes them; the others ignore them)
        GopCondition c = new GopCondition(Variant.FLF2V, g, alphas, uniform(r, g.dim()), uniform(r, g.dim()), GOP, "")
                .withAnchors(anchors, new boolean[coded]);
        out = new float[coded][g.dim()];
        field = prior.open(c, prior.analyse(c, truth));
    }

    private static float[] uniform(SplittableRandom r, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) (r.nextDouble() * 2 - 1);
        }
        return v;
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        field.close();
        if (prior instanceof AutoCloseable c) {
            c.close();
        }
    }

    @Benchmark
    public float[][] velocity() {
        field.velocity(x, 0.5f, out);
        return out;
    }
}
