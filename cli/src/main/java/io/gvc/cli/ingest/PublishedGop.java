package io.gvc.cli.ingest;

/**
 * One GOP the broker has acknowledged.
 *
 * @param streamId          stream (the record key)
 * @param gopSeq            GOP number in the stream, from 0
 * @param firstFrame        display index of its first frame in the stream
 * @param frames            frames in the GOP (with FLF2V/I2V the first one is also the previous GOP's last)
 * @param captureTimeMicros capture time of its first frame, microseconds since the epoch (see {@link Pacing})
 * @param sentTimeMicros    when it was handed to the producer, microseconds since the epoch
 * @param bytes             size of the record value (the RawGop v1 encoding)
 */
public record PublishedGop(String streamId, long gopSeq, long firstFrame, int frames, long captureTimeMicros,
                           long sentTimeMicros, long bytes) {
}
