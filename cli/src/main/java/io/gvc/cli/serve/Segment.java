package io.gvc.cli.serve;

/**
 * One HLS media segment: one decoded GOP as a CMAF fragment.
 *
 * @param sequence          media sequence number in the stream's playlist (0, 1, ...)
 * @param name              file name, e.g. seg-12.m4s
 * @param gopSeq            the GOP it holds
 * @param firstFrameIndex   display index of its first picture in the stream
 * @param frames            pictures in it
 * @param seconds           its duration
 * @param captureTimeMicros capture time of its first picture (EXT-X-PROGRAM-DATE-TIME)
 * @param initName          the init segment it decodes with (EXT-X-MAP)
 * @param discontinuity     whether it does not continue the previous segment (a gap, a new init)
 * @param bytes             moof + mdat
 */
record Segment(long sequence, String name, long gopSeq, long firstFrameIndex, int frames, double seconds,
               long captureTimeMicros, String initName, boolean discontinuity, byte[] bytes) {
}
