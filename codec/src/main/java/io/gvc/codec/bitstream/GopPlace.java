package io.gvc.codec.bitstream;

import io.gvc.codec.variant.Variant;

/**
 * Where GOP {@code gopSeq} of a stream lies: its first frame in the video and the frames it spans.
 * The format's rule, in one place: FLF2V and I2V chain GOPs through a shared boundary, so GOP k
 * covers frames [k(F-1), k(F-1) + F - 1] and its last frame is GOP k+1's first; T2V tiles
 * [kF, kF + F - 1]; the last GOP is cut short at the end of the video. A file's header (variant, F
 * and the frame count) therefore implies every packet's place, and a file's packets leave it out
 * (version 14); a live packet, alone on Kafka, still carries its own.
 */
public record GopPlace(long gopSeq, long firstFrame, int frameCount) {

    /** GOP {@code seq}'s place in a video of {@code totalFrames} frames coded as {@code variant} with GOPs of {@code gopFrames}. */
    public static GopPlace of(Variant variant, int gopFrames, long totalFrames, long seq) {
        long first = seq * step(variant, gopFrames);
        return new GopPlace(seq, first, (int) Math.min(gopFrames, totalFrames - first));
    }

    /** GOP {@code seq}'s place in the stream {@code header} describes. */
    public static GopPlace of(StreamHeader header, long seq) {
        return of(header.config().variant(), header.config().gopFrames(), header.totalFrames(), seq);
    }

    /** The GOPs a video of {@code totalFrames} frames takes (one for a single frame). */
    public static long gopCount(Variant variant, int gopFrames, long totalFrames) {
        if (totalFrames <= 1) {
            return 1;
        }
        long step = step(variant, gopFrames);
        return variant.sharesBoundary() ? (totalFrames - 1 + step - 1) / step : (totalFrames + step - 1) / step;
    }

    /** The GOPs the stream {@code header} describes takes. */
    public static long gopCount(StreamHeader header) {
        return gopCount(header.config().variant(), header.config().gopFrames(), header.totalFrames());
    }

    /** Frames from one GOP's first frame to the next's. */
    private static long step(Variant variant, int gopFrames) {
        return variant.sharesBoundary() ? gopFrames - 1 : gopFrames;
    }
}
