package io.gvc.kafka.formats;

import io.gvc.codec.frame.Frame;
import io.gvc.codec.frame.Gop;
import io.gvc.codec.frame.VideoFormat;

import java.util.List;

/**
 * One GOP of captured pictures as it travels on {@code gvc.raw-gops}, keyed by stream id.
 *
 * @param streamId          the stream, 1..255 UTF-8 bytes; also the record key
 * @param gopSeq            GOP number within the stream, from 0
 * @param firstFrameIndex   display index of the first frame within the stream
 * @param captureTimeMicros capture time of the first frame, microseconds since the epoch
 * @param fpsNum            frame rate numerator
 * @param fpsDen            frame rate denominator
 * @param width             picture width (all frames)
 * @param height            picture height (all frames)
 * @param frames            1..1024 I420 frames of width x height, in display order
 */
public record RawGop(String streamId, long gopSeq, long firstFrameIndex, long captureTimeMicros,
                     int fpsNum, int fpsDen, int width, int height, List<Frame> frames) {

    public RawGop {
        Limits.checkStreamId(streamId);
        Limits.checkNonNegative("gopSeq", gopSeq);
        Limits.checkNonNegative("firstFrameIndex", firstFrameIndex);
        Limits.checkNonNegative("captureTimeMicros", captureTimeMicros);
        if (fpsNum <= 0 || fpsDen <= 0) {
            throw new IllegalArgumentException("frame rate must be positive, got " + fpsNum + "/" + fpsDen);
        }
        Limits.checkPicture(width, height);
        frames = Limits.checkFrames(frames, width, height);
    }

    /** A raw GOP from the codec's own types. */
    public static RawGop of(String streamId, VideoFormat format, Gop gop, long captureTimeMicros) {
        return new RawGop(streamId, gop.seq(), gop.firstFrame(), captureTimeMicros, format.fpsNum(),
                format.fpsDen(), format.width(), format.height(), gop.frames());
    }

    public int frameCount() {
        return frames.size();
    }

    public VideoFormat format() {
        return new VideoFormat(width, height, fpsNum, fpsDen);
    }

    public Gop toGop() {
        return new Gop(gopSeq, firstFrameIndex, frames);
    }
}
