package io.gvc.codec.variant;

/** What conditions a GOP, and so what side information travels with it (GVC-ALGORITHM.md section 4). */
public enum Variant {
    /** First and last frame condition the GOP; the last frame is the next GOP's first. Main mode. */
    FLF2V(1),
    /** First frame conditions the GOP; the tail latent frames get extra atoms. */
    I2V(2),
    /** Only a text prompt; every latent frame is coded by atoms. */
    T2V(3);

    private final int code;

    Variant(int code) {
        this.code = code;
    }

    /** The byte written into the bitstream. */
    public int code() {
        return code;
    }

    public static Variant fromCode(int code) {
        for (Variant v : values()) {
            if (v.code == code) {
                return v;
            }
        }
        throw new IllegalArgumentException("unknown variant code " + code);
    }

    /** Parses the CLI spelling (flf2v, i2v, t2v), case-insensitive. */
    public static Variant parse(String s) {
        try {
            return valueOf(s.trim().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown variant '" + s + "' (flf2v, i2v or t2v)");
        }
    }

    /*
     * The variant's rules, in one place: the layout, the encoder, the decoder and the reader ask
     * these rather than comparing variants themselves.
     */

    /** Whether consecutive GOPs share their boundary frame (FLF2V and I2V) or tile the video (T2V). */
    public boolean sharesBoundary() {
        return this != T2V;
    }

    /** Smallest GOP: two frames when GOPs share a boundary frame (each GOP advances by F - 1), one otherwise. */
    public int minGopFrames() {
        return sharesBoundary() ? 2 : 1;
    }

    /**
     * Whether a GOP starts from a keyframe, its own picture or the one it shares with the GOP
     * before (FLF2V, I2V); a T2V GOP starts from nothing but its prompt.
     */
    public boolean hasFirstKeyframe() {
        return this != T2V;
    }

    /**
     * Whether a GOP of two or more frames carries its last frame as a keyframe (FLF2V); I2V
     * generates its last frame and T2V has no keyframe.
     */
    public boolean hasLastKeyframe() {
        return this == FLF2V;
    }

    /**
     * Whether a GOP may carry keyframes after its first frame: its last one and ones cut in between
     * (mid-GOP keyframes, {@code KeyframePlans}). Only where the last frame is a keyframe can a
     * segment end on one.
     */
    public boolean hasLaterKeyframes() {
        return hasLastKeyframe();
    }

    /**
     * Whether the latent frame at picture {@code position} of a GOP of {@code frames} frames is known
     * from a keyframe, and so carries no atoms: the first (FLF2V, I2V) and the last (FLF2V).
     */
    public boolean knowsLatentAt(int position, int frames) {
        return position == 0 && hasFirstKeyframe() || position == frames - 1 && hasLastKeyframe();
    }

    /** Whether the stream's text prompt travels in the packets (T2V); other variants send "". */
    public boolean carriesPrompt() {
        return this == T2V;
    }

    /**
     * Whether a GOP's last coded latent frames are tail frames with their own atom count M_tail
     * (I2V, whose last frames drift furthest from its only keyframe); the others have none.
     */
    public boolean hasTailLatentFrames() {
        return this == I2V;
    }

    /** How many of a GOP's {@code codedFrames} coded latent frames are tail frames when {@code requested} are asked for. */
    public int tailLatentFrames(int requested, int codedFrames) {
        return hasTailLatentFrames() ? Math.min(requested, codedFrames) : 0;
    }

    /**
     * Whether a GOP may carry a coarse residual of its last latent frame (I2V, {@code --tail-residual}):
     * the frame the next GOP starts from, generated rather than coded as a keyframe.
     */
    public boolean allowsTailResidual() {
        return this == I2V;
    }

    /**
     * Whether the encoder codes a GOP again without atoms when they bought nothing the luma keeps
     * (its deviation scale fitted to 0): FLF2V and T2V. I2V keeps its atoms, as it has since the rule
     * came in (commit 1ea3395).
     */
    public boolean dropsAtomsTheLumaRejects() {
        return this != I2V;
    }

    /**
     * Whether a GOP of {@code frames} frames chooses its anchor between the cross-fade and the
     * motion-compensated bridge (and among keyframe plans): only between two keyframes (FLF2V) with a
     * frame in between to bridge.
     */
    public boolean choosesAnchor(int frames) {
        return hasLastKeyframe() && frames >= 3;
    }
}
