package io.gvc.kafka.formats;

import io.gvc.codec.frame.Frame;
import io.gvc.codec.frame.VideoFormat;

import java.nio.charset.StandardCharsets;
import java.util.List;

/** Limits shared by the record formats; a record claiming more is refused before allocation. */
public final class Limits {

    /** Most frames one GOP record may carry. */
    public static final int MAX_FRAMES = 1024;
    /** Largest picture side, the codec's own limit. */
    public static final int MAX_SIDE = VideoFormat.MAX_SIDE;
    /** Longest stream id, in UTF-8 bytes. */
    public static final int MAX_STREAM_ID_BYTES = 255;
    /** Largest Java array a record may become (some JVMs refuse the last few indices). */
    public static final long MAX_RECORD_BYTES = Integer.MAX_VALUE - 16;

    private Limits() {
    }

    /** The stream id as UTF-8 key bytes, after the checks every GOP record makes (1..255 bytes, valid Unicode). */
    public static byte[] checkStreamId(String streamId) {
        if (streamId == null || streamId.isEmpty()) {
            throw new IllegalArgumentException("streamId must not be empty");
        }
        byte[] b = streamId.getBytes(StandardCharsets.UTF_8);
        if (b.length > MAX_STREAM_ID_BYTES) {
            throw new IllegalArgumentException("streamId is " + b.length + " UTF-8 bytes, at most "
                    + MAX_STREAM_ID_BYTES + " allowed");
        }
        if (!new String(b, StandardCharsets.UTF_8).equals(streamId)) {
            throw new IllegalArgumentException("streamId is not valid Unicode (unpaired surrogate)");
        }
        return b;
    }

    static void checkPicture(int width, int height) {
        if (width < 1 || width > MAX_SIDE || height < 1 || height > MAX_SIDE) {
            throw new IllegalArgumentException("picture size " + width + "x" + height + " outside 1.."
                    + MAX_SIDE + " per side");
        }
    }

    static List<Frame> checkFrames(List<Frame> frames, int width, int height) {
        List<Frame> copy = List.copyOf(frames);
        if (copy.isEmpty() || copy.size() > MAX_FRAMES) {
            throw new IllegalArgumentException("frame count " + copy.size() + " outside 1.." + MAX_FRAMES);
        }
        for (int i = 0; i < copy.size(); i++) {
            Frame f = copy.get(i);
            if (f.width() != width || f.height() != height) {
                throw new IllegalArgumentException("frame " + i + " is " + f.width() + "x" + f.height()
                        + ", record says " + width + "x" + height);
            }
        }
        return copy;
    }

    static void checkNonNegative(String field, long v) {
        if (v < 0) {
            throw new IllegalArgumentException(field + " must be >= 0, got " + v);
        }
    }

    /** Bytes of {@code count} I420 frames, as a long (the writers refuse what no byte[] can hold). */
    static long framesBytes(int count, int width, int height) {
        return (long) count * Frame.i420Size(width, height);
    }
}
