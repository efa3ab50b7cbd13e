package io.gvc.model.registry;

import java.io.IOException;
import java.nio.file.Path;

/**
 * One kind of prior model (a learned ONNX model described by a manifest, the closed-form prior's
 * spectrum file, ...): how to recognise one on disk, and how to describe it (id, hash, opener) without
 * opening it. To add a kind, implement this and list it in {@link ModelKinds#ALL}; nothing else
 * chooses between kinds.
 */
public interface ModelKind {

    /** Short name for messages and {@link InstalledModel#kind}. */
    String name();

    /** What a location of this kind looks like, for messages ("a folder with manifest.json"). */
    String looksLike();

    /** Whether {@code location} looks like a model of this kind (names only; nothing is read). */
    boolean claims(Path location);

    /**
     * The model at a location this kind {@link #claims}, read without opening it (ONNX: the manifest
     * only), so naming and matching models costs no session.
     *
     * @throws IOException when the location is unreadable or malformed, naming it
     */
    InstalledModel describe(Path location) throws IOException;
}
