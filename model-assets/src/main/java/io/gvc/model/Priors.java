package io.gvc.model;

import io.gvc.codec.prior.FlowPrior;
import io.gvc.codec.prior.GaussianDctPrior;
import io.gvc.codec.prior.PriorSpectrum;
import io.gvc.codec.variant.Variant;
import io.gvc.model.prior.OnnxFlowPrior;
import io.gvc.model.runtime.SessionConfig;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds the prior a command or an operator runs with: by default a shipped ONNX model chosen by the
 * variant ({@link #defaultModel}), else an ONNX model folder or manifest run by ONNX Runtime, the
 * pure-Java Gaussian DCT prior, or a gvc-gauss-dct prior file. Encoder and decoder must load the
 * same one; a decoder given no model takes the shipped model its stream names ({@link #forStream}).
 */
public final class Priors {

    /** Classpath location of the shipped default, see model-assets/src/main/resources. */
    public static final String DEFAULT_RESOURCE = "/gvc/priors/gauss-dct-default.txt";

    private Priors() {
    }

    /** The {@code --model} value that selects the pure-Java prior. */
    public static final String JAVA = "java";

    /** The shipped pure-Java prior. */
    public static GaussianDctPrior shipped() {
        try (InputStream in = Priors.class.getResourceAsStream(DEFAULT_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the shipped prior " + DEFAULT_RESOURCE + " is missing from the jar");
            }
            return new GaussianDctPrior(PriorSpectrum.load(in));
        } catch (IOException e) {
            throw new IllegalStateException("the shipped prior is unreadable: " + e.getMessage(), e);
        }
    }

    /**
     * @param model   null for the variant's default ({@link #defaultModel}); {@value #JAVA} for the pure-Java
     *                prior; {@code learned} or {@code reference} for a shipped model folder (unless a
     *                file of that name exists); a model folder or manifest (.json) for an ONNX model
     *                run by ONNX Runtime; else a gvc-gauss-dct prior file (or a folder with prior.txt)
     * @param variant what the prior will code (chooses the default)
     * @param device  cpu, cuda or cuda:N (ONNX models only; falls back to CPU when CUDA is absent)
     * @param threads intra-op threads of the ONNX session
     * @throws IOException when the model is missing, unreadable, or refused (hash, tensor shapes)
     */
    public static FlowPrior load(Path model, Variant variant, String device, int threads) throws IOException {
        if (model == null) {
            model = ShippedModels.folder(defaultModel(variant));
        } else if (model.toString().equals(JAVA) && !Files.exists(model)) {
            return shipped();
        } else if (!Files.exists(model) && ShippedModels.ALL.contains(model.toString())) {
            model = ShippedModels.folder(model.toString()); // "learned", "reference": the shipped folders
        }
        if (!Files.exists(model)) {
            throw new IOException("model " + model + ": no such file or folder");
        }
        if (isOnnxModel(model)) {
            try {
                // Gaussian-terms models take their mean and variance from the shipped spectrum
                return OnnxFlowPrior.load(model, SessionConfig.of(device, threads), shipped(), null);
            } catch (RuntimeException e) {
                throw new IOException("model " + model + ": " + e.getMessage(), e);
            }
        }
        Path file = Files.isDirectory(model) ? model.resolve("prior.txt") : model;
        if (!Files.isRegularFile(file)) {
            throw new IOException("model " + model + ": expected a prior file (gvc-gauss-dct) or a folder with prior.txt");
        }
        return new GaussianDctPrior(PriorSpectrum.load(file));
    }

    /**
     * Whether {@link #load} would find {@code model} without opening it: an existing file or folder,
     * a shipped model's name ({@code learned}, {@code reference}) or {@value #JAVA}. Commands check
     * this before they start work; {@link #load} still judges the model's contents.
     */
    public static boolean exists(Path model) {
        return Files.exists(model) || model.toString().equals(JAVA) || ShippedModels.ALL.contains(model.toString());
    }

    /** What a {@code --model} value may be, for messages. */
    public static String choices() {
        return "a model folder, a manifest (.json), a prior file, " + String.join(", ", ShippedModels.ALL) + " or " + JAVA;
    }

    /**
     * The prior to decode a stream with: {@code model} as for {@link #load}; when it is null, the
     * shipped model the stream names ({@code streamModelId}, from its header), so a stream coded with
     * any shipped model decodes without options; else the default.
     */
    public static FlowPrior forStream(Path model, String streamModelId, Variant variant, String device, int threads)
            throws IOException {
        if (model == null) {
            java.util.Optional<String> shippedName = ShippedModels.byModelId(streamModelId);
            if (shippedName.isPresent()) {
                return load(ShippedModels.folder(shippedName.get()), variant, device, threads);
            }
        }
        return load(model, variant, device, threads);
    }

    /**
     * The shipped model a variant codes with when none is named, the one place that policy lives: the
     * learned prior ({@code learned}) for FLF2V and I2V, which beats the closed-form prior at equal
     * bytes on the held-out clips (docs/results.md, "Learned prior"); the reference (closed-form)
     * model for T2V, where the learned model's gain on carphone is mixed (better PSNR-Y, no clear
     * LPIPS gain, lower chroma).
     */
    public static String defaultModel(Variant variant) {
        return variant == Variant.T2V ? ShippedModels.REFERENCE : ShippedModels.LEARNED;
    }

    /**
     * Which model {@code variant} codes with, as a key: {@code model} when one is named (the same for
     * every variant), else the variant's shipped default; variants with equal keys can share one prior.
     */
    public static String modelFor(String model, Variant variant) {
        return model != null ? model : "shipped:" + defaultModel(variant);
    }

    /**
     * Which model decodes a stream that names {@code streamModelId}, as a key (see {@link #forStream}):
     * {@code model} when one is named, else the shipped model the stream names, else the variant's
     * default (which then refuses the stream by its model id and hash).
     */
    public static String modelForStream(String model, String streamModelId, Variant variant) throws IOException {
        if (model != null) {
            return model;
        }
        return "shipped:" + ShippedModels.byModelId(streamModelId).orElse(defaultModel(variant));
    }

    /** Whether {@code model} names an ONNX model (a folder with manifest.json, or a .json manifest). */
    public static boolean isOnnxModel(Path model) {
        return Files.isDirectory(model) ? Files.exists(model.resolve("manifest.json"))
                : model.getFileName().toString().endsWith(".json");
    }
}
