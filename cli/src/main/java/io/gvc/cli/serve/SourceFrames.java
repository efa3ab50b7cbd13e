package io.gvc.cli.serve;

import io.gvc.codec.frame.Frame;
import io.gvc.kafka.formats.RawGop;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * One stream's most recent source pictures, from gvc.raw-gops, for the preview's "source beside
 * the decoded stream". Raw GOPs are large (a 1080p GOP of 33 frames is about 100 MB), so only a
 * window is kept: at most {@code maxGops} GOPs and {@code maxBytes} of pictures, the newest GOP
 * always. Older ones are evicted as new ones come; a frame outside the window is simply not
 * retained. Thread-safe: the Kafka reader adds, HTTP threads look up.
 */
final class SourceFrames {

    /** The frames held, first and last display index inclusive; empty when nothing is held. */
    record Range(long first, long last) {
        boolean isEmpty() {
            return last < first;
        }

        @Override
        public String toString() {
            return isEmpty() ? "none" : first + ".." + last;
        }
    }

    private final int maxGops;
    private final long maxBytes;
    private final Deque<RawGop> gops = new ArrayDeque<>();
    private long bytes;

    SourceFrames(int maxGops, long maxBytes) {
        if (maxGops < 1 || maxBytes < 1) {
            throw new IllegalArgumentException("a source window needs at least one GOP and one byte, got "
                    + maxGops + " GOPs, " + maxBytes + " bytes");
        }
        this.maxGops = maxGops;
        this.maxBytes = maxBytes;
    }

    /** Keeps {@code gop} as the newest; a GOP at or before the newest held (a repeat after a restart) is ignored. */
    synchronized void add(RawGop gop) {
        if (!gops.isEmpty() && gop.gopSeq() <= gops.peekLast().gopSeq()) {
            return;
        }
        gops.addLast(gop);
        bytes += bytesOf(gop);
        while (gops.size() > 1 && (gops.size() > maxGops || bytes > maxBytes)) {
            bytes -= bytesOf(gops.removeFirst());
        }
    }

    /** The source picture of display index {@code frame}, or null when it is not (or no longer) held. */
    synchronized Frame frame(long frame) {
        for (RawGop g : gops) {
            long offset = frame - g.firstFrameIndex();
            if (offset >= 0 && offset < g.frameCount()) {
                return g.frames().get((int) offset);
            }
        }
        return null;
    }

    synchronized Range range() {
        if (gops.isEmpty()) {
            return new Range(0, -1);
        }
        RawGop last = gops.peekLast();
        return new Range(gops.peekFirst().firstFrameIndex(), last.firstFrameIndex() + last.frameCount() - 1);
    }

    synchronized long bytes() {
        return bytes;
    }

    synchronized int gops() {
        return gops.size();
    }

    private static long bytesOf(RawGop g) {
        return (long) g.frameCount() * Frame.i420Size(g.width(), g.height());
    }
}
