package io.gvc.cli;

import io.gvc.codec.bitstream.CodingConfig;
import io.gvc.codec.prior.FlowPrior;
import io.gvc.codec.variant.Variant;
import io.gvc.model.prior.OnnxFlowPrior;
import io.gvc.model.registry.ModelRegistry;
import io.gvc.model.registry.OpenedModels;
import io.gvc.model.registry.StreamPriors;
import io.gvc.model.runtime.SessionConfig;
import java.io.IOException;
import java.util.Collections;
import java.util.EnumMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine.Option;

/**
 * The options that choose and run the prior, shared by encode, decode, info and eval; the choice itself
 * is the {@link ModelRegistry}'s. A command opens its models through one {@link OpenedModels}, as an
 * encoder (--model names the model) or as a decoder (the stream names it, --model adds a place to
 * search). Model problems are bad input (exit 3), naming the model.
 */
final class ModelOptions {

    @Option(names = "--model", description = "Encode, eval: the prior every variant codes with: 'learned', "
            + "'learned-bridge', 'reference' or 'java' (shipped; 'java' is the closed-form prior run in Java), a model folder or "
            + "manifest.json run by ONNX Runtime, or a gvc-gauss-dct prior file (default: each variant's shipped "
            + "model, 'learned-bridge' for flf2v, 'learned' for i2v, 'reference' for t2v). Decode, info: the stream names its model; "
            + "--model only adds a model, or a folder of model folders, to the shipped models searched.")
    String model;

    @Option(names = "--device", description = "ONNX models: cpu, cuda or cuda:N (default: ${DEFAULT-VALUE}; "
            + "CUDA falls back to CPU when absent).", defaultValue = "cpu")
    String device;

    @Option(names = "--threads", description = "Worker threads (default: all cores). Output does not depend on it.")
    Integer threads;

    private OpenedModels<FlowPrior> opened;
    private boolean encoding;
    private final Set<FlowPrior> announced = Collections.newSetFromMap(new IdentityHashMap<>());

    /** The prior that codes {@code variant}: --model, else the variant's shipped default. */
    FlowPrior prior(Variant variant) throws BadInputException {
        try {
            return announce(models(true).forEncoding(variant));
        } catch (IOException e) {
            throw new BadInputException(e.getMessage(), e);
        }
    }

    /** One prior per variant; variants coding with the same model share it. */
    Map<Variant, FlowPrior> priors(List<Variant> variants) throws BadInputException {
        Map<Variant, FlowPrior> out = new EnumMap<>(Variant.class);
        for (Variant v : variants) {
            out.put(v, prior(v));
        }
        return out;
    }

    /**
     * The prior that decodes a stream whose packets carry {@code config}: the model it names, among the
     * shipped models and what --model adds (an encoding command: the models it encodes with).
     */
    FlowPrior priorFor(CodingConfig config) throws BadInputException {
        try {
            return announce(models(opened != null && encoding).forStream(config));
        } catch (IOException e) {
            throw new BadInputException(e.getMessage(), e);
        }
    }

    /**
     * What decodes the streams an encoding command has just coded (eval): the model each names, from the
     * same registry and cache as {@link #prior}.
     */
    StreamPriors streamPriors() throws BadInputException {
        try {
            return models(true)::forStream;
        } catch (IOException e) {
            throw new BadInputException(e.getMessage(), e);
        }
    }

    /** The command's models, opened as an encoder's or a decoder's registry decides, on first use. */
    private OpenedModels<FlowPrior> models(boolean asEncoder) throws IOException {
        if (opened == null) {
            ModelRegistry r = asEncoder ? ModelRegistry.forEncoding(model) : ModelRegistry.forDecoding(model);
            opened = OpenedModels.priors(r, SessionConfig.of(device, 1));
            encoding = asEncoder;
        } else if (asEncoder && !encoding) {
            throw new IllegalStateException("this command opened its models as a decoder");
        }
        return opened;
    }

    /** Says once per model which model runs where (stderr). */
    private FlowPrior announce(FlowPrior p) {
        if (announced.add(p)) {
            System.err.println("model " + p.id() + " on " + provider(p));
        }
        return p;
    }

    /** The ONNX Runtime execution provider, or "java" for a pure-Java prior. */
    static String provider(FlowPrior p) {
        return p instanceof OnnxFlowPrior onnx ? onnx.provider() : "java";
    }

    int threads() {
        return threads != null ? threads : Runtime.getRuntime().availableProcessors();
    }
}
