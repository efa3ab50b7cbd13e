package io.gvc.model.reference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gvc.model.registry.ShippedModels;
import io.gvc.model.manifest.LoadedModel;
import io.gvc.model.manifest.ManifestLoader;
import io.gvc.model.runtime.Binding;
import java.io.IOException;
import java.io.InputStream;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReferencePriorTest {

    @TempDir
    Path tmp;

    /** The committed files (model-assets/reference, the module's working directory under surefire). */
    static Path committed() {
        Path p = Path.of("reference");
        return Files.isDirectory(p) ? p : Path.of("model-assets", "reference");
    }

    @Test
    void committedFilesRegenerateByteIdentically() throws IOException {
        Path fresh = ReferencePriorExporter.export(tmp.resolve("fresh")).getParent();
        for (String f : new String[] {"velocity.onnx", "manifest.json"}) {
            Path c = committed().resolve(f);
            assertTrue(Files.isRegularFile(c), c + " is missing: run ReferencePriorExporter (README.md)");
            assertArrayEquals(Files.readAllBytes(c), Files.readAllBytes(fresh.resolve(f)),
                    f + " differs from a fresh export: regenerate with ReferencePriorExporter and commit");
            try (InputStream in = ReferencePriorTest.class.getResourceAsStream("/io/gvc/model/reference/" + f)) {
                assertArrayEquals(Files.readAllBytes(c), in.readAllBytes(), f + " on the class path differs");
            }
        }
    }

    @Test
    void shippedReferenceModelIsExtractedToTheCacheAndLoads() throws IOException {
        String old = System.getProperty("gvc.cache");
        System.setProperty("gvc.cache", tmp.resolve("cache").toString());
        try {
            Path dir = ShippedModels.folder(ShippedModels.REFERENCE);
            assertTrue(dir.startsWith(tmp.resolve("cache")));
            try (LoadedModel m = ManifestLoader.load(dir)) {
                assertEquals(ReferencePriorExporter.NAME, m.manifest().name());
            }
            assertEquals(dir, ShippedModels.folder(ShippedModels.REFERENCE), "second call reuses the extracted copy");
        } finally {
            if (old == null) {
                System.clearProperty("gvc.cache");
            } else {
                System.setProperty("gvc.cache", old);
            }
        }
    }

    /** The formula in float, in the operation order of the graph (and of GaussianDctPrior). */
    static float direct(float x, float t, float m, float v) {
        float a = 1f - t;
        float gain = a * v / (a * a * v + t * t);
        float x0hat = m + gain * (x - a * m);
        return (x - x0hat) / t;
    }

    @Test
    void onnxAgreesWithDirectEvaluationAtManyTimes() throws IOException, Exception {
        int l = 5, d = 301;
        SplittableRandom rnd = new SplittableRandom(20261126);
        float[] x = new float[l * d], m = new float[l * d], v = new float[l * d];
        for (int i = 0; i < x.length; i++) {
            m[i] = (float) (rnd.nextGaussian() * 3);
            v[i] = (float) Math.pow(10, rnd.nextDouble(-4, 2)); // 1e-4 .. 1e2
            x[i] = (float) (rnd.nextGaussian() * 4);
        }
        v[0] = 1e-8f; // GaussianDctPrior's variance floor
        float[] times = new float[300];
        for (int k = 0; k < times.length; k++) {
            times[k] = (float) (1.0 - rnd.nextDouble()); // (0, 1]
        }
        times[0] = 1f;
        times[1] = 1e-4f;
        times[2] = 1e-3f;
        times[3] = 0.5f;
        double worst = 0;
        long exact = 0, total = 0;
        try (LoadedModel model = ManifestLoader.load(committed());
             Binding b = model.velocitySession().bind(
                     Map.of("x", new long[] {l, d}, "t", new long[] {1}, "prior_mean", new long[] {l, d},
                             "prior_var", new long[] {l, d}), Map.of("velocity", new long[] {l, d}))) {
            b.input("x").put(x);
            b.input("prior_mean").put(m);
            b.input("prior_var").put(v);
            for (float t : times) {
                b.input("t").put(0, t);
                b.run();
                FloatBuffer out = b.output("velocity");
                for (int i = 0; i < x.length; i++) {
                    float ref = direct(x[i], t, m[i], v[i]);
                    float got = out.get(i);
                    double rel = Math.abs(got - ref) / Math.max(Math.abs(ref), 1e-30);
                    worst = Math.max(worst, rel);
                    assertTrue(rel <= 1e-5, "t=" + t + " element " + i + ": onnx " + got + ", direct " + ref);
                    exact += Float.floatToIntBits(got) == Float.floatToIntBits(ref) ? 1 : 0;
                    total++;
                }
            }
        }
        System.out.printf("reference prior: %d of %d values bit-identical to the direct float evaluation, "
                + "worst relative difference %.3g%n", exact, total, worst);
    }
}
