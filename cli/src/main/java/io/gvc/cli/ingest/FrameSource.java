package io.gvc.cli.ingest;

import io.gvc.codec.frame.Frame;
import io.gvc.codec.frame.Video;
import io.gvc.codec.frame.VideoFormat;

/**
 * Where a stream's pictures come from: a video in memory, the synthetic scene rendered on demand,
 * or anything else that can hand out frame i. {@link GopPublisher} asks for each frame once, in
 * display order (a boundary frame shared by two GOPs is asked for once), so a source may render or
 * decode lazily and keep nothing.
 */
public interface FrameSource {

    VideoFormat format();

    /** Number of frames, at least 1. */
    long frameCount();

    /** Frame {@code index}, 0 <= index < frameCount(), of size format().width() x height(). */
    Frame frame(long index);

    /** The frames of a video already in memory. */
    static FrameSource of(Video video) {
        return new VideoFrameSource(video);
    }

    /**
     * {@code frames} frames of {@link io.gvc.scene.SyntheticScene} for {@code seed}, rendered
     * when asked for (memory does not grow with the length, so a long live feed is fine).
     */
    static FrameSource synthetic(int width, int height, int fpsNum, int fpsDen, long frames, long seed) {
        return new SyntheticFrameSource(new VideoFormat(width, height, fpsNum, fpsDen), frames, seed);
    }
}
