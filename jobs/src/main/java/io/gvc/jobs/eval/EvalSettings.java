package io.gvc.jobs.eval;

import io.gvc.codec.CodecParams;
import io.gvc.codec.prior.FlowPrior;
import java.util.Locale;

/**
 * What a sweep's points depend on beyond their own setting: GVC's codec parameters (variant and M
 * are set per point), the prior, and whether LPIPS is measured. {@link #fingerprint} turns them into the text stored with each
 * point, so that a rerun reuses a point only when it would compute the same one.
 */
public record EvalSettings(CodecParams gvc, FlowPrior prior, boolean lpips) {

    public String priorLabel() {
        return prior.id() + ":" + prior.sha256().substring(0, 16);
    }

    /** The settings {@code spec}'s result depends on, for the clip as read. */
    public String fingerprint(PointSpec spec, EvalClip clip) {
        // a point measured without LPIPS is measured again once the weights are there
        String source = String.format(Locale.ROOT, "src=%s frames=%d %dx%d lpips=%s", clip.path().getFileName(),
                clip.frames(), clip.width(), clip.height(), lpips ? "on" : "off");
        if (spec.isGvc()) {
            return String.format(Locale.ROOT, "%s gop=%d K=%d steps=%d kfq=%s bpp=%s intra=%s seed=%x prior=%s",
                    source, gvc.gopFrames(), gvc.codebookSize(), gvc.steps(),
                    gvc.keyframeQuality() == null ? "auto" : gvc.keyframeQuality().toString(),
                    Double.toString(gvc.targetBpp()), gvc.intraCodec(), gvc.seed(), priorLabel());
        }
        if (spec.codec().equals(PointSpec.INTERP)) {
            return String.format(Locale.ROOT, "%s gop=%d intra=%s", source, gvc.gopFrames(), gvc.intraCodec());
        }
        return source + " preset=medium threads=1";
    }
}
