package io.gvc.jobs.cli;

import io.gvc.codec.bitstream.CodingConfig;
import io.gvc.codec.prior.FlowPrior;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The options that choose and run the prior, shared by encode and decode (they must agree). */
final class ModelOptions {

    @Option(names = "--model", description = "Prior: a model folder or manifest.json run by ONNX Runtime, "
            + "'learned' or 'reference' for a shipped model, 'java' for the pure-Java reference prior, or a "
            + "gvc-gauss-dct prior file (default: the shipped reference model, model-assets/reference; decode and "
            + "info: the shipped model the stream names).")
    Path model;

    @Option(names = "--device", description = "ONNX models: cpu, cuda or cuda:N (default: ${DEFAULT-VALUE}; "
            + "CUDA falls back to CPU when absent).", defaultValue = "cpu")
    String device;

    @Option(names = "--threads", description = "Worker threads (default: all cores). Output does not depend on it.")
    Integer threads;

    FlowPrior prior() throws BadInputException {
        return PriorLoader.load(model, device);
    }

    /** The prior for decoding a stream whose header names {@code config}'s model. */
    FlowPrior priorFor(CodingConfig config) throws BadInputException {
        return PriorLoader.forStream(model, config.modelId(), device);
    }

    int threads() {
        return threads != null ? threads : Runtime.getRuntime().availableProcessors();
    }
}
