package io.gvc.codec.anchor;

import io.gvc.codec.prior.GopCondition;
import io.gvc.codec.prior.VelocityField;

/**
 * Moves a prior from its own centre (the cross-fade of the boundary latents, {@link GopCondition#centre})
 * onto the GOP's anchor (the motion-compensated bridge): the distribution of x0 is translated by
 * delta_f = anchor latent - centre, so with x_t = (1 - t) x0 + t e the shifted velocity is
 * <pre>
 *   u'(x, t) = u(x - (1 - t) delta, t) - delta
 * </pre>
 * Any prior, closed-form or learned, then generates around the bridge without being retrained on
 * it, and the atoms steer only what the bridge got wrong. For the Gaussian prior this is exactly a
 * Gaussian with the anchor as its mean. The encoder measures side information on truth - delta,
 * the truth seen from the prior's side.
 */
public final class AnchorShift {

    private final float[][] delta;
    private final boolean zero;

    private AnchorShift(float[][] delta) {
        this.delta = delta;
        boolean z = true;
        for (float[] d : delta) {
            for (float v : d) {
                if (v != 0f) {
                    z = false;
                    break;
                }
            }
        }
        this.zero = z;
    }

    /** The shift from the prior's centre under {@code condition} to {@code anchors}. */
    public static AnchorShift between(GopCondition condition, GopAnchors anchors) {
        int n = condition.latentFrames();
        float[][] delta = new float[n][];
        for (int f = 0; f < n; f++) {
            float[] centre = condition.centre(f);
            float[] anchor = anchors.latent(f);
            for (int i = 0; i < centre.length; i++) {
                anchor[i] -= centre[i];
            }
            delta[f] = anchor;
        }
        return new AnchorShift(delta);
    }

    /** The true latents as the prior sees them: truth - delta (new arrays). */
    public float[][] toPrior(float[][] truth) {
        float[][] out = new float[truth.length][];
        for (int f = 0; f < truth.length; f++) {
            out[f] = truth[f].clone();
            for (int i = 0; i < out[f].length; i++) {
                out[f][i] -= delta[f][i];
            }
        }
        return out;
    }

    /** The field around the anchor; the field itself where the anchor is the centre. */
    public VelocityField around(VelocityField inner) {
        if (zero) {
            return inner;
        }
        return new VelocityField() {
            private float[][] shifted;

            @Override
            public void velocity(float[][] x, float t, float[][] out) {
                if (shifted == null) {
                    shifted = new float[x.length][x.length == 0 ? 0 : x[0].length];
                }
                float back = 1f - t;
                for (int f = 0; f < x.length; f++) {
                    float[] xs = shifted[f], xf = x[f], d = delta[f];
                    for (int i = 0; i < xs.length; i++) {
                        xs[i] = xf[i] - back * d[i];
                    }
                }
                inner.velocity(shifted, t, out);
                for (int f = 0; f < out.length; f++) {
                    float[] o = out[f], d = delta[f];
                    for (int i = 0; i < o.length; i++) {
                        o[i] -= d[i];
                    }
                }
            }

            @Override
            public void close() {
                inner.close();
            }
        };
    }
}
