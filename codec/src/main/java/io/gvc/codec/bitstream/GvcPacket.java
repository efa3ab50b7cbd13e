package io.gvc.codec.bitstream;

import java.util.List;

/**
 * One coded GOP: everything a decoder needs besides the boundary frame(s) it shares with earlier
 * GOPs. See docs/bitstream.md for the byte layout.
 *
 * @param frameCount    picture frames the GOP spans (including a shared first frame)
 * @param m             atoms per step and latent frame
 * @param mTail         atoms per step for I2V tail latent frames (= m otherwise)
 * @param tailLatentFrames how many latent frames at the end get mTail
 * @param anchorMode    code of the GOP's {@code AnchorMode} (0 cross-fade, 1 motion-compensated bridge, 2 and 3 the bridge showing
 *                      the first or the last keyframe's side where its sides disagree)
 * @param deviationScale the fidelity knob: scale of the generated deviation for luma and chroma, each
 *                      0..16 in 16ths ({@code LatentSynthesis.fitScale})
 * @param boundaries    boundary pictures carried by this packet (intra, or predicted from the first frame)
 * @param prompt        T2V prompt ("" otherwise)
 * @param priorSide     the prior's side information (Gaussian gains)
 * @param tailResidual  I2V coarse residual of the last latent frame (empty when off)
 * @param atomBits      number of valid bits in {@code atoms}
 * @param psnr          the encoder's PSNR per plane (Y, U, V) over the frames this GOP outputs, in quarter dB
 * @param bridgeOffsets the bridged frames' offsets ({@code BridgeOffsets}), (x, y) in luma
 *                      pixels per GOP position, or empty for none (version 6)
 */
public record GvcPacket(long gopSeq, long firstFrame, int frameCount, CodingConfig config, int m, int mTail,
                        int tailLatentFrames, int anchorMode, int[] deviationScale, List<BoundaryPicture> boundaries, String prompt, byte[] priorSide,
                        byte[] tailResidual, long atomBits, byte[] atoms, EncoderPsnr psnr, int[] bridgeOffsets) {

    /** A packet without bridge offsets. */
    public GvcPacket(long gopSeq, long firstFrame, int frameCount, CodingConfig config, int m, int mTail,
                     int tailLatentFrames, int anchorMode, int[] deviationScale, List<BoundaryPicture> boundaries,
                     String prompt, byte[] priorSide, byte[] tailResidual, long atomBits, byte[] atoms, EncoderPsnr psnr) {
        this(gopSeq, firstFrame, frameCount, config, m, mTail, tailLatentFrames, anchorMode, deviationScale, boundaries,
                prompt, priorSide, tailResidual, atomBits, atoms, psnr, new int[0]);
    }

    public GvcPacket {
        if (bridgeOffsets.length != 0 && bridgeOffsets.length != 2 * frameCount) {
            throw new IllegalArgumentException("bridge offsets: " + bridgeOffsets.length + " values for a GOP of "
                    + frameCount + " frames (none, or an x and a y per position)");
        }
        bridgeOffsets = bridgeOffsets.clone();
        if (deviationScale.length != 2) {
            throw new IllegalArgumentException("a deviation scale for luma and for chroma, got "
                    + deviationScale.length + " values");
        }
        deviationScale = deviationScale.clone();
        boundaries = List.copyOf(boundaries);
        priorSide = priorSide.clone();
        tailResidual = tailResidual.clone();
        atoms = atoms.clone();
        java.util.Objects.requireNonNull(psnr, "psnr");
        prompt = prompt == null ? "" : prompt;
    }

    /**
     * Whether the GOP has a generated part: atoms, a deviation added to its anchors, an I2V residual
     * or tail latent frames, or the prior's side information. Without one its output is its anchors
     * (keyframes and bridge) as they are, and a decoder runs no trajectory; the packet then carries
     * none of those fields (version 8).
     */
    public boolean generates() {
        return m > 0 || mTail > 0 || tailLatentFrames > 0 || deviationScale[0] > 0 || deviationScale[1] > 0
                || priorSide.length > 0 || tailResidual.length > 0 || atomBits > 0;
    }

    /** The bridge offsets (a copy): (x, y) per GOP position, or empty for none. */
    @Override
    public int[] bridgeOffsets() {
        return bridgeOffsets.clone();
    }

    /** Per GOP position, whether it is a keyframe: the first frame (own or shared) or a boundary picture's. */
    public boolean[] keyframePositions() {
        return keyframePositions(frameCount, boundaries);
    }

    /** {@link #keyframePositions()} of a GOP of {@code frames} frames carrying {@code boundaries} (the reader's view). */
    static boolean[] keyframePositions(int frames, List<BoundaryPicture> boundaries) {
        boolean[] k = new boolean[frames];
        k[0] = true;
        for (BoundaryPicture b : boundaries) {
            k[b.position()] = true;
        }
        return k;
    }

    /** Bytes of boundary pictures in this packet. */
    public long boundaryBytes() {
        long n = 0;
        for (BoundaryPicture b : boundaries) {
            n += b.data().length;
        }
        return n;
    }

    public BoundaryPicture boundaryAt(int position) {
        for (BoundaryPicture b : boundaries) {
            if (b.position() == position) {
                return b;
            }
        }
        return null;
    }
}
