package io.gvc.model.registry;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The kinds of prior model the codec can run, in the order a location is tried. A new kind of model
 * (another runtime, another closed form) is one {@link ModelKind} added here.
 */
public final class ModelKinds {

    /** Every kind; the first that {@link ModelKind#claims} a location describes it. */
    static final List<ModelKind> ALL = List.of(new OnnxModelKind(), new GaussDctModelKind());

    private ModelKinds() {
    }

    /** The kind that claims {@code location}, or null. */
    static ModelKind claiming(Path location) {
        for (ModelKind k : ALL) {
            if (k.claims(location)) {
                return k;
            }
        }
        return null;
    }

    /** The model at {@code location}, described by the kind that claims it. */
    static InstalledModel describe(Path location) throws IOException {
        ModelKind k = claiming(location);
        if (k == null) {
            throw new IOException("model " + location + ": not a model (expected " + looksLike() + ")");
        }
        return k.describe(location);
    }

    /** What a model location may be, for messages: every kind's {@link ModelKind#looksLike}. */
    public static String looksLike() {
        return ALL.stream().map(ModelKind::looksLike).collect(Collectors.joining(", or "));
    }
}
