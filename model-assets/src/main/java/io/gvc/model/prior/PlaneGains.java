package io.gvc.model.prior;

import io.gvc.codec.bitstream.BitstreamException;
import io.gvc.codec.latent.DctPictureLatentSpace;
import io.gvc.codec.prior.GaussianGains;
import io.gvc.codec.prior.GopCondition;
import io.gvc.model.manifest.ModelManifest.LatentKind;
import io.gvc.model.manifest.ModelManifest.TensorRole;

/**
 * Side information for a learned model with a {@code gains} input: per colour plane (Y, U, V) the
 * GOP's mean squared deviation of the true latent from the anchor (the FLF2V bridge, the I2V first
 * frame), measured by the encoder and sent in 15 bits on {@link GaussianGains}'s half-octave grid.
 *
 * <p>Why: how far a GOP strays from its boundary bridge (how much it moves) varies by orders of
 * magnitude between clips, and a prior that knows it samples at the right scale; the reference prior
 * gets the same from its spectral gains (GVC-ALGORITHM.md section 8). The model sees the dequantised
 * values, exactly as the training code computes them (model-assets/training/model.py).
 */
final class PlaneGains {

    static final int PLANES = TensorRole.GAINS.fixedValues();

    private PlaneGains() {
    }

    /** Colour plane of each latent plane: the DCT latent's are Y, U, V; the picture latent's six channels Y x 4, U, V. */
    static int[] colourPlanes(LatentKind kind, int latentPlanes) {
        if (kind == LatentKind.VAE) {
            throw new IllegalArgumentException("a VAE latent has no colour planes to measure gains on");
        }
        int[] out = new int[latentPlanes];
        for (int c = 0; c < latentPlanes; c++) {
            out[c] = kind == LatentKind.PICTURE ? DctPictureLatentSpace.colourPlane(c) : c;
        }
        return out;
    }

    /** Encoder side: the quantised gains of the true latent frames in a {@code kind} latent. */
    static byte[] measure(LatentKind kind, GopCondition c, float[][] trueLatent) {
        var g = c.geometry();
        int[] plane = colourPlanes(kind, g.planes());
        double[] sum = new double[PLANES];
        long[] count = new long[PLANES];
        for (int f = 0; f < trueLatent.length; f++) {
            float[] anchor = c.centre(f);
            for (int p = 0; p < g.planes(); p++) {
                int off = g.planeOffset(p), n = g.planeDim(p), cp = plane[p];
                for (int i = off; i < off + n; i++) {
                    double d = trueLatent[f][i] - anchor[i];
                    sum[cp] += d * d;
                }
                count[cp] += n;
            }
        }
        int[] q = new int[PLANES];
        for (int p = 0; p < PLANES; p++) {
            q[p] = GaussianGains.quantise(count[p] > 0 ? sum[p] / count[p] : 0);
        }
        return GaussianGains.write(q);
    }

    /** Decoder side (and the encoder's simulated decoder): the dequantised gains. */
    static float[] read(byte[] side) throws BitstreamException {
        return GaussianGains.read(side, PLANES);
    }
}
