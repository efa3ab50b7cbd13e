package io.gvc.model.registry;

import io.gvc.codec.bitstream.CodingConfig;
import io.gvc.codec.variant.Variant;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The one place that decides which prior model codes a stream. It knows the shipped models
 * ({@link ShippedModels}: learned, reference, java) and the installed ones a command or job was given
 * with {@code --model}, each described by its {@link ModelKind} without being opened. Decoding, the
 * stream decides: {@link #streamModel} finds the model whose id and hash the stream carries, wherever
 * it was found. Encoding, {@link #encodingModel} gives the model {@code --model} chose, else each
 * variant's default ({@link #defaultName}).
 *
 * <p>{@code --model} means one thing per role: for an encoder it names the model (a shipped name, a
 * model folder, manifest or prior file); for a decoder it only adds a place to search (a model, or a
 * folder whose sub-folders are models), since the stream names its own model.
 */
public final class ModelRegistry {

    private final List<InstalledModel> models;
    private final Map<String, InstalledModel> shipped;
    private final InstalledModel encodingChoice;

    private ModelRegistry(List<InstalledModel> models, Map<String, InstalledModel> shipped, InstalledModel choice) {
        this.models = List.copyOf(models);
        this.shipped = Collections.unmodifiableMap(shipped);
        this.encodingChoice = choice;
    }

    /** The shipped models only, each variant coding with its default. */
    public static ModelRegistry shipped() throws IOException {
        Map<String, InstalledModel> byName = new LinkedHashMap<>();
        OnnxModelKind onnx = new OnnxModelKind();
        for (String name : ShippedModels.FOLDERS) {
            byName.put(name, onnx.shipped(name));
        }
        byName.put(ShippedModels.JAVA, new GaussDctModelKind().shipped());
        return new ModelRegistry(new ArrayList<>(byName.values()), byName, null);
    }

    /**
     * A decoder's registry: the shipped models plus what {@code modelOption} adds (null or a shipped
     * name adds nothing): a model, or every model in the sub-folders of a folder that is none.
     *
     * @throws IOException when the option names nothing that exists, or a folder without a model
     */
    public static ModelRegistry forDecoding(String modelOption) throws IOException {
        ModelRegistry r = shipped();
        Path place = place(modelOption, r);
        if (place == null) {
            return r;
        }
        List<InstalledModel> added = new ArrayList<>();
        if (ModelKinds.claiming(place) != null) {
            added.add(ModelKinds.describe(place));
        } else if (Files.isDirectory(place)) {
            try (Stream<Path> children = Files.list(place)) {
                for (Path child : children.filter(Files::isDirectory).sorted().toList()) {
                    if (ModelKinds.claiming(child) != null) {
                        added.add(ModelKinds.describe(child));
                    }
                }
            }
            if (added.isEmpty()) {
                throw new IOException("model " + place + ": neither a model nor a folder of models (expected "
                        + ModelKinds.looksLike() + ", or a folder holding such folders)");
            }
        } else {
            added.add(ModelKinds.describe(place)); // refused there, with what was expected
        }
        return r.with(added, null);
    }

    /**
     * An encoder's registry: the model {@code modelOption} names codes every variant (a shipped name,
     * or a model folder, manifest or prior file); null leaves each variant its default.
     */
    public static ModelRegistry forEncoding(String modelOption) throws IOException {
        ModelRegistry r = shipped();
        if (modelOption == null) {
            return r;
        }
        Path place = place(modelOption, r);
        if (place == null) {
            return r.with(List.of(), r.shipped.get(modelOption));
        }
        InstalledModel m = ModelKinds.describe(place);
        return r.with(List.of(m), m);
    }

    /** The path {@code option} names, or null for none or a shipped model's name (a file of that name wins). */
    private static Path place(String option, ModelRegistry r) throws IOException {
        if (option == null) {
            return null;
        }
        Path p = Path.of(option);
        if (Files.exists(p)) {
            return p;
        }
        if (r.shipped.containsKey(option)) {
            return null;
        }
        throw new IOException("model " + option + ": no such file or folder, and not a shipped model's name ("
                + String.join(", ", ShippedModels.NAMES) + ")");
    }

    private ModelRegistry with(List<InstalledModel> added, InstalledModel choice) {
        List<InstalledModel> all = new ArrayList<>(models);
        all.addAll(added);
        return new ModelRegistry(all, new LinkedHashMap<>(shipped), choice);
    }

    /**
     * The shipped model a variant codes with when none is chosen, the one place that policy lives: for
     * FLF2V the learned prior fine-tuned on the motion-compensated bridge (model-assets/training/README.md,
     * "Training on the bridge"; docs/results.md, "Codec v14"); for I2V the learned prior, which beats
     * the closed-form prior at equal bytes on the held-out clips (docs/results.md, "Learned prior"); the
     * reference (closed-form) model for T2V, where the learned model's gain on carphone is mixed (better
     * PSNR-Y, no clear LPIPS gain, lower chroma).
     */
    public static String defaultName(Variant variant) {
        return switch (variant) {
            case FLF2V -> ShippedModels.LEARNED_BRIDGE;
            case I2V -> ShippedModels.LEARNED;
            case T2V -> ShippedModels.REFERENCE;
        };
    }

    /** The model that codes {@code variant}: the chosen one, else the variant's shipped default. */
    public InstalledModel encodingModel(Variant variant) {
        return encodingChoice != null ? encodingChoice : shipped.get(defaultName(variant));
    }

    /** The model chosen for every variant, or null when each codes with its default. */
    public InstalledModel encodingChoice() {
        return encodingChoice;
    }

    /**
     * The model a stream was coded with: the first known model with the id and hash its packets carry.
     *
     * @throws ModelNotInstalledException naming the id and hash when none is known here
     */
    public InstalledModel streamModel(CodingConfig config) throws ModelNotInstalledException {
        for (InstalledModel m : models) {
            if (m.codes(config)) {
                return m;
            }
        }
        throw new ModelNotInstalledException(config.modelId(), HexFormat.of().formatHex(config.modelHashPrefix()),
                models.stream().map(InstalledModel::describe).collect(Collectors.joining(", ")));
    }

    /** Every known model, shipped first, in the order they are searched. */
    public List<InstalledModel> models() {
        return models;
    }

    /** What {@code --model} may be, for help and messages. */
    public static String choices() {
        return ModelKinds.looksLike() + ", or a shipped model: " + String.join(", ", ShippedModels.NAMES);
    }
}
