package io.gvc.model.manifest;

import ai.onnxruntime.OrtException;
import io.gvc.model.manifest.ModelManifest.FileRole;
import io.gvc.model.runtime.OnnxSession;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Map;

/**
 * A manifest that passed {@link ManifestLoader}'s checks, with one open ONNX Runtime session per
 * file (opening a multi-gigabyte model twice would double start-up, so the checking sessions are the
 * ones callers use). Close it to release the sessions.
 */
public final class LoadedModel implements AutoCloseable {

    private final ModelManifest manifest;
    private final Path folder;
    private final Map<FileRole, OnnxSession> sessions;

    LoadedModel(ModelManifest manifest, Path folder, Map<FileRole, OnnxSession> sessions) {
        this.manifest = manifest;
        this.folder = folder;
        this.sessions = Collections.unmodifiableMap(sessions);
    }

    public ModelManifest manifest() {
        return manifest;
    }

    /** The folder the manifest's paths are relative to. */
    public Path folder() {
        return folder;
    }

    public OnnxSession session(FileRole role) {
        OnnxSession s = sessions.get(role);
        if (s == null) {
            throw new IllegalArgumentException("model " + manifest.name() + " has no " + role.spelling() + " file");
        }
        return s;
    }

    public OnnxSession velocitySession() {
        return session(FileRole.VELOCITY);
    }


    @Override
    public void close() {
        for (OnnxSession s : sessions.values()) {
            try {
                s.close();
            } catch (OrtException e) {
                // closing a native session only fails on a corrupt handle; nothing to recover
            }
        }
    }
}
