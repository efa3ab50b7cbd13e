package io.gvc.cli.ingest;

import io.gvc.codec.GopPartition;
import io.gvc.codec.frame.Frame;
import io.gvc.codec.frame.VideoFormat;
import io.gvc.kafka.formats.Limits;
import io.gvc.kafka.formats.RawGopFormat;
import java.util.Locale;

/** What the publisher checks before it sends anything, so a bad stream fails whole, not half-sent. */
final class PublishChecks {

    /** Room for key, headers and batch framing above the value, when checking a GOP fits one record. */
    static final int RECORD_OVERHEAD_BYTES = 4096;

    private PublishChecks() {
    }

    /** The key bytes, after the same checks RawGop makes, so a bad id fails before anything is sent. */
    static byte[] streamId(String streamId) {
        return Limits.checkStreamId(streamId);
    }

    static void partition(String streamId, FrameSource source, GopPartition partition) {
        if (partition.totalFrames() != source.frameCount()) {
            throw new IllegalArgumentException("stream " + streamId + ": the GOP partition is for "
                    + partition.totalFrames() + " frames, the source has " + source.frameCount());
        }
        int min = partition.variant().sharesBoundary() ? 2 : 1;
        if (partition.gopFrames() < min || partition.gopFrames() > Limits.MAX_FRAMES) {
            throw new IllegalArgumentException("stream " + streamId + ": " + partition.variant() + " GOPs need "
                    + min + ".." + Limits.MAX_FRAMES + " frames, got " + partition.gopFrames());
        }
    }

    /** The largest GOP of {@code partition} fits one record of at most {@code maxRecordBytes}. */
    static void recordSize(String streamId, VideoFormat f, GopPartition partition, int keyBytes, int maxRecordBytes) {
        int frames = (int) Math.min(partition.gopFrames(), partition.totalFrames());
        long value = RawGopFormat.valueBytes(keyBytes, frames, f.width(), f.height());
        long record = value + keyBytes + RECORD_OVERHEAD_BYTES;
        if (record > maxRecordBytes) {
            long fit = (maxRecordBytes - RawGopFormat.valueBytes(keyBytes, 0, f.width(), f.height()) - keyBytes
                    - RECORD_OVERHEAD_BYTES) / Frame.i420Size(f.width(), f.height());
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "stream %s: a %d-frame %dx%d GOP is %.1f MB, over the %.1f MB record limit; use GOPs of at most "
                            + "%d frames or raise the record limits (kafka-config/README.md, 1080p)",
                    streamId, frames, f.width(), f.height(), value / 1e6, maxRecordBytes / 1e6, Math.max(0, fit)));
        }
    }
}
