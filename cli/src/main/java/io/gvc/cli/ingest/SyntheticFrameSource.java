package io.gvc.cli.ingest;

import io.gvc.codec.frame.Frame;
import io.gvc.codec.frame.VideoFormat;
import io.gvc.scene.SyntheticScene;

/** The synthetic scene as a {@link FrameSource}: each frame rendered when asked for. */
record SyntheticFrameSource(VideoFormat format, long frameCount, long seed) implements FrameSource {

    SyntheticFrameSource {
        if (frameCount < 1 || frameCount - 1 > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("a synthetic stream has 1.." + (1L + Integer.MAX_VALUE)
                    + " frames, got " + frameCount);
        }
        SyntheticScene.frame(format.width(), format.height(), 0, seed); // fail now on an odd size, not mid-stream
    }

    @Override
    public Frame frame(long index) {
        if (index < 0 || index >= frameCount) {
            throw new IndexOutOfBoundsException("frame " + index + " of " + frameCount);
        }
        return SyntheticScene.frame(format.width(), format.height(), (int) index, seed);
    }
}
