package io.gvc.codec.intra;

import io.gvc.codec.bitstream.BitstreamException;
import io.gvc.codec.frame.Frame;

/**
 * A predictive boundary codec that can also code a <em>between</em> picture (a B picture): a frame
 * that lies between two keyframes of the chain, predicted from both of them. Codec v12 puts such
 * pictures where the motion-compensated bridge loses most (the middle of a segment): a between
 * picture costs a fraction of a predicted one, because both its references are close in time, and
 * nothing in the chain predicts from it, so it may be coded coarser than the chain's pictures.
 *
 * <p>Contract as for {@link IntraCodec}: {@link #decodeBetween} is deterministic, and the encoder's
 * own decode of its output is what every decoder gets.
 */
public interface BidirectionalCodec extends PredictiveCodec {

    /**
     * Codes {@code frame} predicted from {@code past} (the chain keyframe before it) and
     * {@code future} (the chain keyframe after it), all three of one size; quality as for intra.
     */
    byte[] encodeBetween(Frame past, Frame future, Frame frame, int quality);

    /** Decodes bytes written by {@link #encodeBetween} given the same two references and the quality they were coded at. */
    Frame decodeBetween(byte[] data, Frame past, Frame future, int quality, int width, int height)
            throws BitstreamException;
}
