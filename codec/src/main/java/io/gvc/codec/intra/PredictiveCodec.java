package io.gvc.codec.intra;

import io.gvc.codec.bitstream.BitstreamException;
import io.gvc.codec.frame.Frame;

/**
 * A boundary codec that can also code a picture predicted from a reference picture both sides
 * already hold: the GOP's first frame, so that the boundaries of a stream form a low-frame-rate
 * video with inter prediction instead of a series of stills.
 *
 * <p>Contract as for {@link IntraCodec}: {@link #decodePredicted} is deterministic, and the
 * encoder's own decode of its output is what every decoder gets.
 */
public interface PredictiveCodec extends IntraCodec {

    /** Codes {@code frame} as a prediction from {@code reference} (same size); quality as for intra. */
    byte[] encodePredicted(Frame reference, Frame frame, int quality);

    /**
     * Decodes bytes written by {@link #encodePredicted} given the same reference picture and the
     * quality they were coded at (the boundary's quality field carries it, so a payload need not).
     */
    Frame decodePredicted(byte[] data, Frame reference, int quality, int width, int height) throws BitstreamException;
}
