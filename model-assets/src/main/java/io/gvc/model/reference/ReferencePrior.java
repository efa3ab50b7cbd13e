package io.gvc.model.reference;

import io.gvc.model.GvcCache;
import io.gvc.model.manifest.ManifestLoader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The shipped default model (model-assets/reference): the module jar carries it under
 * {@code io/gvc/model/reference/}, and {@link #defaultModel()} extracts it once into the cache
 * folder ({@link GvcCache}), keyed by the model's hash, for modules that have no checkout.
 */
public final class ReferencePrior {

    static final String RESOURCE_DIR = "/io/gvc/model/reference/";

    private ReferencePrior() {
    }

    /** The folder of the default model (manifest.json + velocity.onnx), extracted from the jar if needed. */
    public static Path defaultModel() throws IOException {
        byte[] manifest = resource(ManifestLoader.MANIFEST);
        String key = hex(manifest); // the manifest holds the model hash, so it keys both files
        Path dir = GvcCache.dir("models/" + ReferencePriorExporter.NAME + "-" + key.substring(0, 16));
        Path onnx = dir.resolve(ReferencePriorExporter.MODEL_FILE);
        Path mf = dir.resolve(ManifestLoader.MANIFEST);
        if (!Files.isRegularFile(onnx) || !Files.isRegularFile(mf)) {
            try (InputStream in = stream(ReferencePriorExporter.MODEL_FILE)) {
                GvcCache.writeAtomically(in, onnx);
            }
            try (InputStream in = stream(ManifestLoader.MANIFEST)) {
                GvcCache.writeAtomically(in, mf);
            }
        }
        return dir;
    }

    private static InputStream stream(String name) throws IOException {
        InputStream in = ReferencePrior.class.getResourceAsStream(RESOURCE_DIR + name);
        if (in == null) {
            throw new IOException("default model resource " + RESOURCE_DIR + name + " not on the class path");
        }
        return in;
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = stream(name)) {
            return in.readAllBytes();
        }
    }

    private static String hex(byte[] b) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(b));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK always has SHA-256", e);
        }
    }
}
