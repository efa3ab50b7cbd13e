package io.gvc.codec;

import io.gvc.codec.anchor.GopAnchors;
import io.gvc.codec.atoms.AtomChoice;
import io.gvc.codec.atoms.Codebook;
import io.gvc.codec.frame.Frame;
import io.gvc.codec.latent.LatentSpace;
import io.gvc.codec.latent.LatentSynthesis;
import io.gvc.codec.prior.GopCondition;
import io.gvc.codec.prior.VelocityField;
import io.gvc.codec.sampler.NoiseSource;
import io.gvc.codec.sampler.SdeSampler;
import io.gvc.codec.variant.GopLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * The decoder's trajectory for one GOP: start noise, the SDE with atoms chosen by a
 * {@link ChoiceSource}, then latent to pictures. The encoder runs this same class with a source that
 * searches atoms; the decoder with one that reads them. Sharing the code is what makes the encoder's
 * reconstruction the decoder's, to the bit.
 */
final class GopGenerator {

    /** Gives the atoms of (step, coded latent frame); the encoder may look at x0hat to choose. */
    interface ChoiceSource {
        AtomChoice choose(int step, int frame, float[] x0hat);
    }

    private final LatentSpace space;
    private final Codebook codebook;
    private final SdeSampler sampler;
    private final ExecutorService pool;

    GopGenerator(LatentSpace space, Codebook codebook, SdeSampler sampler, ExecutorService pool) {
        this.space = space;
        this.codebook = codebook;
        this.sampler = sampler;
        this.pool = pool;
    }

    /** Runs the SDE for GOP {@code seq}; returns x0 of every coded latent frame. */
    float[][] latents(long seq, GopCondition cond, VelocityField field, ChoiceSource choices) {
        int n = cond.latentFrames();
        int d = cond.geometry().dim();
        float[][] x = new float[n][d];
        for (int f = 0; f < n; f++) {
            codebook.startNoise(seq, f, x[f]);
        }
        NoiseSource noise = (step, x0hat, z) -> forEachFrame(n, f -> {
            AtomChoice c = choices.choose(step, f, x0hat[f]);
            codebook.synthesise(seq, step, f, c, z[f]);
        });
        return sampler.run(field, x, noise);
    }

    Frame[] pictures(GopLayout layout, GopAnchors anchors, float[][] x0, int[] scale) {
        return new LatentSynthesis(space).synthesise(layout, anchors.pictures(), anchors.latents(), anchors.known(), x0,
                scale);
    }

    /** The encoder's fidelity decision ({@link LatentSynthesis#fitScale}). */
    int[] fitScale(GopLayout layout, GopAnchors anchors, float[][] x0, java.util.function.IntFunction<Frame> truth) {
        return new LatentSynthesis(space).fitScale(layout, anchors.pictures(), anchors.latents(),
                anchors.known(), x0, truth);
    }

    /** Runs body(f) for every frame, over the pool when there is one; each frame is independent. */
    void forEachFrame(int n, java.util.function.IntConsumer body) {
        if (pool == null || n < 2) {
            for (int f = 0; f < n; f++) {
                body.accept(f);
            }
            return;
        }
        List<Callable<Void>> jobs = new ArrayList<>(n);
        for (int f = 0; f < n; f++) {
            int ff = f;
            jobs.add(() -> {
                body.accept(ff);
                return null;
            });
        }
        try {
            for (Future<Void> fut : pool.invokeAll(jobs)) {
                fut.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(e.getCause());
        }
    }
}
