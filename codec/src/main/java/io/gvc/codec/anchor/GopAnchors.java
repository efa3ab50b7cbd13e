package io.gvc.codec.anchor;

import io.gvc.codec.frame.Frame;
import io.gvc.codec.latent.LatentSpace;
import io.gvc.codec.motion.MotionBridge;
import io.gvc.codec.motion.MotionField;
import io.gvc.codec.motion.MotionSearch;
import io.gvc.codec.variant.GopLayout;
import io.gvc.codec.variant.Variant;
import java.util.Arrays;

/**
 * The anchor of every frame of a GOP: the picture the generated deviation is added to, and its
 * latent, the point the prior's mean and the atoms' steering are measured from. This is the one
 * place that says what a variant is anchored on:
 * <ul>
 *   <li>FLF2V: the {@link AnchorMode} between the decoded first and last frames (cross-fade or
 *       motion-compensated bridge);
 *   <li>I2V: the first frame, held;
 *   <li>T2V: mid grey (the zero latent).
 * </ul>
 * Encoder and decoder build it from the same decoded pictures, so it is the same to the bit.
 */
public final class GopAnchors {

    private final Frame[] pictures;
    private final float[][] latents;

    private GopAnchors(Frame[] pictures, float[][] latents) {
        this.pictures = pictures;
        this.latents = latents;
    }

    /**
     * Anchors for a GOP of {@code layout}. {@code first} / {@code last} are the decoded boundary
     * pictures (null where the variant has none); {@code mode} matters only for FLF2V.
     */
    public static GopAnchors build(GopLayout layout, AnchorMode mode, Frame first, Frame last, LatentSpace space,
                                   int width, int height) {
        return withLatents(layout, pictures(layout, mode, first, last, width, height), space);
    }

    /**
     * The anchor picture of every GOP position, without their latents: what an encoder compares
     * when it chooses the mode ({@code io.gvc.codec.rate.AnchorDecision}), before it pays for the
     * latents of the one it keeps.
     */
    public static Frame[] pictures(GopLayout layout, AnchorMode mode, Frame first, Frame last, int width, int height) {
        int n = layout.frames();
        Variant v = layout.variant();
        Frame[] pictures = new Frame[n];
        MotionBridge bridge = null;
        if (v == Variant.FLF2V && n > 1) {
            MotionField field = mode == AnchorMode.MOTION_BRIDGE
                    ? MotionSearch.estimate(first.plane(0), last.plane(0), width, height)
                    : MotionField.still(width, height, MotionSearch.BLOCK);
            bridge = new MotionBridge(first, last, field);
        }
        Frame grey = v == Variant.T2V ? grey(width, height) : null;
        for (int j = 0; j < n; j++) {
            pictures[j] = switch (v) {
                case FLF2V -> bridge == null ? first : bridge.at(n == 1 ? 0f : (float) j / (n - 1));
                case I2V -> first;
                case T2V -> grey;
            };
        }
        return pictures;
    }

    /** Anchors from their pictures ({@link #pictures}): the latent of each coded latent frame's picture. */
    public static GopAnchors withLatents(GopLayout layout, Frame[] pictures, LatentSpace space) {
        int coded = layout.codedFrames();
        Variant v = layout.variant();
        float[][] latents = new float[coded][];
        for (int f = 0; f < coded; f++) {
            latents[f] = v == Variant.T2V ? new float[space.geometry().dim()]
                    : space.encode(pictures[layout.codedPositions()[f]]);
        }
        return new GopAnchors(pictures.clone(), latents);
    }

    private static Frame grey(int w, int h) {
        byte[] y = new byte[w * h];
        byte[] u = new byte[Frame.chromaWidth(w) * Frame.chromaHeight(h)];
        byte[] c = new byte[u.length];
        Arrays.fill(y, (byte) 128);
        Arrays.fill(u, (byte) 128);
        Arrays.fill(c, (byte) 128);
        return new Frame(w, h, y, u, c);
    }

    /** The anchor picture at GOP position {@code j}. */
    public Frame picture(int j) {
        return pictures[j];
    }

    /** The anchor latent of coded latent frame {@code f} (a copy). */
    public float[] latent(int f) {
        return latents[f].clone();
    }

    /** Every GOP position's anchor picture (the array is a copy; frames are immutable). */
    public Frame[] pictures() {
        return pictures.clone();
    }

    /** All anchor latents, one per coded latent frame (copies). */
    public float[][] latents() {
        float[][] out = new float[latents.length][];
        for (int f = 0; f < out.length; f++) {
            out[f] = latents[f].clone();
        }
        return out;
    }
}
