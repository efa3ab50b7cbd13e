package io.gvc.jobs.eval;

import io.gvc.codec.CodecParams;
import io.gvc.codec.prior.FlowPrior;
import io.gvc.codec.variant.Variant;
import java.util.Locale;
import java.util.Map;

/**
 * What a sweep's points depend on beyond their own setting: GVC's codec parameters (variant and M
 * are set per point; gvc-m0 points also set M_tail and the rate target), each variant's prior, and
 * whether LPIPS is measured. {@link #fingerprint} turns them into the text stored with each
 * point, so that a rerun reuses a point only when it would compute the same one.
 */
public record EvalSettings(CodecParams gvc, Map<Variant, FlowPrior> priors, boolean lpips) {

    public EvalSettings {
        priors = Map.copyOf(priors);
    }

    /** The prior that codes {@code v}. */
    public FlowPrior prior(Variant v) {
        FlowPrior p = priors.get(v);
        if (p == null) {
            throw new IllegalArgumentException("no prior for variant " + v);
        }
        return p;
    }

    public String priorLabel(Variant v) {
        FlowPrior p = prior(v);
        return p.id() + ":" + p.sha256().substring(0, 16);
    }

    /** Every variant's prior, for the report: "flf2v=id:hash, i2v=...". */
    public String priorLabels() {
        StringBuilder b = new StringBuilder();
        for (Variant v : Variant.values()) {
            if (priors.containsKey(v)) {
                b.append(b.length() == 0 ? "" : ", ").append(v.name().toLowerCase(Locale.ROOT)).append('=')
                        .append(priorLabel(v));
            }
        }
        return b.toString();
    }

    /** The codec parameters of a GVC point: the sweep's, with the point's variant and M. */
    public CodecParams params(PointSpec spec) {
        if (spec.isM0()) {
            return m0Params(spec);
        }
        if (!spec.isGvc()) {
            throw new IllegalArgumentException(spec.label() + " is not coded by GVC");
        }
        return gvc.withVariant(spec.variant()).withAtoms(spec.m());
    }

    /**
     * gvc-m0's parameters: everything as for GVC (variant, GOP, K, steps, boundary codec, seed,
     * threads) but M = 0 and M_tail = 0, so no step of any latent frame codes an atom, and the boundary
     * quality chosen by the budget of the point's own target bpp (never --keyframe-quality: the budget
     * is what moves it along its curve).
     */
    CodecParams m0Params(PointSpec spec) {
        CodecParams g = gvc;
        return new CodecParams(spec.variant(), g.gopFrames(), g.latentDownscale(), g.temporalStride(),
                g.codebookSize(), 0, 0, g.tailLatentFrames(), g.steps(), g.tailSteps(), g.shift(), g.gScale(),
                g.seed(), g.intraCodec(), null, spec.targetBpp(), g.boundaryShare(), g.tailResidual(), g.prompt(),
                g.threads(), g.intraPeriod());
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
                    Double.toString(gvc.targetBpp()), gvc.intraCodec(), gvc.seed(), priorLabel(spec.variant()));
        }
        if (spec.isM0()) {
            return String.format(Locale.ROOT, "%s gop=%d K=%d steps=%d m=0 mtail=0 kfq=auto bpp=%s share=%s "
                            + "intra=%s seed=%x prior=%s", source, gvc.gopFrames(), gvc.codebookSize(), gvc.steps(),
                    Double.toString(spec.targetBpp()), Double.toString(gvc.boundaryShare()), gvc.intraCodec(),
                    gvc.seed(), priorLabel(spec.variant()));
        }
        if (spec.codec().equals(PointSpec.INTERP)) {
            return String.format(Locale.ROOT, "%s gop=%d intra=%s", source, gvc.gopFrames(), gvc.intraCodec());
        }
        return source + " preset=medium threads=1";
    }
}
