package io.gvc.kafka.formats;

import io.gvc.codec.frame.Frame;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The binary value of a {@code gvc.decoded} record, version 1, big-endian. Layout in
 * kafka-config/README.md:
 *
 * <pre>
 * magic "GVDG" | version u8 = 1 | streamId u16 len + UTF-8 | gopSeq i64 | firstFrameIndex i64
 * | captureTimeMicros i64 | decodeFinishedMicros i64 | width i32 | height i32 | frameCount i32
 * | frameCount x I420 frame (Y, U, V planes, no padding)
 * </pre>
 */
public final class DecodedGopFormat {

    public static final String NAME = "decoded-gop";
    public static final int VERSION = 1;
    static final byte[] MAGIC = {'G', 'V', 'D', 'G'};

    static final int FIXED_BYTES = 4 + 1 + 2 + 8 + 8 + 8 + 8 + 4 + 4 + 4;

    private DecodedGopFormat() {
    }

    public static byte[] write(DecodedGop gop) {
        byte[] id = gop.streamId().getBytes(StandardCharsets.UTF_8);
        long size = FIXED_BYTES + id.length + Limits.framesBytes(gop.frameCount(), gop.width(), gop.height());
        if (size > Limits.MAX_RECORD_BYTES) {
            throw new IllegalArgumentException("decoded GOP of " + size + " bytes does not fit one record");
        }
        ByteBuffer out = ByteBuffer.allocate((int) size);
        out.put(MAGIC).put((byte) VERSION);
        out.putShort((short) id.length).put(id);
        out.putLong(gop.gopSeq()).putLong(gop.firstFrameIndex());
        out.putLong(gop.captureTimeMicros()).putLong(gop.decodeFinishedMicros());
        out.putInt(gop.width()).putInt(gop.height());
        out.putInt(gop.frameCount());
        FrameBlock.write(out, gop.frames());
        return out.array();
    }

    public static DecodedGop read(byte[] bytes) throws RecordFormatException {
        RecordReader in = RecordReader.open(bytes, MAGIC, NAME, VERSION);
        String streamId = in.string("streamId", Limits.MAX_STREAM_ID_BYTES);
        long gopSeq = in.nonNegativeI64("gopSeq");
        long firstFrame = in.nonNegativeI64("firstFrameIndex");
        long capture = in.nonNegativeI64("captureTimeMicros");
        long finished = in.nonNegativeI64("decodeFinishedMicros");
        int width = in.i32InRange("width", 1, Limits.MAX_SIDE);
        int height = in.i32InRange("height", 1, Limits.MAX_SIDE);
        List<Frame> frames = FrameBlock.read(in, width, height);
        return new DecodedGop(streamId, gopSeq, firstFrame, capture, finished, width, height, frames);
    }
}
