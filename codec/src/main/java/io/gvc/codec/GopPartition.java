package io.gvc.codec;

import io.gvc.codec.variant.Variant;

/**
 * Frames to GOPs. FLF2V and I2V chain GOPs through a shared boundary: GOP k covers frames
 * [k(F-1), k(F-1) + F - 1], so its last frame is GOP k+1's first; T2V tiles [kF, kF + F - 1].
 * The last GOP is cut short at the end of the video.
 */
public record GopPartition(Variant variant, int gopFrames, long totalFrames) {

    public long gopCount() {
        if (totalFrames <= 1) {
            return 1;
        }
        long step = step();
        return variant.sharesBoundary() ? (totalFrames - 1 + step - 1) / step : (totalFrames + step - 1) / step;
    }

    long step() {
        return variant.sharesBoundary() ? gopFrames - 1 : gopFrames;
    }

    public long firstFrame(long gop) {
        return gop * step();
    }

    public int frames(long gop) {
        long first = firstFrame(gop);
        return (int) Math.min(gopFrames, totalFrames - first);
    }

    /** Index, within GOP k, of the first frame it outputs (1 when it shares its first frame with GOP k-1). */
    public int firstOutput(long gop) {
        return gop > 0 && variant.sharesBoundary() ? 1 : 0;
    }
}
