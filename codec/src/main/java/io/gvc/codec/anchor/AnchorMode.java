package io.gvc.codec.anchor;

/**
 * How the frames between a GOP's two boundary pictures are anchored (FLF2V); one byte per packet,
 * chosen by the encoder per GOP ({@link io.gvc.codec.rate.AnchorDecision}).
 */
public enum AnchorMode {
    /** The linear cross-fade of the two boundaries: right where nothing moves, a ghost where things do. */
    CROSS_FADE(0),
    /** The motion-compensated bridge ({@link io.gvc.codec.motion.MotionBridge}) both sides compute from the boundaries. */
    MOTION_BRIDGE(1);

    private final int code;

    AnchorMode(int code) {
        this.code = code;
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
