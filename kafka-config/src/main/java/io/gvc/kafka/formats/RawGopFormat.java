package io.gvc.kafka.formats;

import io.gvc.codec.frame.Frame;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The binary value of a {@code gvc.raw-gops} record, version 1, big-endian. Layout in
 * kafka-config/README.md:
 *
 * <pre>
 * magic "GVRG" | version u8 = 1 | streamId u16 len + UTF-8 | gopSeq i64 | firstFrameIndex i64
 * | captureTimeMicros i64 | fpsNum i32 | fpsDen i32 | width i32 | height i32 | frameCount i32
 * | frameCount x I420 frame (Y, U, V planes, no padding)
 * </pre>
 */
public final class RawGopFormat {

    public static final String NAME = "raw-gop";
    public static final int VERSION = 1;
    static final byte[] MAGIC = {'G', 'V', 'R', 'G'};

    /** Bytes before the stream id's UTF-8 and the frames. */
    static final int FIXED_BYTES = 4 + 1 + 2 + 8 + 8 + 8 + 4 + 4 + 4 + 4 + 4;

    private RawGopFormat() {
    }

    /** Bytes of a raw GOP's value: what a record of {@code frames} pictures of w x h will weigh. */
    public static long valueBytes(int streamIdBytes, int frames, int width, int height) {
        return FIXED_BYTES + streamIdBytes + Limits.framesBytes(frames, width, height);
    }

    public static byte[] write(RawGop gop) {
        byte[] id = gop.streamId().getBytes(StandardCharsets.UTF_8);
        long size = valueBytes(id.length, gop.frameCount(), gop.width(), gop.height());
        if (size > Limits.MAX_RECORD_BYTES) {
            throw new IllegalArgumentException("raw GOP of " + size + " bytes does not fit one record");
        }
        ByteBuffer out = ByteBuffer.allocate((int) size);
        out.put(MAGIC).put((byte) VERSION);
        out.putShort((short) id.length).put(id);
        out.putLong(gop.gopSeq()).putLong(gop.firstFrameIndex()).putLong(gop.captureTimeMicros());
        out.putInt(gop.fpsNum()).putInt(gop.fpsDen());
        out.putInt(gop.width()).putInt(gop.height());
        out.putInt(gop.frameCount());
        FrameBlock.write(out, gop.frames());
        return out.array();
    }

    public static RawGop read(byte[] bytes) throws RecordFormatException {
        RecordReader in = RecordReader.open(bytes, MAGIC, NAME, VERSION);
        String streamId = in.string("streamId", Limits.MAX_STREAM_ID_BYTES);
        long gopSeq = in.nonNegativeI64("gopSeq");
        long firstFrame = in.nonNegativeI64("firstFrameIndex");
        long capture = in.nonNegativeI64("captureTimeMicros");
        int fpsNum = in.i32InRange("fpsNum", 1, Integer.MAX_VALUE);
        int fpsDen = in.i32InRange("fpsDen", 1, Integer.MAX_VALUE);
        int width = in.i32InRange("width", 1, Limits.MAX_SIDE);
        int height = in.i32InRange("height", 1, Limits.MAX_SIDE);
        List<Frame> frames = FrameBlock.read(in, width, height);
        return new RawGop(streamId, gopSeq, firstFrame, capture, fpsNum, fpsDen, width, height, frames);
    }
}
