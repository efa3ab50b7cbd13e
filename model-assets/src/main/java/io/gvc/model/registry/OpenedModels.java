package io.gvc.model.registry;

import io.gvc.codec.bitstream.CodingConfig;
import io.gvc.codec.prior.FlowPrior;
import io.gvc.codec.variant.Variant;
import io.gvc.model.cache.BoundedCache;
import io.gvc.model.runtime.SessionConfig;
import java.io.IOException;
import java.util.List;
import java.util.function.Function;

/**
 * The priors a command or an operator has opened, the one cache of them: each model of the
 * {@link ModelRegistry} is opened on first use (one session per model), kept with what the caller
 * builds on it (a decoder, say), and at most {@code capacity} models are kept; the least recently
 * used one is closed when another would exceed that. A value handed out stays usable until the next
 * call that opens another model, so callers ask again per record rather than keeping values.
 *
 * @param <T> what the caller keeps per model: the prior itself ({@link #priors}) or something built on it
 */
public final class OpenedModels<T> implements AutoCloseable {

    /** Models kept open: more than the variants' defaults (2) plus a stream's own. */
    public static final int CAPACITY = 4;

    private record Opened<T>(FlowPrior prior, T value) {
    }

    private final ModelRegistry registry;
    private final SessionConfig session;
    private final Function<FlowPrior, T> build;
    private final BoundedCache<String, Opened<T>> cache;

    /** @param build what to keep with each opened prior (closed before it when AutoCloseable) */
    public OpenedModels(ModelRegistry registry, SessionConfig session, int capacity, Function<FlowPrior, T> build) {
        this.registry = registry;
        this.session = session;
        this.build = build;
        this.cache = new BoundedCache<>(capacity, OpenedModels::close);
    }

    /** The opened priors themselves, {@value #CAPACITY} at most. */
    public static OpenedModels<FlowPrior> priors(ModelRegistry registry, SessionConfig session) {
        return new OpenedModels<>(registry, session, CAPACITY, p -> p);
    }

    public ModelRegistry registry() {
        return registry;
    }

    /** What decodes a stream whose packets carry {@code config}: its own model (see {@link ModelRegistry#streamModel}). */
    public T forStream(CodingConfig config) throws IOException {
        return get(registry.streamModel(config));
    }

    /** What encodes {@code variant}: the chosen model, else the variant's default. */
    public T forEncoding(Variant variant) throws IOException {
        return get(registry.encodingModel(variant));
    }

    /** {@code model}, opened if it is not open. */
    public T get(InstalledModel model) throws IOException {
        return cache.get(model.key(), k -> {
            FlowPrior p = model.open(session);
            try {
                return new Opened<>(p, build.apply(p));
            } catch (RuntimeException e) {
                close(new Opened<>(p, null));
                throw e;
            }
        }).value();
    }

    /** The keys ({@link InstalledModel#key}) of the open models, least recently used first. */
    public List<String> open() {
        return cache.keys();
    }

    private static void close(Opened<?> o) {
        try {
            if (o.value() instanceof AutoCloseable c && o.value() != o.prior()) {
                c.close();
            }
            if (o.prior() instanceof AutoCloseable c) {
                c.close();
            }
        } catch (Exception e) {
            throw new IllegalStateException("closing model " + o.prior().id() + ": " + e.getMessage(), e);
        }
    }

    /** Closes every open model. */
    @Override
    public void close() {
        cache.close();
    }
}
