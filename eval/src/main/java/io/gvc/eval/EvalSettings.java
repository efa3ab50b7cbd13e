package io.gvc.eval;

import io.gvc.codec.bitstream.PacketCodec;

import io.gvc.codec.CodecParams;
import io.gvc.codec.EncoderRevision;
import io.gvc.codec.prior.FlowPrior;
import io.gvc.codec.variant.Variant;
import io.gvc.model.registry.StreamPriors;
import java.util.Locale;
import java.util.Map;

/**
 * What a sweep's points depend on beyond their own setting: GVC's codec parameters (variant, M and the
 * target bpp are set per point, M null where the rate control picks it; gvc-m0 points also set M_tail),
 * each variant's prior, the priors that decode a stream (the model it names, {@code streamPriors}), and
 * whether LPIPS is measured. {@link #fingerprint} turns them into the text stored with each
 * point, so that a rerun reuses a point only when it would compute the same one.
 */
public record EvalSettings(CodecParams gvc, Map<Variant, FlowPrior> priors, StreamPriors streamPriors,
                           boolean lpips) {

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

    /**
     * The codec parameters of a GVC point: the sweep's, with the point's variant, M and target bpp. A
     * rate-controlled point (M null) is coded as {@code gvc encode} codes by default: M and M_tail null,
     * so the rate control picks M per GOP from what the boundaries (their share of the target) leave; at a
     * fixed M, M_tail follows M. The boundary quality is --keyframe-quality where given, else the
     * budget's.
     */
    public CodecParams params(PointSpec spec) {
        if (spec.isM0()) {
            return m0Params(spec);
        }
        if (!spec.isGvc()) {
            throw new IllegalArgumentException(spec.label() + " is not coded by GVC");
        }
        return target(gvc.toBuilder().variant(spec.variant()).m(spec.m()).mTail(null), spec).build();
    }

    /**
     * gvc-m0's parameters: everything as for GVC (variant, GOP, K, steps, boundary codec, seed,
     * threads) but M = 0 and M_tail = 0, so no step of any latent frame codes an atom, and the boundary
     * quality chosen by the budget of the point's own target bpp (never --keyframe-quality: the budget
     * is what moves it along its curve).
     */
    CodecParams m0Params(PointSpec spec) {
        return target(gvc.toBuilder().variant(spec.variant()).m(0).mTail(0).keyframeQuality(null), spec).build();
    }

    /** The point's rate target: its target bpp, or its constant quality (then no fixed keyframe quality). */
    private static io.gvc.codec.CodecParamsBuilder target(io.gvc.codec.CodecParamsBuilder b, PointSpec spec) {
        if (spec.targetBpp() != null) {
            return b.targetBpp(spec.targetBpp()).targetQuality(null);
        }
        if (spec.quality() != null) {
            return b.targetQuality(spec.quality()).keyframeQuality(null);
        }
        throw new IllegalArgumentException(spec.label() + " has no target bpp or quality");
    }

    /** The settings {@code spec}'s result depends on, for the clip as read. */
    public String fingerprint(PointSpec spec, EvalClip clip) {
        // a point measured without LPIPS is measured again once the weights are there
        String source = String.format(Locale.ROOT, "src=%s frames=%d %dx%d lpips=%s", clip.path().getFileName(),
                clip.frames(), clip.width(), clip.height(), lpips ? "on" : "off");
        if (spec.isGvc()) {
            // the point's own M ("rc": the rate control's) and target, not only its key's setting text
            return String.format(Locale.ROOT, "%s gop=%d K=%d steps=%d m=%s mtail=auto kfq=%s %s share=%s "
                            + "intra=%s seed=%x prior=%s seg=%d bridge=%s bitstream=%d encoder=%d", source, gvc.gopFrames(),
                    gvc.codebookSize(), gvc.steps(),
                    spec.m() == null ? "rc" : spec.m().toString(),
                    gvc.keyframeQuality() == null || spec.quality() != null ? "auto" : gvc.keyframeQuality().toString(),
                    targetText(spec), Double.toString(gvc.boundaryShare()), gvc.intraCodec(),
                    gvc.seed(), priorLabel(spec.variant()), gvc.maxSegments(), gvc.bridgeRule().id(), PacketCodec.VERSION,
                    EncoderRevision.CURRENT) + randomAccessText();
        }
        if (spec.isM0()) {
            return String.format(Locale.ROOT, "%s gop=%d K=%d steps=%d m=0 mtail=0 kfq=auto %s share=%s "
                            + "intra=%s seed=%x prior=%s seg=%d bridge=%s bitstream=%d encoder=%d", source, gvc.gopFrames(),
                    gvc.codebookSize(), gvc.steps(), targetText(spec), Double.toString(gvc.boundaryShare()), gvc.intraCodec(),
                    gvc.seed(), priorLabel(spec.variant()), gvc.maxSegments(), gvc.bridgeRule().id(), PacketCodec.VERSION,
                    EncoderRevision.CURRENT) + randomAccessText();
        }
        if (spec.codec().equals(PointSpec.INTERP)) {
            return String.format(Locale.ROOT, "%s gop=%d intra=%s", source, gvc.gopFrames(), gvc.intraCodec());
        }
        return source + " preset=medium threads=1";
    }

    /**
     * The keyframe chain's random access where it is not the default (so points measured before the
     * setting existed keep their fingerprints).
     */
    private String randomAccessText() {
        CodecParams d = CodecParams.defaults();
        return gvc.intraPeriod() == d.intraPeriod() && gvc.independentPeriods() == d.independentPeriods() ? ""
                : " intra-period=" + gvc.intraPeriod() + (gvc.independentPeriods() ? " independent-periods" : "");
    }

    /** A GVC or gvc-m0 point's target in its fingerprint: bpp=B (as before constant quality existed) or quality=Q. */
    private static String targetText(PointSpec spec) {
        return spec.targetBpp() != null ? "bpp=" + spec.targetBpp() : "quality=" + spec.quality();
    }
}
