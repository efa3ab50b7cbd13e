package io.gvc.operators;

import io.gvc.codec.prior.FlowPrior;
import io.gvc.codec.variant.Variant;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * The priors one operator instance has opened, one per model: streams of different variants may
 * code with different shipped models (the learned one for FLF2V, the reference for T2V), and each
 * model is opened on first use and kept (one model session per slot and model).
 */
public final class OpenPriors implements AutoCloseable {

    private final PriorSource source;
    private final String device;
    private final int threads;
    private final Map<String, FlowPrior> byModel = new HashMap<>();

    /** @param device null for the source's device, else an override (a slot's GPU) */
    public OpenPriors(PriorSource source, String device, int threads) {
        this.source = source;
        this.device = device;
        this.threads = threads;
    }

    /** The prior that codes {@code variant}, opened if it is the first of its model. */
    public FlowPrior forVariant(Variant variant) throws IOException {
        String key = source.modelFor(variant);
        FlowPrior p = byModel.get(key);
        if (p == null) {
            p = source.open(variant, device, threads);
            byModel.put(key, p);
        }
        return p;
    }

    /**
     * The prior that decodes a stream naming model {@code streamModelId} (the stream decides the
     * model; a configured model overrides it), opened if it is the first of its model.
     */
    public FlowPrior forStream(String streamModelId, Variant variant) throws IOException {
        String key = source.modelForStream(streamModelId, variant);
        FlowPrior p = byModel.get(key);
        if (p == null) {
            p = source.openForStream(streamModelId, variant, device, threads);
            byModel.put(key, p);
        }
        return p;
    }

    @Override
    public void close() throws Exception {
        Exception first = null;
        for (FlowPrior p : byModel.values()) {
            if (p instanceof AutoCloseable c) {
                try {
                    c.close();
                } catch (Exception e) {
                    first = first == null ? e : first;
                }
            }
        }
        byModel.clear();
        if (first != null) {
            throw first;
        }
    }
}
