package io.gvc.model.prior;

import ai.onnxruntime.OrtException;
import io.gvc.model.runtime.Binding;
import io.gvc.model.runtime.OnnxSession;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;

/**
 * Tensors of the velocity session, kept between GOPs of the same shape: allocating them is a large
 * part of a small GOP's cost. Thread-safe; a binding given back after {@link #close} is closed.
 */
final class BindingPool implements AutoCloseable {

    private final OnnxSession session;
    private final String modelId;
    private final Map<String, ConcurrentLinkedDeque<Binding>> free = new ConcurrentHashMap<>();
    private volatile boolean closed;

    BindingPool(OnnxSession session, String modelId) {
        this.session = session;
        this.modelId = modelId;
    }

    /** A binding of the plan's shapes: a free one, else a new one. */
    Binding take(TensorPlan plan) {
        Binding b = free.computeIfAbsent(plan.key(), k -> new ConcurrentLinkedDeque<>()).pollFirst();
        if (b != null) {
            return b;
        }
        try {
            return session.bind(plan.inputShapes, plan.outputShapes);
        } catch (OrtException e) {
            throw new IllegalStateException("model " + modelId + ": cannot allocate tensors for L=" + plan.frames
                    + ", D=" + plan.dim + ": " + e.getMessage(), e);
        }
    }

    /** Returns a binding taken for {@code plan}, for the next GOP of that shape. */
    void giveBack(TensorPlan plan, Binding b) {
        if (closed) {
            b.close();
        } else {
            free.computeIfAbsent(plan.key(), k -> new ConcurrentLinkedDeque<>()).offerFirst(b);
        }
    }

    @Override
    public void close() {
        closed = true;
        for (ConcurrentLinkedDeque<Binding> q : free.values()) {
            Binding b;
            while ((b = q.pollFirst()) != null) {
                b.close();
            }
        }
    }
}
