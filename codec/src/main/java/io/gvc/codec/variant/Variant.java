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

    /** Whether consecutive GOPs share their boundary frame (FLF2V and I2V) or tile the video (T2V). */
    public boolean sharesBoundary() {
        return this != T2V;
    }
}
