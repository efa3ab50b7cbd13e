package io.gvc.operators.types;

import io.gvc.codec.frame.Frame;
import io.gvc.operators.order.ChainedResult;
import java.util.List;

/**
 * A decoder's result for one packet, on its way to the reorderer. A packet the decoder could not
 * decode still yields one (with {@code failure} set and no frames) so the reorderer's chain moves on.
 *
 * @param frames      the frames this GOP adds to the stream (without the shared first frame)
 * @param decodeNanos time spent generating this GOP
 * @param failure     empty on success; else why decoding failed (the packet went to the dead letters)
 */
public record DecodedEnvelope(String streamId, long gopSeq, long previousSeq, long firstFrameIndex,
                              long captureTimeMicros, long decodeFinishedMicros, long decodeNanos, int width,
                              int height, List<Frame> frames, String concealment, String failure)
        implements ChainedResult {

    public DecodedEnvelope {
        frames = List.copyOf(frames);
        concealment = concealment == null ? "" : concealment;
        failure = failure == null ? "" : failure;
    }

    @Override
    public boolean failed() {
        return !failure.isEmpty();
    }
}
