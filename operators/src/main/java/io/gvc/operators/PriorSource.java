package io.gvc.operators;

import io.gvc.codec.prior.FlowPrior;
import io.gvc.codec.variant.Variant;
import io.gvc.model.registry.ModelRegistry;
import io.gvc.model.registry.OpenedModels;
import io.gvc.model.runtime.SessionConfig;
import java.io.IOException;
import java.io.Serializable;
import java.util.function.Function;

/**
 * What a job was told about models ({@code --model}, {@code --device}), shipped with the job graph
 * instead of the priors themselves: each slot builds its {@link ModelRegistry} and opens its own
 * models (one session per slot and model). The registry decides which model codes what; a model
 * path must exist on every task manager.
 *
 * @param model  null, a shipped model's name, or a path: for the encoder the model every variant
 *               codes with (null: each variant's shipped default); for the decoder a place to search
 *               besides the shipped models (the stream names its model)
 * @param device cpu, cuda or cuda:N; a decoder given a GPU by Flink uses that GPU's index instead
 */
public record PriorSource(String model, String device) implements Serializable {

    public static PriorSource shipped() {
        return new PriorSource(null, "cpu");
    }

    /** The encoder's models, opened on first use: {@link OpenedModels#forEncoding}. */
    public OpenedModels<FlowPrior> openForEncoding(String deviceOverride, int threads) throws IOException {
        return OpenedModels.priors(ModelRegistry.forEncoding(model), session(deviceOverride, threads));
    }

    /** The decoder's models, opened on first use with what {@code build} makes of each: {@link OpenedModels#forStream}. */
    public <T> OpenedModels<T> openForDecoding(String deviceOverride, int threads, Function<FlowPrior, T> build)
            throws IOException {
        return new OpenedModels<>(ModelRegistry.forDecoding(model), session(deviceOverride, threads),
                OpenedModels.CAPACITY, build);
    }

    /** The prior that encodes {@code variant}, opened for the caller alone (who closes it). */
    public FlowPrior open(Variant variant, String deviceOverride, int threads) throws IOException {
        return ModelRegistry.forEncoding(model).encodingModel(variant).open(session(deviceOverride, threads));
    }

    private SessionConfig session(String deviceOverride, int threads) {
        return SessionConfig.of(deviceOverride != null ? deviceOverride : device, threads);
    }

    public String describe() {
        return (model == null ? "shipped models" : "model " + model) + " on " + device;
    }
}
