package io.gvc.operators;

import io.gvc.codec.prior.FlowPrior;
import io.gvc.codec.variant.Variant;
import io.gvc.model.Priors;
import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Path;

/**
 * Which prior the operators load, shipped with the job graph instead of the prior itself: each
 * slot opens its own (one model session per slot). The model path must exist on every task
 * manager; null means the shipped model of each stream's variant (Priors.defaultModel).
 *
 * @param model  null, an ONNX model folder / manifest, or a gvc-gauss-dct prior file
 * @param device cpu, cuda or cuda:N; a decoder given a GPU by Flink uses that GPU's index instead
 */
public record PriorSource(String model, String device) implements Serializable {

    public static PriorSource shipped() {
        return new PriorSource(null, "cpu");
    }

    /** The prior that codes {@code variant}: the model, else the variant's shipped default. */
    public FlowPrior open(Variant variant, String deviceOverride, int threads) throws IOException {
        return Priors.load(model == null ? null : Path.of(model), variant,
                deviceOverride != null ? deviceOverride : device, threads);
    }

    /**
     * The prior that decodes a stream naming model {@code streamModelId}: the model, else the
     * shipped model the stream names, else the variant's default (as `gvc decode` chooses).
     */
    public FlowPrior openForStream(String streamModelId, Variant variant, String deviceOverride, int threads)
            throws IOException {
        return Priors.forStream(model == null ? null : Path.of(model), streamModelId, variant,
                deviceOverride != null ? deviceOverride : device, threads);
    }

    /** The key of {@link #openForStream}'s model: streams with equal keys share one prior. */
    public String modelForStream(String streamModelId, Variant variant) throws IOException {
        return Priors.modelForStream(model, streamModelId, variant);
    }

    /** The model {@code variant} codes with: one prior serves all variants that share it. */
    public String modelFor(Variant variant) {
        return Priors.modelFor(model, variant);
    }

    public String describe() {
        return model == null ? "shipped default prior" : model + " on " + device;
    }
}
