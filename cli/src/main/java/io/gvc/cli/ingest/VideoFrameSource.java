package io.gvc.cli.ingest;

import io.gvc.codec.frame.Frame;
import io.gvc.codec.frame.Video;
import io.gvc.codec.frame.VideoFormat;

/** A video in memory as a {@link FrameSource}. */
record VideoFrameSource(Video video) implements FrameSource {

    VideoFrameSource {
        if (video.frameCount() == 0) {
            throw new IllegalArgumentException("the video has no frames");
        }
    }

    @Override
    public VideoFormat format() {
        return video.format();
    }

    @Override
    public long frameCount() {
        return video.frameCount();
    }

    @Override
    public Frame frame(long index) {
        if (index < 0 || index >= video.frameCount()) {
            throw new IndexOutOfBoundsException("frame " + index + " of " + video.frameCount());
        }
        return video.frames().get((int) index);
    }
}
