package io.gvc.model.reference;

import io.gvc.model.ShippedModels;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The shipped default model (model-assets/reference), extracted from the jar by
 * {@link ShippedModels#folder} for modules that have no checkout.
 */
public final class ReferencePrior {

    private ReferencePrior() {
    }

    /** The folder of the default model (manifest.json + velocity.onnx), extracted from the jar if needed. */
    public static Path defaultModel() throws IOException {
        return ShippedModels.folder(ShippedModels.REFERENCE);
    }
}
