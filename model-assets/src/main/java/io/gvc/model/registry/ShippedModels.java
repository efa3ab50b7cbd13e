package io.gvc.model.registry;

import io.gvc.codec.prior.GaussianDctPrior;
import io.gvc.codec.prior.PriorSpectrum;
import io.gvc.model.cache.GvcCache;
import io.gvc.model.manifest.ManifestCodec;
import io.gvc.model.manifest.ManifestException;
import io.gvc.model.manifest.ManifestLoader;
import io.gvc.model.manifest.ModelManifest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * What this module ships: the model folders model-assets/reference, model-assets/learned and
 * model-assets/learned-bridge, carried
 * in the jar under {@code io/gvc/model/<folder>/}, and the closed-form prior's fitted spectrum
 * ({@value #SPECTRUM_RESOURCE}, the pure-Java prior {@value #JAVA}). {@link #folder} extracts a
 * model folder once into the cache folder ({@link GvcCache}), keyed by its manifest's hash (which
 * holds the model files' hashes), so commands and operators find the shipped models without a
 * checkout; {@link #manifest} reads a shipped manifest without extracting anything.
 */
public final class ShippedModels {

    /** The closed-form Gaussian prior as ONNX (the T2V default, {@link ModelRegistry#defaultName}). */
    public static final String REFERENCE = "reference";
    /** The project's learned prior for every variant (model-assets/training; the I2V default). */
    public static final String LEARNED = "learned";
    /**
     * The learned prior fine-tuned on GOPs as the encoder sees them, with the motion-compensated bridge
     * as an input (model-assets/training, "Training on the bridge"; the FLF2V default). FLF2V only.
     */
    public static final String LEARNED_BRIDGE = "learned-bridge";
    /** The closed-form Gaussian prior run in Java, on the shipped spectrum. */
    public static final String JAVA = "java";
    /** Every shipped ONNX model folder. */
    public static final List<String> FOLDERS = List.of(REFERENCE, LEARNED, LEARNED_BRIDGE);
    /** Every shipped model's name, as {@code --model} takes it. */
    public static final List<String> NAMES = List.of(REFERENCE, LEARNED, LEARNED_BRIDGE, JAVA);

    /** Classpath location of the shipped spectrum, see model-assets/src/main/resources. */
    public static final String SPECTRUM_RESOURCE = "/gvc/priors/gauss-dct-default.txt";

    private ShippedModels() {
    }

    /** The closed-form prior on the shipped spectrum (also what gaussian-terms ONNX models are fed). */
    public static GaussianDctPrior gaussian() throws IOException {
        try (InputStream in = ShippedModels.class.getResourceAsStream(SPECTRUM_RESOURCE)) {
            if (in == null) {
                throw new IOException("the shipped prior " + SPECTRUM_RESOURCE + " is missing from the jar");
            }
            return new GaussianDctPrior(PriorSpectrum.load(in));
        }
    }

    /** The extracted folder of shipped model {@code name} (manifest.json and its files). */
    public static Path folder(String name) throws IOException {
        byte[] manifestBytes = resource(name, ManifestLoader.MANIFEST);
        ModelManifest m = parse(name, manifestBytes);
        Path dir = GvcCache.dir("models/" + m.name() + "-" + PriorSpectrum.sha256Hex(manifestBytes).substring(0, 16));
        for (ModelManifest.ModelFile f : m.files()) {
            Path target = dir.resolve(f.path());
            if (!Files.isRegularFile(target)) {
                try (InputStream in = stream(name, f.path())) {
                    GvcCache.writeAtomically(in, target);
                }
            }
        }
        Path mf = dir.resolve(ManifestLoader.MANIFEST);
        if (!Files.isRegularFile(mf)) {
            try (InputStream in = stream(name, ManifestLoader.MANIFEST)) {
                GvcCache.writeAtomically(in, mf);
            }
        }
        return dir;
    }

    /** The manifest of shipped model folder {@code name}, read from the jar (nothing extracted, nothing opened). */
    public static ModelManifest manifest(String name) throws IOException {
        return parse(name, resource(name, ManifestLoader.MANIFEST));
    }

    private static ModelManifest parse(String name, byte[] bytes) throws IOException {
        try {
            return ManifestCodec.parse(bytes, "shipped model " + name);
        } catch (ManifestException e) {
            throw new IOException("shipped model " + name + ": " + e.getMessage(), e);
        }
    }

    private static InputStream stream(String name, String file) throws IOException {
        String path = "/io/gvc/model/" + name + "/" + file;
        InputStream in = ShippedModels.class.getResourceAsStream(path);
        if (in == null) {
            throw new IOException("shipped model resource " + path + " not on the class path");
        }
        return in;
    }

    private static byte[] resource(String name, String file) throws IOException {
        try (InputStream in = stream(name, file)) {
            return in.readAllBytes();
        }
    }
}
