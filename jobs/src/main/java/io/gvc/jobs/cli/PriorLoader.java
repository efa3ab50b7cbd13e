package io.gvc.jobs.cli;

import io.gvc.codec.prior.FlowPrior;
import io.gvc.codec.prior.GaussianDctPrior;
import io.gvc.codec.prior.PriorSpectrum;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds the prior a command runs with: the shipped Gaussian DCT prior (fitted from the shared clips,
 * a resource of model-assets) by default, or a prior file given with --model.
 */
final class PriorLoader {

    /** Classpath location of the shipped default, see model-assets/src/main/resources. */
    static final String DEFAULT_RESOURCE = "/gvc/priors/gauss-dct-default.txt";

    private PriorLoader() {
    }

    static FlowPrior load(Path model) throws BadInputException {
        if (model == null) {
            try (InputStream in = PriorLoader.class.getResourceAsStream(DEFAULT_RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException("the shipped prior " + DEFAULT_RESOURCE + " is missing from the jar");
                }
                return new GaussianDctPrior(PriorSpectrum.load(in));
            } catch (IOException e) {
                throw new IllegalStateException("the shipped prior is unreadable: " + e.getMessage(), e);
            }
        }
        if (!Files.exists(model)) {
            throw new BadInputException("model " + model + ": no such file or folder");
        }
        Path file = Files.isDirectory(model) ? model.resolve("prior.txt") : model;
        if (!Files.isRegularFile(file)) {
            throw new BadInputException("model " + model + ": expected a prior file (gvc-gauss-dct) or a folder with prior.txt");
        }
        try {
            return new GaussianDctPrior(PriorSpectrum.load(file));
        } catch (IOException e) {
            throw new BadInputException("model " + file + ": " + e.getMessage(), e);
        }
    }
}
