package io.gvc.codec.anchor;

import io.gvc.codec.frame.Frame;
import io.gvc.codec.latent.LatentSpace;
import io.gvc.codec.motion.Disagreement;
import io.gvc.codec.motion.MotionBridge;
import io.gvc.codec.motion.MotionField;
import io.gvc.codec.motion.MotionSearch;
import io.gvc.codec.variant.GopLayout;
import io.gvc.codec.variant.Variant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * The anchor of every frame of a GOP: the picture the generated deviation is added to, and its
 * latent, the point the prior's mean and the atoms' steering are measured from. This is the one
 * place that says what a variant is anchored on:
 * <ul>
 *   <li>FLF2V: the {@link AnchorMode} between each two consecutive decoded {@link Keyframes} (the
 *       first frame, any mid-GOP keyframes, the last frame): cross-fade or motion-compensated bridge,
 *       the bridge blending its two sides everywhere or showing one of them where they disagree;
 *   <li>I2V: the first frame, held;
 *   <li>T2V: mid grey (the zero latent).
 * </ul>
 * A keyframe's own position is anchored on its decoded picture, which the output shows as it is
 * ({@link #known}). Encoder and decoder build it from the same decoded pictures, so it is the same
 * to the bit.
 */
public final class GopAnchors {

    private final Frame[] pictures;
    private final float[][] latents;
    private final boolean[] known;

    private GopAnchors(Frame[] pictures, float[][] latents, boolean[] known) {
        this.pictures = pictures;
        this.latents = latents;
        this.known = known;
    }

    /**
     * Anchors for a GOP of {@code layout} between its decoded {@code keyframes}; {@code mode}
     * matters only for FLF2V.
     */
    public static GopAnchors build(GopLayout layout, AnchorMode mode, Keyframes keyframes, LatentSpace space,
                                   int width, int height) {
        return build(layout, mode, keyframes, BridgeOffsets.none(layout.frames()), space, width, height);
    }

    /** {@link #build} with the bridged frames translated by {@code offsets} (modes that move only). */
    public static GopAnchors build(GopLayout layout, AnchorMode mode, Keyframes keyframes, BridgeOffsets offsets,
                                   LatentSpace space, int width, int height) {
        Frame[] pictures = picturesByMode(layout, EnumSet.of(mode), keyframes, offsets, width, height).get(mode);
        return withLatents(layout, keyframes, pictures, space);
    }

    /**
     * The anchor picture of every GOP position, without their latents: what an encoder compares
     * when it chooses the mode ({@code io.gvc.codec.rate.AnchorDecision}), before it pays for the
     * latents of the one it keeps.
     */
    public static Frame[] pictures(GopLayout layout, AnchorMode mode, Keyframes keyframes, int width, int height) {
        return picturesByMode(layout, EnumSet.of(mode), keyframes, width, height).get(mode);
    }

    /**
     * {@link #pictures} for several modes at once: each segment's motion is estimated once and its
     * bridge built once for every mode that moves, which is what the encoder's mode decision needs.
     */
    public static Map<AnchorMode, Frame[]> picturesByMode(GopLayout layout, Set<AnchorMode> modes,
                                                          Keyframes keyframes, int width, int height) {
        return picturesByMode(layout, modes, keyframes, BridgeOffsets.none(layout.frames()), width, height);
    }

    /**
     * {@link #picturesByMode} with the frames between keyframes translated by {@code offsets} in the
     * modes that move (the cross-fade has no motion to correct and ignores them).
     */
    public static Map<AnchorMode, Frame[]> picturesByMode(GopLayout layout, Set<AnchorMode> modes,
                                                          Keyframes keyframes, BridgeOffsets offsets,
                                                          int width, int height) {
        return picturesByMode(layout, modes, keyframes, offsets, width, height, MotionBridge::between);
    }

    /**
     * {@link #picturesByMode(GopLayout, Set, Keyframes, BridgeOffsets, int, int)} with each
     * segment's moving bridge taken from {@code bridges} (first keyframe, last keyframe): an encoder
     * that builds a plan's anchors more than once estimates each field and builds each bridge once. It
     * must give what {@link MotionBridge#between} gives, or the decoder builds other anchors.
     */
    public static Map<AnchorMode, Frame[]> picturesByMode(GopLayout layout, Set<AnchorMode> modes,
                                                          Keyframes keyframes, BridgeOffsets offsets, int width,
                                                          int height, BiFunction<Frame, Frame, MotionBridge> bridges) {
        int n = layout.frames();
        if (offsets.frames() != n) {
            throw new IllegalArgumentException("offsets for " + offsets.frames() + " positions, the GOP has " + n);
        }
        Map<AnchorMode, Frame[]> out = new EnumMap<>(AnchorMode.class);
        for (AnchorMode mode : modes) {
            out.put(mode, new Frame[n]);
        }
        switch (layout.variant()) {
            case FLF2V -> {
                if (n == 1) {
                    out.values().forEach(p -> p[0] = keyframes.first());
                    break;
                }
                // the modes that move share each picture's samples: taken once for all of them
                List<AnchorMode> movingModes = new ArrayList<>();
                List<Disagreement> ways = new ArrayList<>();
                for (AnchorMode mode : modes) {
                    if (mode.moves()) {
                        movingModes.add(mode);
                        ways.add(mode.disagreement());
                    }
                }
                boolean fades = modes.contains(AnchorMode.CROSS_FADE); // the one mode that does not move
                // each segment between two consecutive keyframes is bridged on its own
                for (int i = 0; i + 1 < keyframes.count(); i++) {
                    int a = keyframes.position(i), b = keyframes.position(i + 1);
                    Frame from = keyframes.picture(i), to = keyframes.picture(i + 1);
                    MotionBridge moving = movingModes.isEmpty() ? null : bridges.apply(from, to);
                    MotionBridge still = fades
                            ? new MotionBridge(from, to, MotionField.still(width, height, MotionSearch.BLOCK)) : null;
                    for (Frame[] pictures : out.values()) {
                        pictures[a] = from;
                        pictures[b] = to;
                    }
                    for (int j = a + 1; j < b; j++) {
                        float where = (float) (j - a) / (b - a);
                        if (still != null) {
                            out.get(AnchorMode.CROSS_FADE)[j] = still.at(where, Disagreement.BLEND, 0f, 0f);
                        }
                        if (moving != null) {
                            Frame[] pictures = moving.atEach(where, offsets.x(j), offsets.y(j), ways);
                            for (int k = 0; k < pictures.length; k++) {
                                out.get(movingModes.get(k))[j] = pictures[k];
                            }
                        }
                    }
                }
            }
            case I2V -> out.values().forEach(p -> Arrays.fill(p, keyframes.first()));
            case T2V -> out.values().forEach(p -> Arrays.fill(p, grey(width, height)));
        }
        return out;
    }

    /** Anchors from their pictures ({@link #pictures}): the latent of each coded latent frame's picture. */
    public static GopAnchors withLatents(GopLayout layout, Keyframes keyframes, Frame[] pictures, LatentSpace space) {
        int coded = layout.codedFrames();
        Variant v = layout.variant();
        float[][] latents = new float[coded][];
        for (int f = 0; f < coded; f++) {
            latents[f] = !v.hasFirstKeyframe() ? new float[space.geometry().dim()]
                    : space.encode(pictures[layout.codedPositions()[f]]);
        }
        return new GopAnchors(pictures.clone(), latents, keyframes.known(layout.frames()));
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

    /** Whether GOP position {@code j} is a decoded keyframe, shown as it is rather than generated. */
    public boolean known(int j) {
        return known[j];
    }

    /** Per GOP position, whether it is a decoded keyframe (a copy). */
    public boolean[] known() {
        return known.clone();
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
