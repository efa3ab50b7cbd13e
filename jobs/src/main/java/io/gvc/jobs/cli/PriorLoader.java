package io.gvc.jobs.cli;

import io.gvc.codec.prior.FlowPrior;
import io.gvc.codec.prior.GaussianDctPrior;
import io.gvc.codec.prior.PriorSpectrum;
import io.gvc.model.prior.OnnxFlowPrior;
import io.gvc.model.runtime.SessionConfig;
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

    static GaussianDctPrior shipped() {
        try (InputStream in = PriorLoader.class.getResourceAsStream(DEFAULT_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the shipped prior " + DEFAULT_RESOURCE + " is missing from the jar");
            }
            return new GaussianDctPrior(PriorSpectrum.load(in));
        } catch (IOException e) {
            throw new IllegalStateException("the shipped prior is unreadable: " + e.getMessage(), e);
        }
    }

    /**
     * @param model  null for the shipped Java prior; a model folder or manifest (.json) for an ONNX
     *               model run by ONNX Runtime; else a gvc-gauss-dct prior file
     * @param device cpu, cuda or cuda:N (ONNX models only; falls back to CPU when CUDA is absent)
     */
    static FlowPrior load(Path model, String device) throws BadInputException {
        if (model == null) {
            return shipped();
        }
        if (!Files.exists(model)) {
            throw new BadInputException("model " + model + ": no such file or folder");
        }
        boolean onnx = Files.isDirectory(model) ? Files.exists(model.resolve("manifest.json"))
                : model.getFileName().toString().endsWith(".json");
        if (onnx) {
            try {
                // Gaussian-terms models take their mean and variance from the shipped spectrum
                OnnxFlowPrior p = OnnxFlowPrior.load(model, SessionConfig.of(device, 1), shipped(), null);
                System.err.println("model " + p.id() + " on " + p.provider());
                return p;
            } catch (IOException | RuntimeException e) {
                throw new BadInputException("model " + model + ": " + e.getMessage(), e);
            }
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
