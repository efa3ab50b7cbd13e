package io.gvc.model.manifest;

import ai.onnxruntime.OrtException;
import io.gvc.model.manifest.ModelManifest.ConditioningKind;
import io.gvc.model.manifest.ModelManifest.ExternalFile;
import io.gvc.model.manifest.ModelManifest.FileRole;
import io.gvc.model.manifest.ModelManifest.ModelFile;
import io.gvc.model.manifest.ModelManifest.TensorDecl;
import io.gvc.model.manifest.ModelManifest.TensorRole;
import io.gvc.model.onnx.Dim;
import io.gvc.model.runtime.OnnxSession;
import io.gvc.model.runtime.OrtRuntime;
import io.gvc.model.runtime.SessionConfig;
import io.gvc.model.runtime.TensorSpec;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Loads a model folder and refuses anything the codec could not bind exactly, naming the mismatch:
 * <ul>
 *   <li>a malformed manifest (unknown field, role or dtype; missing field), see {@link ManifestCodec};
 *   <li>a missing file, or a file whose SHA-256 differs (expected and actual printed);
 *   <li>a tensor declared but absent from the ONNX model, declared with another dtype or rank, or
 *       with a fixed size the model fixes differently; a model input the manifest does not declare;
 *   <li>a velocity file without x, t and velocity, or gaussian-terms conditioning without
 *       prior_mean and prior_var;
 *   <li>a boundary_mask input whose fixed shape does not hold 2 values.
 * </ul>
 */
public final class ManifestLoader {

    public static final String MANIFEST = "manifest.json";

    private ManifestLoader() {
    }

    /** Loads {@code manifestOrFolder} (a manifest.json or the folder holding one) with CPU sessions. */
    public static LoadedModel load(Path manifestOrFolder) throws IOException {
        return load(manifestOrFolder, SessionConfig.cpu());
    }

    public static LoadedModel load(Path manifestOrFolder, SessionConfig config) throws IOException {
        Path manifestFile = Files.isDirectory(manifestOrFolder) ? manifestOrFolder.resolve(MANIFEST) : manifestOrFolder;
        if (!Files.isRegularFile(manifestFile)) {
            throw new ManifestException(manifestFile + ": manifest not found");
        }
        Path folder = manifestFile.toAbsolutePath().getParent();
        ModelManifest m = ManifestCodec.parse(Files.readAllBytes(manifestFile), manifestFile.toString());
        checkRoles(m);
        for (ModelFile f : m.files()) {
            checkHash(folder, f.path(), f.sha256(), f.role().spelling());
            for (ExternalFile e : f.externalData()) {
                checkHash(folder, e.path(), e.sha256(), f.role().spelling() + " external data");
            }
        }
        Map<FileRole, OnnxSession> sessions = new EnumMap<>(FileRole.class);
        try {
            for (ModelFile f : m.files()) {
                OnnxSession s;
                try {
                    s = OrtRuntime.open(folder.resolve(f.path()), config);
                } catch (OrtException e) {
                    throw new ManifestException(f.path() + ": ONNX Runtime cannot load the model: " + e.getMessage(), e);
                }
                sessions.put(f.role(), s);
                checkTensors(f, s);
            }
        } catch (IOException | RuntimeException e) {
            new LoadedModel(m, folder, sessions).close();
            throw e;
        }
        return new LoadedModel(m, folder, sessions);
    }

    /** Parses and checks the manifest alone (no files opened): for tools that only read metadata. */
    public static ModelManifest read(Path manifestFile) throws IOException {
        ModelManifest m = ManifestCodec.parse(Files.readAllBytes(manifestFile), manifestFile.toString());
        checkRoles(m);
        return m;
    }

    static void checkRoles(ModelManifest m) throws ManifestException {
        ModelFile v = m.velocity();
        String at = "velocity file " + v.path();
        requireInput(v, TensorRole.X, at);
        requireInput(v, TensorRole.T, at);
        if (v.output(TensorRole.VELOCITY).isEmpty()) {
            throw new ManifestException(at + ": no output with role 'velocity'");
        }
        if (m.conditioning().kind() == ConditioningKind.GAUSSIAN_TERMS) {
            requireInput(v, TensorRole.PRIOR_MEAN, at + " (conditioning gaussian-terms)");
            requireInput(v, TensorRole.PRIOR_VAR, at + " (conditioning gaussian-terms)");
        }
        for (TensorDecl t : v.inputs()) {
            if (t.role().fixedValues() > 0) {
                checkFixedCount(t, at);
            }
        }
        for (ModelFile f : m.files()) {
            for (List<TensorDecl> list : List.of(f.inputs(), f.outputs())) {
                for (TensorDecl t : list) {
                    long same = list.stream().filter(o -> o.role() == t.role()).count();
                    if (same > 1) {
                        throw new ManifestException(f.path() + ": role '" + t.role().spelling() + "' given to "
                                + same + " tensors");
                    }
                }
            }
        }
    }

    /**
     * A role whose size never depends on the GOP ({@link TensorRole#fixedValues}) can be checked here: a
     * shape of fixed sizes must hold that many values. A symbolic dimension is sized when a GOP is
     * opened (OnnxFlowPrior).
     */
    private static void checkFixedCount(TensorDecl t, String at) throws ManifestException {
        int count = t.role().fixedValues();
        String meaning = t.role() == TensorRole.GAINS ? "(Y, U, V)"
                : "(first-frame latent present, last-frame latent present)";
        long n = 1;
        for (Dim d : t.shape()) {
            if (d.symbolic()) {
                return;
            }
            n *= d.value();
        }
        if (n != count) {
            throw new ManifestException(at + ": input '" + t.name() + "' (role " + t.role().spelling() + ") has shape "
                    + t.shapeString() + ", which holds " + n + " values; " + t.role().spelling() + " holds " + count
                    + " " + meaning);
        }
    }

    private static void requireInput(ModelFile f, TensorRole r, String at) throws ManifestException {
        if (f.input(r).isEmpty()) {
            throw new ManifestException(at + ": no input with role '" + r.spelling() + "'");
        }
    }

    static void checkHash(Path folder, String rel, String expected, String what) throws ManifestException {
        Path p = folder.resolve(rel);
        if (!Files.isRegularFile(p)) {
            throw new ManifestException(rel + " (" + what + "): file missing, expected at " + p);
        }
        String actual;
        try {
            actual = sha256(p);
        } catch (IOException e) {
            throw new ManifestException(rel + " (" + what + "): cannot read: " + e.getMessage(), e);
        }
        if (!actual.equals(expected)) {
            throw new ManifestException(rel + " (" + what + "): sha256 mismatch: expected " + expected + ", actual " + actual);
        }
    }

    /** Lower-case hex SHA-256 of a file, streamed (model files can be tens of gigabytes). */
    public static String sha256(Path file) throws IOException {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK always has SHA-256", e);
        }
        byte[] buf = new byte[1 << 20];
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), md)) {
            while (in.read(buf) >= 0) {
                // digesting
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }

    static void checkTensors(ModelFile f, OnnxSession s) throws ManifestException {
        check(f, "input", f.inputs(), s.inputs());
        check(f, "output", f.outputs(), s.outputs());
        for (TensorSpec in : s.inputs().values()) {
            if (f.inputs().stream().noneMatch(t -> t.name().equals(in.name()))) {
                throw new ManifestException(f.path() + ": model input '" + in.name() + "' " + in.typeString()
                        + in.shapeString() + " is not declared in the manifest, so nothing would feed it");
            }
        }
    }

    private static void check(ModelFile f, String kind, List<TensorDecl> declared, Map<String, TensorSpec> actual)
            throws ManifestException {
        for (TensorDecl d : declared) {
            TensorSpec a = actual.get(d.name());
            String at = f.path() + ": " + kind + " '" + d.name() + "' (role " + d.role().spelling() + ")";
            if (a == null) {
                throw new ManifestException(at + " is declared in the manifest but absent from the ONNX model (model "
                        + kind + "s: " + actual.keySet() + ")");
            }
            if (a.type() != d.dtype()) {
                throw new ManifestException(at + ": dtype mismatch: manifest says " + d.dtype().spelling()
                        + ", model has " + a.typeString());
            }
            if (a.rank() != d.shape().size()) {
                throw new ManifestException(at + ": rank mismatch: manifest shape " + d.shapeString() + ", model shape "
                        + a.shapeString());
            }
            for (int i = 0; i < a.rank(); i++) {
                Dim dd = d.shape().get(i);
                long md = a.shape()[i];
                if (!dd.symbolic() && md >= 0 && md != dd.value()) {
                    throw new ManifestException(at + ": dimension " + i + " mismatch: manifest shape " + d.shapeString()
                            + " fixes it at " + dd.value() + ", model shape " + a.shapeString() + " at " + md);
                }
            }
        }
    }
}
