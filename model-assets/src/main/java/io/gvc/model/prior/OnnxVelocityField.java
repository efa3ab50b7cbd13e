package io.gvc.model.prior;

import ai.onnxruntime.OrtException;
import io.gvc.codec.prior.VelocityField;
import io.gvc.model.manifest.ModelManifest;
import io.gvc.model.manifest.ModelManifest.TensorDecl;
import io.gvc.model.manifest.ModelManifest.TensorRole;
import io.gvc.model.runtime.Binding;
import java.nio.FloatBuffer;

/**
 * One GOP's velocity: per step, writes x and t into the bound tensors (the condition's inputs are
 * already there), runs the model once for all L latent frames and reads the velocity back. Closing it
 * gives the tensors back to the pool.
 */
final class OnnxVelocityField implements VelocityField {

    private final ModelManifest manifest;
    private final Binding b;
    private final TensorPlan p;
    private final BindingPool home;
    private final TensorDecl x;
    private final TensorDecl t;
    private boolean closed;

    OnnxVelocityField(ModelManifest manifest, Binding b, TensorPlan p, BindingPool home) {
        this.manifest = manifest;
        this.b = b;
        this.p = p;
        this.home = home;
        this.x = manifest.velocity().input(TensorRole.X).orElseThrow();
        this.t = manifest.velocity().input(TensorRole.T).orElseThrow();
    }

    /**
     * The field of a GOP without coded latent frames (e.g. a two-frame FLF2V GOP: both frames are
     * boundaries): tensors with an L dimension of 0 cannot be bound, and no step would run the model.
     */
    static VelocityField empty() {
        return new VelocityField() {
            @Override
            public void velocity(float[][] x, float t, float[][] out) {
                if (x.length != 0 || out.length != 0) {
                    throw new IllegalArgumentException("a GOP without coded latent frames got " + x.length + " frames");
                }
            }
        };
    }

    @Override
    public void velocity(float[][] xs, float time, float[][] out) {
        if (closed) {
            throw new IllegalStateException("velocity field closed");
        }
        FrameTensors.putFrames(b.input(x.name()), xs, x, p);
        FloatBuffer tb = b.input(t.name());
        float tv = manifest.timestep().convert(time);
        for (int i = 0; i < tb.capacity(); i++) {
            tb.put(i, tv);
        }
        try {
            b.run();
        } catch (OrtException e) {
            throw new IllegalStateException("model " + manifest.name() + " failed at t=" + time + ": " + e.getMessage(), e);
        }
        FrameTensors.getFrames(b.output(p.output.name()), out, p.output, p);
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            home.giveBack(p, b);
        }
    }
}
