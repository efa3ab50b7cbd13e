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
    /** Highest anchor mode code (3: the bridge showing the last keyframe where its sides disagree). */
    public static final int MAX_ANCHOR_MODE = 3;
    public static final int MAX_STEPS = 1000;
    public static final int MAX_DOWNSCALE = 64;
    public static final int MAX_STRIDE = 64;
    public static final int MAX_BOUNDARIES = 32;
    public static final int MAX_BOUNDARY_BYTES = 16 << 20;
    public static final int MAX_SIDE_INFO_BYTES = 4096;
    public static final int MAX_RESIDUAL_BYTES = 16 << 20;
    public static final int MAX_ATOM_BYTES = 16 << 20;
    public static final int MAX_PACKET_BYTES = 64 << 20;
    public static final int MAX_PROMPT_BYTES = 4096;
    public static final long MAX_TOTAL_FRAMES = 1L << 31;
    /** Floats per latent frame; the encoder's defaults stay near 10^4, so 2^18 leaves room and bounds memory. */
    public static final int MAX_LATENT_DIM = 1 << 18;

    /** The most segments mid-GOP keyframes may cut a GOP into (a packet holds at most {@link #MAX_BOUNDARIES} pictures). */
    public static final int MAX_SEGMENTS = 8;
    /** The largest bridge offset either way, in luma pixels (version 6). */
    public static final int MAX_BRIDGE_OFFSET_PIXELS = 32;
    /** GOPs between intra boundary pictures (the keyframe chain's period). */
    public static final int MAX_INTRA_PERIOD = 1 << 20;
    /** I2V tail latent frames: a u8 field. */
    public static final int MAX_TAIL_LATENT_FRAMES = 255;
    /** Boundary-picture quality, as given to the boundary codec. */
    public static final int MIN_QUALITY = 1;
    public static final int MAX_QUALITY = 100;
    /** Worker threads of one encoder or decoder. */
    public static final int MAX_THREADS = 4096;

    /**
     * Atom work a packet may cost per picture sample it holds (frames x width x height). Decoding a
     * step's atoms of one latent frame unranks the index set (about K steps) and draws M normals per
     * latent value (M x D), so without this bound a small valid packet could ask for hours (1000
     * steps, 1024 frames, M = 4096 at downscale 1). Measured on carphone (176x144, 33 frames): the
     * default encodes (0.03 bpp, M chosen 0..2) cost at most 2.4 per sample; M = 4096 of K = 8192 at
     * the default downscale (2, D = 9504) costs about 6300 and stays within 2^13, while at downscale 1
     * (D = 38016) it would cost about 25300 and is refused. So decode time stays proportional to the
     * picture size, at most about 3000 times the default's.
     */
    public static final long MAX_ATOM_WORK_PER_SAMPLE = 1 << 13;
    /** Atom work every packet may cost whatever its size (a fraction of a second), for tiny pictures. */
    public static final long MIN_ATOM_WORK = 1L << 26;

    /** Values per latent frame as the bounds count them: the DCT latent's geometry at the config's size and downscale. */
    public static long latentDim(CodingConfig c) {
        return io.gvc.codec.latent.DctLatentSpace.geometry(c.format().width(), c.format().height(),
                c.latentDownscale()).dim();
    }

    /** M and M_tail at codebook size {@code k}: at most K and at most {@link #MAX_ATOMS}. */
    public static int maxAtoms(int k) {
        return Math.min(k, MAX_ATOMS);
    }

    /**
     * The atom work of decoding one GOP: for every stochastic step and every coded latent frame with
     * atoms, K for its index set and M x D for its normals ({@code dim} = D, values per latent frame).
     */
    public static long atomWork(io.gvc.codec.variant.GopLayout layout, int stochasticSteps, int k, int m, int mTail,
                                long dim) {
        long perStep = 0;
        for (int f = 0; f < layout.codedFrames(); f++) {
            int atoms = layout.atomsFor(f, m, mTail);
            perStep += atoms == 0 ? 0 : k + atoms * dim;
        }
        return perStep * stochasticSteps;
    }

    /** The most atom work a GOP of {@code frames} pictures of {@code width} x {@code height} may cost. */
    public static long maxAtomWork(int frames, int width, int height) {
        return Math.max(MIN_ATOM_WORK, MAX_ATOM_WORK_PER_SAMPLE * frames * width * height);
    }

    /**
     * Null when a GOP's atom work is within {@link #maxAtomWork}; else why not, naming the settings,
     * for the writer's, the reader's and the options' refusals alike.
     */
    public static String atomWorkRefusal(CodingConfig c, int frames, int m, int mTail, int tailLatentFrames) {
        io.gvc.codec.variant.GopLayout layout = io.gvc.codec.variant.GopLayout.of(c.variant(), frames,
                c.temporalStride(), tailLatentFrames);
        int width = c.format().width(), height = c.format().height();
        // D as the reader can know it, from the header alone: the DCT latent's geometry
        long dim = latentDim(c);
        int stochasticSteps = c.steps() - c.tailSteps(); // the sampler's (TimeGrid): the tail steps draw no atoms
        int k = c.codebookSize();
        long work = atomWork(layout, stochasticSteps, k, m, mTail, dim);
        long max = maxAtomWork(layout.frames(), width, height);
        if (work <= max) {
            return null;
        }
        return "M " + m + (mTail != m ? " / M_tail " + mTail : "") + " at K " + k + " over " + stochasticSteps
                + " stochastic steps and " + layout.codedFrames() + " coded latent frames of " + dim
                + " values costs " + work + " atom draws to decode, above the " + max + " a " + layout.frames()
                + "-frame GOP of " + width + "x" + height + " may cost (" + MAX_ATOM_WORK_PER_SAMPLE
                + " per picture sample, docs/bitstream.md)";
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
