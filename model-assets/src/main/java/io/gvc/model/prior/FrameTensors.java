package io.gvc.model.prior;

import io.gvc.model.manifest.ModelManifest.Layout;
import io.gvc.model.manifest.ModelManifest.TensorDecl;
import java.nio.FloatBuffer;

/**
 * Copies latent frames into and out of model tensors in the tensor's layout: frame-major [L, D], or
 * [1, C, L, H, W] (bcthw) where each frame's D values are C planes of H x W.
 */
final class FrameTensors {

    private FrameTensors() {
    }

    /** A boundary latent of {@code dim} values; zeros where the GOP has none. */
    static void putLatent(FloatBuffer buf, float[] latent, int dim, TensorDecl t) {
        if (latent == null) {
            for (int i = 0; i < dim; i++) {
                buf.put(i, 0f);
            }
            return;
        }
        if (latent.length != dim) {
            throw new IllegalArgumentException(t.name() + ": latent has " + latent.length + " values, geometry says " + dim);
        }
        buf.put(latent);
    }

    /** One value per latent frame, repeated over whatever the tensor holds per frame. */
    static void putPerFrame(FloatBuffer buf, float[] perFrame) {
        int per = buf.capacity() / perFrame.length;
        for (int f = 0; f < perFrame.length; f++) {
            for (int k = 0; k < per; k++) {
                buf.put(f * per + k, perFrame[f]);
            }
        }
    }

    /** Writes L frames of D values into a latent-video tensor in its layout. */
    static void putFrames(FloatBuffer buf, float[][] frames, TensorDecl t, TensorPlan p) {
        if (frames.length != p.frames) {
            throw new IllegalArgumentException(t.name() + ": " + frames.length + " latent frames, the GOP has " + p.frames);
        }
        if (t.layout() == Layout.BCTHW) {
            long[] sh = p.shape(t.name());
            int ch = (int) sh[1];
            int hw = (int) (sh[3] * sh[4]);
            for (int f = 0; f < frames.length; f++) {
                float[] x = frames[f];
                if (x.length != p.dim) {
                    throw new IllegalArgumentException(t.name() + ": frame " + f + " has " + x.length
                            + " values, geometry says " + p.dim);
                }
                for (int cc = 0; cc < ch; cc++) {
                    int dst = (cc * frames.length + f) * hw;
                    for (int i = 0; i < hw; i++) {
                        buf.put(dst + i, x[cc * hw + i]);
                    }
                }
            }
            return;
        }
        int d = p.dim;
        for (int f = 0; f < frames.length; f++) {
            if (frames[f].length != d) {
                throw new IllegalArgumentException(t.name() + ": frame " + f + " has " + frames[f].length
                        + " values, geometry says " + d);
            }
            buf.put(f * d, frames[f]);
        }
    }

    /** Reads L frames of D values out of a latent-video tensor in its layout. */
    static void getFrames(FloatBuffer buf, float[][] out, TensorDecl t, TensorPlan p) {
        if (t.layout() == Layout.BCTHW) {
            long[] sh = p.shape(t.name());
            int ch = (int) sh[1];
            int hw = (int) (sh[3] * sh[4]);
            for (int f = 0; f < out.length; f++) {
                for (int cc = 0; cc < ch; cc++) {
                    buf.get((cc * out.length + f) * hw, out[f], cc * hw, hw);
                }
            }
            return;
        }
        for (int f = 0; f < out.length; f++) {
            buf.get(f * p.dim, out[f], 0, p.dim);
        }
    }
}
