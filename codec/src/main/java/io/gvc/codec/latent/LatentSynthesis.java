package io.gvc.codec.latent;

import io.gvc.codec.frame.Frame;
import io.gvc.codec.variant.GopLayout;
import io.gvc.codec.variant.Variant;

/**
 * Latent back to pictures, the last stage of decoding. Each picture frame j is
 * <pre>
 *   frame_j = anchor_j + lowpass deviation_j
 * </pre>
 * where the anchor is the full-resolution picture {@code GopAnchors} gives (the cross-fade or the
 * motion-compensated bridge for FLF2V, the first frame for I2V, grey for T2V) and the deviation is
 * the inverse transform of (x0 - anchor latent) at the latent frames, linearly interpolated in time
 * between them and zero at known boundary frames. So the detail the latent cannot hold comes from
 * the boundaries through the anchor, and the generated part is what the atoms paid for.
 */
public final class LatentSynthesis {

    private final LatentSpace space;

    public LatentSynthesis(LatentSpace space) {
        this.space = space;
    }

    /**
     * The GOP's pictures.
     *
     * @param anchorPictures the anchor picture of every GOP position ({@code io.gvc.codec.anchor.GopAnchors})
     * @param anchorLatents  the anchor latent of every coded latent frame
     * @param first   decoded first frame (FLF2V, I2V) or null
     * @param last    decoded last frame (FLF2V) or null
     * @param x0      final latents of the coded latent frames
     */
    public Frame[] synthesise(GopLayout layout, Frame[] anchorPictures, float[][] anchorLatents, Frame first, Frame last,
                              float[][] x0) {
        int n = layout.frames();
        // deviation pictures at every latent position; known boundaries have none
        int[] pos = layout.positions();
        float[][][] dev = new float[pos.length][][];
        int coded = 0;
        for (int i = 0; i < pos.length; i++) {
            if (coded < layout.codedFrames() && layout.codedPositions()[coded] == pos[i]) {
                dev[i] = space.deviationPixels(x0[coded], anchorLatents[coded]);
                coded++;
            }
        }
        Frame[] out = new Frame[n];
        int seg = 0; // pos[seg] <= j < pos[seg + 1], or j is the last position
        for (int j = 0; j < n; j++) {
            boolean knownFirst = j == 0 && layout.variant() != Variant.T2V;
            boolean knownLast = j == n - 1 && n > 1 && layout.variant() == Variant.FLF2V;
            if (knownFirst || knownLast) {
                out[j] = knownFirst ? first : last; // boundary frames are the decoded pictures themselves
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
            out[j] = compose(anchorPictures[j], da, db, wb);
        }
        return out;
    }

    private static Frame compose(Frame anchor, float[][] da, float[][] db, float wb) {
        byte[][] planes = new byte[3][];
        for (int p = 0; p < 3; p++) {
            byte[] base = anchor.plane(p);
            float[] a = da == null ? null : da[p], b = db == null ? null : db[p];
            byte[] out = new byte[base.length];
            for (int i = 0; i < out.length; i++) {
                float dev = (a == null ? 0f : (1f - wb) * a[i]) + (b == null ? 0f : wb * b[i]);
                int q = (int) Math.floor((base[i] & 0xFF) + dev + 0.5f);
                out[i] = (byte) (q < 0 ? 0 : Math.min(255, q));
            }
            planes[p] = out;
        }
        return new Frame(anchor.width(), anchor.height(), planes[0], planes[1], planes[2]);
    }
}
