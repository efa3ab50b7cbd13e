package io.gvc.model.prior;

import ai.onnxruntime.OrtException;
import io.gvc.model.cache.BoundedCache;
import io.gvc.model.runtime.Binding;
import io.gvc.model.runtime.OnnxSession;
import java.util.ArrayDeque;

/**
 * Tensors of the velocity session, kept between GOPs of the same shape: allocating them is a large
 * part of a small GOP's cost. Free tensors of at most {@link #SHAPES} shapes are kept (the least
 * recently used shape's are closed), so GOPs of ever-changing sizes cannot grow memory without limit.
 * Thread-safe; a binding given back after {@link #close} is closed.
 */
final class BindingPool implements AutoCloseable {

    /** Shapes whose free tensors are kept. */
    static final int SHAPES = 8;

    private final OnnxSession session;
    private final String modelId;
    private final BoundedCache<String, ArrayDeque<Binding>> free;
    private volatile boolean closed;

    BindingPool(OnnxSession session, String modelId) {
        this.session = session;
        this.modelId = modelId;
        this.free = new BoundedCache<>(SHAPES, BindingPool::closeAll);
    }

    /** A binding of the plan's shapes: a free one, else a new one. */
    Binding take(TensorPlan plan) {
        Binding b = free.with(plan.key(), k -> new ArrayDeque<>(), ArrayDeque::pollFirst);
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
            return;
        }
        free.with(plan.key(), k -> new ArrayDeque<>(), q -> {
            q.offerFirst(b);
            return null;
        });
        if (closed) { // closed meanwhile: whatever is left is closed here
            free.close();
        }
    }

    private static void closeAll(ArrayDeque<Binding> q) {
        Binding b;
        while ((b = q.pollFirst()) != null) {
            b.close();
        }
    }

    @Override
    public void close() {
        closed = true;
        free.close();
    }
}
