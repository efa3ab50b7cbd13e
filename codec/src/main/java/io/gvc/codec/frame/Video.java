package io.gvc.codec.frame;

import java.util.List;

/** A whole decoded sequence in memory: its format and its frames in display order. */
public record Video(VideoFormat format, List<Frame> frames) {

    public Video {
        frames = List.copyOf(frames);
        for (int i = 0; i < frames.size(); i++) {
            Frame f = frames.get(i);
            if (f.width() != format.width() || f.height() != format.height()) {
                throw new IllegalArgumentException("frame " + i + " is " + f.width() + "x" + f.height()
                        + " in a " + format.width() + "x" + format.height() + " video");
            }
        }
    }

    public int frameCount() {
        return frames.size();
    }

    /** The first {@code n} frames (all of them when n exceeds the count). */
    public Video firstFrames(int n) {
        return n >= frames.size() ? this : new Video(format, frames.subList(0, n));
    }
}
