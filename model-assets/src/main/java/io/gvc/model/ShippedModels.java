package io.gvc.model;

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
import java.util.Optional;

/**
 * The model folders this module ships (model-assets/reference and model-assets/learned). The jar
 * carries each under {@code io/gvc/model/<folder>/}, and {@link #folder} extracts one once into the
 * cache folder ({@link GvcCache}), keyed by its manifest's hash (which holds the model files' hashes),
 * so commands and operators find the shipped models without a checkout.
 */
public final class ShippedModels {

    /** The closed-form Gaussian prior as ONNX (the T2V default, {@code Priors.defaultModel}). */
    public static final String REFERENCE = "reference";
    /** The project's learned prior for every variant (model-assets/training; the FLF2V and I2V default). */
    public static final String LEARNED = "learned";
    /** Every shipped folder. */
    public static final List<String> ALL = List.of(REFERENCE, LEARNED);

    private ShippedModels() {
    }

    /** The extracted folder of shipped model {@code name} (manifest.json and its files). */
    public static Path folder(String name) throws IOException {
        byte[] manifestBytes = resource(name, ManifestLoader.MANIFEST);
        ModelManifest m = manifest(name, manifestBytes);
        Path dir = GvcCache.dir("models/" + m.name() + "-" + sha256(manifestBytes).substring(0, 16));
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

    /** The shipped folder whose model id (manifest name) is {@code modelId}, if one is. */
    public static Optional<String> byModelId(String modelId) throws IOException {
        for (String name : ALL) {
            if (manifest(name, resource(name, ManifestLoader.MANIFEST)).name().equals(modelId)) {
                return Optional.of(name);
            }
        }
        return Optional.empty();
    }

    private static ModelManifest manifest(String name, byte[] bytes) throws IOException {
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

    private static String sha256(byte[] b) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(b));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK always has SHA-256", e);
        }
    }
}
