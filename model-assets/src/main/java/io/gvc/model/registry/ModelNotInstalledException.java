package io.gvc.model.registry;

import java.io.IOException;

/**
 * A stream names a model (id and hash) that no place the registry searches holds: the input's
 * problem on this machine (a CLI's bad input, a dead letter in a job), never a crash.
 */
public final class ModelNotInstalledException extends IOException {

    private final String modelId;
    private final String hashPrefix;

    ModelNotInstalledException(String modelId, String hashPrefix, String known) {
        super("stream needs model '" + modelId + "' (sha256 " + hashPrefix + "...), which is not installed here"
                + " (known: " + known + "); give the folder that holds it with --model");
        this.modelId = modelId;
        this.hashPrefix = hashPrefix;
    }

    public String modelId() {
        return modelId;
    }

    /** The hex hash prefix the stream's packets carry. */
    public String hashPrefix() {
        return hashPrefix;
    }
}
