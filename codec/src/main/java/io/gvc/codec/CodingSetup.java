package io.gvc.codec;

import io.gvc.codec.anchor.GopAnchors;
import io.gvc.codec.atoms.Codebook;
import io.gvc.codec.bitstream.CodingConfig;
import io.gvc.codec.frame.VideoFormat;
import io.gvc.codec.latent.DctLatentSpace;
import io.gvc.codec.latent.LatentSpace;
import io.gvc.codec.prior.FlowPrior;
import io.gvc.codec.prior.GopCondition;
import io.gvc.codec.sampler.SdeSampler;
import io.gvc.codec.sampler.TimeGrid;
import io.gvc.codec.variant.GopLayout;
import java.util.concurrent.ExecutorService;

/** What encoder and decoder build alike from a {@link CodingConfig}: latent space, codebook, sampler. */
final class CodingSetup {

    final CodingConfig config;
    final LatentSpace space;
    final Codebook codebook;
    final SdeSampler sampler;
    final GopGenerator generator;
    /** The encoder's or decoder's worker threads; null for one thread. */
    final ExecutorService pool;

    /** The latent space is the prior's own when it brings one (a VAE, the picture latent), else the codec's DCT latent. */
    CodingSetup(CodingConfig config, ExecutorService pool, FlowPrior prior) {
        this.config = config;
        this.pool = pool;
        this.space = prior.latentSpace(config.format(), config.latentDownscale()).orElseGet(() -> new DctLatentSpace(DctLatentSpace.geometry(
                config.format().width(), config.format().height(), config.latentDownscale())));
        this.codebook = new Codebook(config.seed(), config.codebookSize());
        this.sampler = new SdeSampler(TimeGrid.of(config.steps(), config.tailSteps(), config.shift()), config.gScale());
        this.generator = new GopGenerator(space, codebook, sampler, pool);
    }

    /** An encoder's setup for pictures of {@code format} coded with {@code params}; {@code pool} may be null. */
    static CodingSetup forEncoder(CodecParams params, VideoFormat format, FlowPrior prior, ExecutorService pool) {
        int ds = params.latentDownscale() > 0 ? params.latentDownscale()
                : DctLatentSpace.defaultDownscale(format.width(), format.height());
        CodingConfig config = new CodingConfig(params.variant(), format, params.gopFrames(), ds,
                params.temporalStride(), params.codebookSize(), params.steps(), params.tailSteps(), params.shift(),
                params.gScale(), params.seed(), prior.id(), CodingConfig.hashPrefix(prior.sha256()));
        if (params.m() != null) {
            // a fixed M must be one every GOP's packet can carry: refused here, before any GOP is coded
            int m = params.m();
            int mTail = params.mTail() != null ? params.mTail()
                    : io.gvc.codec.rate.RateController.defaultTail(m, params.codebookSize());
            String refusal = io.gvc.codec.bitstream.Limits.atomWorkRefusal(config, params.gopFrames(), m, mTail,
                    params.tailLatentFrames());
            if (refusal != null) {
                throw new IllegalArgumentException(refusal);
            }
        }
        return new CodingSetup(config, pool, prior);
    }

    GopLayout layout(int frames, int tailLatentFrames) {
        return GopLayout.of(config.variant(), frames, config.temporalStride(), tailLatentFrames);
    }

    /** What the prior may condition a GOP on; encoder and decoder build it here alike. */
    GopCondition condition(GopLayout layout, float[] firstLatent, float[] lastLatent, String prompt,
                           GopAnchors anchors) {
        boolean[] known = anchors.known();
        boolean[] keyframes = new boolean[layout.codedFrames()];
        for (int f = 0; f < keyframes.length; f++) {
            keyframes[f] = known[layout.codedPositions()[f]];
        }
        return new GopCondition(config.variant(), space.geometry(), layout.codedAlphas(), firstLatent, lastLatent,
                layout.frames(), prompt, anchors.latents(), keyframes);
    }

    int stochasticSteps() {
        return sampler.grid().stochasticSteps();
    }

    /** Whether this setup replays {@code other} (equal configs replay identically). */
    boolean serves(CodingConfig other) {
        return config.equals(other);
    }

}
