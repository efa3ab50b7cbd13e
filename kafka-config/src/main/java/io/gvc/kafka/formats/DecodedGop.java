package io.gvc.kafka.formats;

import io.gvc.codec.frame.Frame;

import java.util.List;

/**
 * One decoded GOP as it travels on {@code gvc.decoded}, keyed by stream id, in stream order once
 * the reorderer has put it back.
 *
 * @param streamId             the stream, 1..255 UTF-8 bytes; also the record key
 * @param gopSeq               GOP number within the stream, from 0
 * @param firstFrameIndex      display index of the first frame within the stream
 * @param captureTimeMicros    capture time of the first frame (copied from the raw GOP), microseconds since the epoch
 * @param decodeFinishedMicros when the decoder finished this GOP, microseconds since the epoch
 * @param width                picture width (all frames)
 * @param height               picture height (all frames)
 * @param frames               1..1024 I420 frames of width x height, in display order
 */
public record DecodedGop(String streamId, long gopSeq, long firstFrameIndex, long captureTimeMicros,
                         long decodeFinishedMicros, int width, int height, List<Frame> frames) {

    public DecodedGop {
        Limits.checkStreamId(streamId);
        Limits.checkNonNegative("gopSeq", gopSeq);
        Limits.checkNonNegative("firstFrameIndex", firstFrameIndex);
        Limits.checkNonNegative("captureTimeMicros", captureTimeMicros);
        Limits.checkNonNegative("decodeFinishedMicros", decodeFinishedMicros);
        Limits.checkPicture(width, height);
        frames = Limits.checkFrames(frames, width, height);
    }

    public int frameCount() {
        return frames.size();
    }

    /** Capture-to-decoded latency in microseconds (meaningful when both clocks agree). */
    public long latencyMicros() {
        return decodeFinishedMicros - captureTimeMicros;
    }
}
