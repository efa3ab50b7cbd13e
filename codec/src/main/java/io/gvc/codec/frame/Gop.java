package io.gvc.codec.frame;

import java.util.List;

/**
 * A group of pictures as the encoder sees it: consecutive frames of one stream, starting at
 * {@code firstFrame} in display order. In FLF2V and I2V consecutive GOPs overlap by one frame (the
 * shared boundary), so GOP k starts at k * (F - 1).
 */
public record Gop(long seq, long firstFrame, List<Frame> frames) {

    public Gop {
        if (seq < 0 || firstFrame < 0) {
            throw new IllegalArgumentException("GOP seq and first frame must be >= 0");
        }
        frames = List.copyOf(frames);
        if (frames.isEmpty()) {
            throw new IllegalArgumentException("a GOP needs at least one frame");
        }
    }

    public int size() {
        return frames.size();
    }

    public Frame frame(int i) {
        return frames.get(i);
    }
}
