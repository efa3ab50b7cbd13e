package io.gvc.codec.bitstream;

/**
 * Bounds the parser checks before it allocates anything. A header that claims 10^9 frames or a
 * 2 GB boundary picture is an error, not an OutOfMemoryError. All of them are in docs/bitstream.md.
 */
public final class Limits {

    private Limits() {
    }

    public static final int MAX_GOP_FRAMES = 1024;
    public static final int MAX_SIDE = io.gvc.codec.frame.VideoFormat.MAX_SIDE;
    /**
     * Codebook size K. Decoding an atom costs time in proportion to K (its Gaussian row is drawn from
     * the seeded codebook), so K bounds the time a valid packet can take: at 2^20 a 735-byte file took
     * 20 s and a 22 KB live packet 96 s of a decoder thread; 2^16 keeps every valid packet within 1/16
     * of that, and is 64 times the default (1024).
     */
    public static final int MAX_CODEBOOK = 1 << 16;
    /** Atoms per step and latent frame (M, M_tail): the options, CodecParams, the writer and the reader all use this. */
    public static final int MAX_ATOMS = 4096;
    /** Highest anchor mode code (1: motion-compensated bridge). */
    public static final int MAX_ANCHOR_MODE = 1;
    public static final int MAX_STEPS = 1000;
    public static final int MAX_DOWNSCALE = 64;
    public static final int MAX_STRIDE = 64;
    public static final int MAX_BOUNDARIES = 16;
    public static final int MAX_BOUNDARY_BYTES = 16 << 20;
    public static final int MAX_SIDE_INFO_BYTES = 4096;
    public static final int MAX_RESIDUAL_BYTES = 16 << 20;
    public static final int MAX_ATOM_BYTES = 16 << 20;
    public static final int MAX_PACKET_BYTES = 64 << 20;
    public static final int MAX_PROMPT_BYTES = 4096;
    public static final long MAX_TOTAL_FRAMES = 1L << 31;
    /** Floats per latent frame; the encoder's defaults stay near 10^4, so 2^18 leaves room and bounds memory. */
    public static final int MAX_LATENT_DIM = 1 << 18;

    /** Smallest GOP the reader takes: two frames when GOPs share a boundary frame (FLF2V, I2V), one otherwise. */
    public static int minGopFrames(boolean sharesBoundary) {
        return sharesBoundary ? 2 : 1;
    }

    /**
     * {@code value} when it lies within {@code min..max}; else an IllegalArgumentException whose message
     * names {@code what} (an option or a field), the allowed range and the value, e.g.
     * "--gop must be within 2..1024, got 100000".
     */
    public static long checkRange(String what, long value, long min, long max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(what + " must be within " + min + ".." + max + ", got " + value);
        }
        return value;
    }

    /** {@code prompt} when its UTF-8 form fits {@link #MAX_PROMPT_BYTES}; else an IllegalArgumentException naming {@code what}. */
    public static String checkPrompt(String what, String prompt) {
        int bytes = prompt == null ? 0 : prompt.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
        if (bytes > MAX_PROMPT_BYTES) {
            throw new IllegalArgumentException(what + " must be at most " + MAX_PROMPT_BYTES + " bytes of UTF-8, got "
                    + bytes);
        }
        return prompt;
    }
}
