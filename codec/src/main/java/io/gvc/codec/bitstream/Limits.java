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
    public static final int MAX_CODEBOOK = 1 << 20;
    public static final int MAX_ATOMS = 4096;
    public static final int MAX_STEPS = 1000;
    public static final int MAX_DOWNSCALE = 64;
    public static final int MAX_STRIDE = 64;
    public static final int MAX_BOUNDARIES = 2;
    public static final int MAX_BOUNDARY_BYTES = 16 << 20;
    public static final int MAX_SIDE_INFO_BYTES = 4096;
    public static final int MAX_RESIDUAL_BYTES = 16 << 20;
    public static final int MAX_ATOM_BYTES = 16 << 20;
    public static final int MAX_PACKET_BYTES = 64 << 20;
    public static final int MAX_PROMPT_BYTES = 4096;
    public static final long MAX_TOTAL_FRAMES = 1L << 31;
    /** Floats per latent frame; the encoder's defaults stay near 10^4, so 2^18 leaves room and bounds memory. */
    public static final int MAX_LATENT_DIM = 1 << 18;
}
