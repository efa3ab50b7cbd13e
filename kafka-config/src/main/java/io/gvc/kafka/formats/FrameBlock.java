package io.gvc.kafka.formats;

import io.gvc.codec.frame.Frame;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/** The frames section shared by the GOP formats: count frames of packed I420, nothing between. */
final class FrameBlock {

    private FrameBlock() {
    }

    static void write(ByteBuffer out, List<Frame> frames) {
        for (Frame f : frames) {
            out.put(f.y()).put(f.u()).put(f.v());
        }
    }

    /**
     * Reads the frame count field, then checks that count x frame size is exactly what is left
     * before allocating a single frame.
     */
    static List<Frame> read(RecordReader in, int width, int height) throws RecordFormatException {
        int count = in.i32InRange("frameCount", 1, Limits.MAX_FRAMES);
        long expected = Limits.framesBytes(count, width, height);
        if (expected != in.remaining()) {
            throw new RecordFormatException("frames", count + " frames of " + width + "x" + height
                    + " I420 need " + expected + " bytes, record has " + in.remaining());
        }
        int size = Frame.i420Size(width, height);
        List<Frame> frames = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            frames.add(Frame.fromI420(in.array(), in.position(), width, height));
            in.skip(size);
        }
        return frames;
    }
}
