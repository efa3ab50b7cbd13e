package io.gvc.jobs.cli;

import io.gvc.codec.bitstream.CodingConfig;
import io.gvc.codec.prior.FlowPrior;
import io.gvc.codec.variant.Variant;
import io.gvc.model.Priors;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The options that choose and run the prior, shared by encode and decode (they must agree). */
final class ModelOptions {

    @Option(names = "--model", description = "Prior: a model folder or manifest.json run by ONNX Runtime, "
            + "'learned' or 'reference' for a shipped model, 'java' for the pure-Java reference prior, or a "
            + "gvc-gauss-dct prior file (default: the variant's shipped model, 'learned' for flf2v and i2v, "
            + "'reference' for t2v; decode and info: the shipped model the stream names).")
    Path model;

    @Option(names = "--device", description = "ONNX models: cpu, cuda or cuda:N (default: ${DEFAULT-VALUE}; "
            + "CUDA falls back to CPU when absent).", defaultValue = "cpu")
    String device;

    @Option(names = "--threads", description = "Worker threads (default: all cores). Output does not depend on it.")
    Integer threads;

    /** The prior that codes {@code variant}: --model, else the variant's shipped default. */
    FlowPrior prior(Variant variant) throws BadInputException {
        return PriorLoader.load(model, variant, device);
    }

    /** One prior per variant, each distinct model opened once. */
    Map<Variant, FlowPrior> priors(List<Variant> variants) throws BadInputException {
        Map<String, FlowPrior> opened = new HashMap<>();
        Map<Variant, FlowPrior> out = new EnumMap<>(Variant.class);
        for (Variant v : variants) {
            String key = Priors.modelFor(model == null ? null : model.toString(), v);
            FlowPrior p = opened.get(key);
            if (p == null) {
                p = prior(v);
                opened.put(key, p);
            }
            out.put(v, p);
        }
        return out;
    }

    /** The prior for decoding a stream whose header names {@code config}'s model and variant. */
    FlowPrior priorFor(CodingConfig config) throws BadInputException {
        return PriorLoader.forStream(model, config.modelId(), config.variant(), device);
    }

    int threads() {
        return threads != null ? threads : Runtime.getRuntime().availableProcessors();
    }
}
