package io.gvc.codec.anchor;

import io.gvc.codec.motion.Disagreement;

/**
 * How the frames between a GOP's two boundary pictures are anchored (FLF2V); one byte per packet,
 * chosen by the encoder per GOP ({@link io.gvc.codec.rate.AnchorDecision}).
 */
public enum AnchorMode {
    /** The linear cross-fade of the two boundaries: right where nothing moves, a ghost where things do. */
    CROSS_FADE(0, Disagreement.BLEND),
    /** The motion-compensated bridge ({@link io.gvc.codec.motion.MotionBridge}) both sides compute from the boundaries. */
    MOTION_BRIDGE(1, Disagreement.BLEND),
    /** The bridge, showing the earlier keyframe's side where the two sides disagree (no ghost). */
    MOTION_BRIDGE_SHOW_FIRST(2, Disagreement.SHOW_FIRST),
    /** The bridge, showing the later keyframe's side where the two sides disagree (no ghost). */
    MOTION_BRIDGE_SHOW_LAST(3, Disagreement.SHOW_LAST);

    private final int code;
    private final Disagreement disagreement;

    AnchorMode(int code, Disagreement disagreement) {
        this.code = code;
        this.disagreement = disagreement;
    }

    /** How `gvc info` names the mode. */
    public String label() {
        return switch (this) {
            case CROSS_FADE -> "cross-fade";
            case MOTION_BRIDGE -> "bridge";
            case MOTION_BRIDGE_SHOW_FIRST -> "sharp bridge (first)";
            case MOTION_BRIDGE_SHOW_LAST -> "sharp bridge (last)";
        };
    }

    /** Whether the mode estimates motion between the keyframes (every mode but the cross-fade). */
    public boolean moves() {
        return this != CROSS_FADE;
    }

    /** What the bridge shows where its two sides disagree. */
    public Disagreement disagreement() {
        return disagreement;
    }

    public int code() {
        return code;
    }

    public static AnchorMode fromCode(int code) {
        for (AnchorMode m : values()) {
            if (m.code == code) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown anchor mode " + code);
    }
}
