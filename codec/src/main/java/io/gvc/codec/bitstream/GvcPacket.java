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
 * @param sse           encoder's squared error per plane (Y, U, V) over the frames this GOP outputs
 */
public record GvcPacket(long gopSeq, long firstFrame, int frameCount, CodingConfig config, int m, int mTail,
                        int tailLatentFrames, int anchorMode, int[] deviationScale, List<BoundaryPicture> boundaries, String prompt, byte[] priorSide,
                        byte[] tailResidual, long atomBits, byte[] atoms, long[] sse) {

    public GvcPacket {
        if (deviationScale.length != 2) {
            throw new IllegalArgumentException("a deviation scale for luma and for chroma, got "
                    + deviationScale.length + " values");
        }
        deviationScale = deviationScale.clone();
        boundaries = List.copyOf(boundaries);
        priorSide = priorSide.clone();
        tailResidual = tailResidual.clone();
        atoms = atoms.clone();
        sse = sse.clone();
        prompt = prompt == null ? "" : prompt;
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
