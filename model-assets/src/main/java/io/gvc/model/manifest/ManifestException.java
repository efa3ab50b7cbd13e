package io.gvc.model.manifest;

import java.io.IOException;

/** A model manifest that cannot be used: the message names the file, field or tensor at fault. */
public class ManifestException extends IOException {

    public ManifestException(String message) {
        super(message);
    }

    public ManifestException(String message, Throwable cause) {
        super(message, cause);
    }
}
