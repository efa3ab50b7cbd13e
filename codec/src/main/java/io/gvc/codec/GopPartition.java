package io.gvc.codec;

import io.gvc.codec.bitstream.GopPlace;
import io.gvc.codec.variant.Variant;

/**
 * Frames to GOPs, by the format's rule ({@link GopPlace}): FLF2V and I2V chain GOPs through a
 * shared boundary, T2V tiles the video; the last GOP is cut short at the end of the video.
 */
public record GopPartition(Variant variant, int gopFrames, long totalFrames) {

    public long gopCount() {
        return GopPlace.gopCount(variant, gopFrames, totalFrames);
    }

    public long firstFrame(long gop) {
        return GopPlace.of(variant, gopFrames, totalFrames, gop).firstFrame();
    }

    public int frames(long gop) {
        return GopPlace.of(variant, gopFrames, totalFrames, gop).frameCount();
    }

    /** Index, within GOP k, of the first frame it outputs (1 when it shares its first frame with GOP k-1). */
    public int firstOutput(long gop) {
        return gop > 0 && variant.sharesBoundary() ? 1 : 0;
    }
}
