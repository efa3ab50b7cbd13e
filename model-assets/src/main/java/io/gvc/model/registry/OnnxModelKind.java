package io.gvc.model.registry;

import io.gvc.model.manifest.ManifestLoader;
import io.gvc.model.manifest.ModelManifest;
import io.gvc.model.prior.ModelHash;
import io.gvc.model.prior.OnnxFlowPrior;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Learned (or exported) priors run by ONNX Runtime: a folder with manifest.json, or the manifest
 * (.json) itself (model-assets/README.md). Described from the manifest alone; a model conditioned on
 * gaussian-terms is fed the shipped spectrum, whose hash is then part of the model's.
 */
final class OnnxModelKind implements ModelKind {

    @Override
    public String name() {
        return "onnx";
    }

    @Override
    public String looksLike() {
        return "a folder with " + ManifestLoader.MANIFEST + " or a manifest (.json)";
    }

    @Override
    public boolean claims(Path location) {
        return Files.isDirectory(location) ? Files.isRegularFile(location.resolve(ManifestLoader.MANIFEST))
                : location.getFileName() != null && location.getFileName().toString().endsWith(".json");
    }

    @Override
    public InstalledModel describe(Path location) throws IOException {
        Path manifestFile = Files.isDirectory(location) ? location.resolve(ManifestLoader.MANIFEST) : location;
        return describe(ManifestLoader.read(manifestFile), location.toString(), () -> location);
    }

    /** A shipped model folder, described from the manifest in the jar; extracted only when opened. */
    InstalledModel shipped(String name) throws IOException {
        return describe(ShippedModels.manifest(name), "shipped '" + name + "'", () -> ShippedModels.folder(name));
    }

    /** Where the model's files are, found when it is opened. */
    private interface Folder {
        Path get() throws IOException;
    }

    private InstalledModel describe(ModelManifest m, String source, Folder folder) throws IOException {
        String sha = ModelHash.of(m, ShippedModels.gaussian().sha256());
        return new InstalledModel(m.name(), sha, source, name(),
                session -> OnnxFlowPrior.load(folder.get(), session, ShippedModels.gaussian(), null));
    }
}
