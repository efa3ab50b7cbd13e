package io.gvc.model.registry;

import io.gvc.codec.prior.GaussianDctPrior;
import io.gvc.codec.prior.PriorSpectrum;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The closed-form Gaussian DCT prior run in Java ({@link GaussianDctPrior}, id
 * {@value GaussianDctPrior#ID}): a gvc-gauss-dct spectrum file (as {@code gvc fit-prior} writes it) or a
 * folder with prior.txt. Its hash is the spectrum's. The shipped spectrum is the model {@code java}.
 */
final class GaussDctModelKind implements ModelKind {

    static final String PRIOR_FILE = "prior.txt";

    @Override
    public String name() {
        return "gauss-dct";
    }

    @Override
    public String looksLike() {
        return "a gvc-gauss-dct prior file or a folder with " + PRIOR_FILE;
    }

    @Override
    public boolean claims(Path location) {
        return Files.isDirectory(location) ? Files.isRegularFile(location.resolve(PRIOR_FILE))
                : Files.isRegularFile(location);
    }

    @Override
    public InstalledModel describe(Path location) throws IOException {
        Path file = Files.isDirectory(location) ? location.resolve(PRIOR_FILE) : location;
        GaussianDctPrior prior;
        try {
            prior = new GaussianDctPrior(PriorSpectrum.load(file));
        } catch (IOException | RuntimeException e) {
            throw new IOException("model " + location + ": not a gvc-gauss-dct prior file: " + e.getMessage(), e);
        }
        // the spectrum is small and pure Java: the description holds the prior itself
        return new InstalledModel(prior.id(), prior.sha256(), location.toString(), name(), session -> prior);
    }

    /** The shipped spectrum, the model {@value ShippedModels#JAVA}. */
    InstalledModel shipped() throws IOException {
        GaussianDctPrior prior = ShippedModels.gaussian();
        return new InstalledModel(prior.id(), prior.sha256(), "shipped '" + ShippedModels.JAVA + "'", name(),
                session -> prior);
    }
}
