package io.gvc.codec.rate;

import io.gvc.codec.anchor.AnchorMode;
import io.gvc.codec.anchor.GopAnchors;
import io.gvc.codec.frame.Frame;
import io.gvc.codec.frame.Gop;
import io.gvc.codec.latent.LatentSpace;
import io.gvc.codec.metrics.Psnr;
import io.gvc.codec.variant.GopLayout;
import io.gvc.codec.variant.Variant;

/**
 * Chooses a GOP's {@link AnchorMode} by measured cost: both anchors are built from the decoded
 * boundaries and the one with the smaller squared error against the GOP's true in-between frames
 * wins. The bridge wins where things move; where motion search is misled (flat, noisy or occluded
 * content) the cross-fade is kept. The choice costs one byte and no decoder guesswork.
 */
public final class AnchorDecision {

    private AnchorDecision() {
    }

    /** The chosen mode and its anchors. */
    public record Decided(AnchorMode mode, GopAnchors anchors) {
    }

    public static Decided choose(Gop gop, GopLayout layout, Frame first, Frame last, LatentSpace space) {
        int w = gop.frame(0).width(), h = gop.frame(0).height();
        Frame[] fade = GopAnchors.pictures(layout, AnchorMode.CROSS_FADE, first, last, w, h);
        if (layout.variant() != Variant.FLF2V || layout.frames() < 3) {
            // nothing to choose: I2V and T2V have one anchor, a two-frame GOP has no frame between
            return new Decided(AnchorMode.CROSS_FADE, GopAnchors.withLatents(layout, fade, space));
        }
        Frame[] bridge = GopAnchors.pictures(layout, AnchorMode.MOTION_BRIDGE, first, last, w, h);
        long fadeSse = interiorSse(gop, fade), bridgeSse = interiorSse(gop, bridge);
        // only the kept anchor's latents are computed
        return bridgeSse < fadeSse
                ? new Decided(AnchorMode.MOTION_BRIDGE, GopAnchors.withLatents(layout, bridge, space))
                : new Decided(AnchorMode.CROSS_FADE, GopAnchors.withLatents(layout, fade, space));
    }

    private static long interiorSse(Gop gop, Frame[] anchors) {
        long sse = 0;
        for (int j = 1; j < gop.size() - 1; j++) {
            for (int p = 0; p < 3; p++) {
                sse += Psnr.sse(gop.frame(j), anchors[j], p);
            }
        }
        return sse;
    }
}
