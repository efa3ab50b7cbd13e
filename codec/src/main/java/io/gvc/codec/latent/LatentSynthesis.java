package io.gvc.codec.latent;

import io.gvc.codec.frame.Frame;
import io.gvc.codec.variant.GopLayout;
import io.gvc.codec.variant.Variant;

/**
 * Latent back to pictures, the last stage of decoding. Each picture frame j is
 * <pre>
 *   frame_j = anchor_j + lowpass deviation_j
 * </pre>
 * where the anchor is full-resolution (the bridge lerp(first, last) for FLF2V, the first frame for
 * I2V, grey for T2V) and the deviation is the inverse DCT of (x0 - anchor latent) at the latent
 * frames, linearly interpolated in time between them and zero at known boundary frames. So the
 * detail the latent cannot hold comes from the intra-coded boundaries, and the generated part is
 * what the atoms paid for.
 */
public final class LatentSynthesis {

    private final LatentSpace space;

    public LatentSynthesis(LatentSpace space) {
        this.space = space;
    }

    /** Latent of the anchor at GOP position a (what the deviation is measured against). */
    public static float[] anchorLatent(Variant v, float[] firstLatent, float[] lastLatent, float a, int dim) {
        float[] m = new float[dim];
        switch (v) {
            case FLF2V -> {
                for (int i = 0; i < dim; i++) {
                    m[i] = (1f - a) * firstLatent[i] + a * lastLatent[i];
                }
            }
            case I2V -> System.arraycopy(firstLatent, 0, m, 0, dim);
            case T2V -> {
                // grey: the zero latent
            }
        }
        return m;
    }

    /**
     * The GOP's pictures.
     *
     * @param first   decoded first frame (FLF2V, I2V) or null
     * @param last    decoded last frame (FLF2V) or null
     * @param x0      final latents of the coded latent frames
     * @param firstLatent latent of {@code first} (or null)
     * @param lastLatent  latent of {@code last} (or null)
     */
    public Frame[] synthesise(GopLayout layout, Frame first, Frame last, float[] firstLatent, float[] lastLatent,
                              float[][] x0) {
        int n = layout.frames();
        int dim = space.geometry().dim();
        int w = space.geometry().planeWidth()[0], h = space.geometry().planeHeight()[0];
        // deviation pictures at every latent position; known boundaries have none
        int[] pos = layout.positions();
        float[][][] dev = new float[pos.length][][];
        int coded = 0;
        for (int i = 0; i < pos.length; i++) {
            if (coded < layout.codedFrames() && layout.codedPositions()[coded] == pos[i]) {
                float a = layout.codedAlphas()[coded];
                float[] m = anchorLatent(layout.variant(), firstLatent, lastLatent, a, dim);
                dev[i] = space.deviationPixels(x0[coded], m);
                coded++;
            }
        }
        Frame[] out = new Frame[n];
        int seg = 0; // pos[seg] <= j < pos[seg + 1], or j is the last position
        for (int j = 0; j < n; j++) {
            boolean knownFirst = j == 0 && layout.variant() != Variant.T2V;
            boolean knownLast = j == n - 1 && n > 1 && layout.variant() == Variant.FLF2V;
            if (knownFirst || knownLast) {
                out[j] = knownFirst ? first : last; // boundary frames are the decoded intra pictures
                continue;
            }
            while (seg + 1 < pos.length && pos[seg + 1] <= j) {
                seg++;
            }
            float[][] da = dev[seg];
            float[][] db = null;
            float wb = 0f;
            if (pos[seg] != j) {
                db = dev[seg + 1];
                wb = (float) (j - pos[seg]) / (pos[seg + 1] - pos[seg]);
            }
            float alpha = n == 1 ? 0f : (float) j / (n - 1);
            out[j] = compose(layout.variant(), first, last, alpha, da, db, wb, w, h);
        }
        return out;
    }

    private static Frame compose(Variant v, Frame first, Frame last, float alpha, float[][] da, float[][] db,
                                 float wb, int w, int h) {
        byte[][] planes = new byte[3][];
        for (int p = 0; p < 3; p++) {
            int pw = p == 0 ? w : Frame.chromaWidth(w), ph = p == 0 ? h : Frame.chromaHeight(h);
            byte[] fa = first == null ? null : first.plane(p);
            byte[] fb = last == null ? null : last.plane(p);
            float[] a = da == null ? null : da[p], b = db == null ? null : db[p];
            byte[] out = new byte[pw * ph];
            for (int i = 0; i < out.length; i++) {
                float anchor = switch (v) {
                    case FLF2V -> (1f - alpha) * (fa[i] & 0xFF) + alpha * (fb[i] & 0xFF);
                    case I2V -> fa[i] & 0xFF;
                    case T2V -> 128f;
                };
                float dev = (a == null ? 0f : (1f - wb) * a[i]) + (b == null ? 0f : wb * b[i]);
                int q = (int) Math.floor(anchor + dev + 0.5f);
                out[i] = (byte) (q < 0 ? 0 : Math.min(255, q));
            }
            planes[p] = out;
        }
        return new Frame(w, h, planes[0], planes[1], planes[2]);
    }
}
