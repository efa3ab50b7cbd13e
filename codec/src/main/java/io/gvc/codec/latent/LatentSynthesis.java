package io.gvc.codec.latent;

import io.gvc.codec.frame.Frame;
import io.gvc.codec.variant.GopLayout;

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

    /** Steps of the deviation scale: a scale is {@code q / SCALE_STEPS}, q in 0..SCALE_STEPS. */
    public static final int SCALE_STEPS = 16;

    /**
     * The GOP's pictures.
     *
     * @param anchorPictures the anchor picture of every GOP position ({@code io.gvc.codec.anchor.GopAnchors})
     * @param anchorLatents  the anchor latent of every coded latent frame
     * @param known   per GOP position, whether it is a decoded keyframe, shown as its anchor picture
     *                (which is that keyframe) instead of generated
     * @param x0      final latents of the coded latent frames
     * @param scale   the deviation scale per plane class, luma and chroma, each 0..{@link #SCALE_STEPS}
     *                ({@link #fitScale}): SCALE_STEPS adds the generated deviation whole, 0 leaves
     *                the anchor
     */
    public Frame[] synthesise(GopLayout layout, Frame[] anchorPictures, float[][] anchorLatents, boolean[] known,
                              float[][] x0, int[] scale) {
        Frame[] out = new Frame[layout.frames()];
        for (int j = 0; j < out.length; j++) {
            if (known[j]) {
                out[j] = anchorPictures[j];
            }
        }
        eachGeneratedFrame(layout, anchorLatents, known, x0,
                (j, da, db, wb) -> out[j] = compose(anchorPictures[j], da, db, wb, scale));
        return out;
    }

    /**
     * The fidelity knob, measured by the encoder: the scale of the generated deviation that brings
     * the pictures closest (least squares) to the truth, per plane class, clamped to [0, 1] and
     * quantised. Where the prior and the atoms could not pin the content down, the sample's
     * deviation is mostly sampling noise; scaling it down moves the output toward the posterior
     * mean, the anchor, instead of showing the noise. Where the atoms paid for real detail the
     * scale stays near 1.
     */
    public int[] fitScale(GopLayout layout, Frame[] anchorPictures, float[][] anchorLatents, boolean[] known,
                          float[][] x0, java.util.function.IntFunction<Frame> truth) {
        double[] dr = new double[2], dd = new double[2];
        eachGeneratedFrame(layout, anchorLatents, known, x0, (j, da, db, wb) -> {
            Frame t = truth.apply(j), a = anchorPictures[j];
            for (int p = 0; p < 3; p++) {
                byte[] tp = t.plane(p), ap = a.plane(p);
                float[] xa = da == null ? null : da[p], xb = db == null ? null : db[p];
                int c = p == 0 ? 0 : 1;
                for (int i = 0; i < tp.length; i++) {
                    float d = (xa == null ? 0f : (1f - wb) * xa[i]) + (xb == null ? 0f : wb * xb[i]);
                    double r = (tp[i] & 0xFF) - (ap[i] & 0xFF);
                    dr[c] += d * r;
                    dd[c] += (double) d * d;
                }
            }
        });
        int[] q = new int[2];
        for (int c = 0; c < 2; c++) {
            double scale = dd[c] > 0 ? dr[c] / dd[c] : 0;
            q[c] = (int) Math.round(Math.max(0, Math.min(1, scale)) * SCALE_STEPS);
        }
        q[0] = structuralLumaScale(layout, anchorPictures, anchorLatents, known, x0, truth, q[0]);
        return q;
    }

    /** Luma scales the structural check tries, at most the least-squares one. */
    private static final int[] LUMA_CANDIDATES = {0, 4, 8, 12, 16};

    /**
     * The least-squares scale is the posterior mean's: right for PSNR, but where the anchor's
     * detail is misplaced (fast motion) a low-pass correction on top of it measures closer and looks
     * worse (double edges, smear). So the luma scale is the one, at most the least-squares one,
     * whose pictures have the best mean SSIM against the truth: structure, not only energy.
     */
    private int structuralLumaScale(GopLayout layout, Frame[] anchorPictures, float[][] anchorLatents, boolean[] known,
                                    float[][] x0,
                                    java.util.function.IntFunction<Frame> truth, int leastSquares) {
        java.util.List<Integer> candidates = new java.util.ArrayList<>();
        for (int c : LUMA_CANDIDATES) {
            if (c < leastSquares) {
                candidates.add(c);
            }
        }
        candidates.add(leastSquares);
        double[] ssim = new double[candidates.size()];
        eachGeneratedFrame(layout, anchorLatents, known, x0, (j, da, db, wb) -> {
            Frame t = truth.apply(j), a = anchorPictures[j];
            byte[] base = a.plane(0);
            byte[] pic = new byte[base.length];
            for (int k = 0; k < candidates.size(); k++) {
                float scale = (float) candidates.get(k) / SCALE_STEPS;
                for (int i = 0; i < pic.length; i++) {
                    float d = (da == null ? 0f : (1f - wb) * da[0][i]) + (db == null ? 0f : wb * db[0][i]);
                    int v = (int) Math.floor((base[i] & 0xFF) + scale * d + 0.5f);
                    pic[i] = (byte) (v < 0 ? 0 : Math.min(255, v));
                }
                ssim[k] += io.gvc.codec.metrics.Ssim.ssim(t.plane(0), pic, a.width(), a.height());
            }
        });
        int best = candidates.size() - 1; // ties go to the larger scale: what the atoms paid for
        for (int k = candidates.size() - 2; k >= 0; k--) {
            if (ssim[k] > ssim[best]) {
                best = k;
            }
        }
        return candidates.get(best);
    }

    /** Visits every generated frame j with its deviation: (1 - wb) da + wb db, in pixels per plane. */
    private interface FrameVisitor {
        void visit(int j, float[][] da, float[][] db, float wb);
    }

    private void eachGeneratedFrame(GopLayout layout, float[][] anchorLatents, boolean[] known, float[][] x0,
                                    FrameVisitor v) {
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
        int seg = 0; // pos[seg] <= j < pos[seg + 1], or j is the last position
        for (int j = 0; j < n; j++) {
            if (known[j]) {
                continue; // keyframes are the decoded pictures themselves
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
            v.visit(j, da, db, wb);
        }
    }

    private static Frame compose(Frame anchor, float[][] da, float[][] db, float wb, int[] scale) {
        byte[][] planes = new byte[3][];
        for (int p = 0; p < 3; p++) {
            byte[] base = anchor.plane(p);
            float k = (float) scale[p == 0 ? 0 : 1] / SCALE_STEPS;
            float[] a = da == null ? null : da[p], b = db == null ? null : db[p];
            byte[] out = new byte[base.length];
            for (int i = 0; i < out.length; i++) {
                float dev = (a == null ? 0f : (1f - wb) * a[i]) + (b == null ? 0f : wb * b[i]);
                int q = (int) Math.floor((base[i] & 0xFF) + k * dev + 0.5f);
                out[i] = (byte) (q < 0 ? 0 : Math.min(255, q));
            }
            planes[p] = out;
        }
        return new Frame(anchor.width(), anchor.height(), planes[0], planes[1], planes[2]);
    }
}
