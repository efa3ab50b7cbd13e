package io.gvc.codec.rate;

import io.gvc.codec.anchor.AnchorMode;
import io.gvc.codec.anchor.GopAnchors;
import io.gvc.codec.anchor.Keyframes;
import io.gvc.codec.frame.Frame;
import io.gvc.codec.frame.Gop;
import io.gvc.codec.latent.LatentSpace;
import io.gvc.codec.metrics.Psnr;
import io.gvc.codec.variant.GopLayout;
import io.gvc.codec.variant.Variant;
import java.util.List;

/**
 * Chooses how a GOP is anchored, by measured cost: which keyframe plan (the GOP whole, or cut into
 * segments by mid-GOP keyframes, all coded within the same boundary budget) and which
 * {@link AnchorMode} between each two keyframes. Every candidate's anchor pictures are built from
 * its decoded keyframes and the one with the smallest squared error against the GOP's true frames
 * (those it outputs, keyframes included, since a plan with more keyframes codes each at a lower
 * quality) wins; ties keep the earlier plan and the cross-fade. The bridge wins where things move,
 * mid-GOP keyframes where motion is too fast or too complex for one bridge across the GOP.
 */
public final class AnchorDecision {

    private AnchorDecision() {
    }

    /** The chosen plan (an index into the candidates), its mode and its anchors. */
    public record Decided(int plan, AnchorMode mode, GopAnchors anchors) {
    }

    /**
     * @param plans     candidate keyframes, decoded, in order of preference on a tie
     * @param fromFrame the first position the GOP outputs (1 where it shares its first frame)
     */
    public static Decided choose(Gop gop, GopLayout layout, List<Keyframes> plans, int fromFrame, LatentSpace space) {
        int w = gop.frame(0).width(), h = gop.frame(0).height();
        boolean choose = layout.variant() == Variant.FLF2V && layout.frames() >= 3;
        AnchorMode[] modes = choose ? AnchorMode.values() : new AnchorMode[] {AnchorMode.CROSS_FADE};
        int bestPlan = -1;
        AnchorMode bestMode = null;
        Frame[] bestPictures = null;
        long bestSse = Long.MAX_VALUE;
        for (int i = 0; i < (choose ? plans.size() : 1); i++) {
            for (AnchorMode mode : modes) {
                Frame[] pictures = GopAnchors.pictures(layout, mode, plans.get(i), w, h);
                long sse = choose ? sse(gop, pictures, fromFrame) : 0;
                if (sse < bestSse) {
                    bestPlan = i;
                    bestMode = mode;
                    bestPictures = pictures;
                    bestSse = sse;
                }
            }
        }
        // only the kept anchor's latents are computed
        return new Decided(bestPlan, bestMode, GopAnchors.withLatents(layout, plans.get(bestPlan), bestPictures, space));
    }

    private static long sse(Gop gop, Frame[] anchors, int fromFrame) {
        long sse = 0;
        for (int j = fromFrame; j < gop.size(); j++) {
            for (int p = 0; p < 3; p++) {
                sse += Psnr.sse(gop.frame(j), anchors[j], p);
            }
        }
        return sse;
    }
}
