package io.gvc.codec.variant;

import java.util.ArrayList;
import java.util.List;

/**
 * Where the latent frames of one GOP sit and which of them carry atoms.
 *
 * <p>Latent frames sit every {@code stride} picture frames, always including the first (0) and
 * the last (F - 1); picture frames between two latent frames are interpolated. Which latent frames
 * are coded depends on the variant: FLF2V knows both ends from its boundary frames and codes the
 * interior; I2V knows the first and codes the rest, the last {@code tailLatentFrames} with
 * M_tail atoms; T2V knows nothing and codes all.
 */
public record GopLayout(Variant variant, int frames, int stride, int[] positions, int[] codedPositions,
                        float[] codedAlphas, int tailLatentFrames) {

    public GopLayout {
        positions = positions.clone();
        codedPositions = codedPositions.clone();
        codedAlphas = codedAlphas.clone();
    }

    public static GopLayout of(Variant variant, int frames, int stride, int tailLatentFrames) {
        if (frames < 1) {
            throw new IllegalArgumentException("a GOP has at least one frame");
        }
        if (stride < 1) {
            throw new IllegalArgumentException("temporal stride must be >= 1, got " + stride);
        }
        List<Integer> pos = new ArrayList<>();
        for (int p = 0; p < frames - 1; p += stride) {
            pos.add(p);
        }
        pos.add(frames - 1);
        if (frames == 1) {
            pos = List.of(0);
        }
        List<Integer> coded = new ArrayList<>();
        for (int p : pos) {
            if (!variant.knowsLatentAt(p, frames)) {
                coded.add(p);
            }
        }
        int[] positions = pos.stream().mapToInt(Integer::intValue).toArray();
        int[] codedPos = coded.stream().mapToInt(Integer::intValue).toArray();
        float[] alphas = new float[codedPos.length];
        for (int i = 0; i < alphas.length; i++) {
            alphas[i] = frames == 1 ? 0f : (float) codedPos[i] / (frames - 1);
        }
        int tail = variant.tailLatentFrames(tailLatentFrames, codedPos.length);
        return new GopLayout(variant, frames, stride, positions, codedPos, alphas, tail);
    }

    public int codedFrames() {
        return codedPositions.length;
    }

    /** Whether coded latent frame f is a tail frame (I2V), which gets M_tail atoms. */
    public boolean isTail(int codedIndex) {
        return codedIndex >= codedPositions.length - tailLatentFrames;
    }

    /** Atoms per step for coded latent frame f. */
    public int atomsFor(int codedIndex, int m, int mTail) {
        return isTail(codedIndex) ? mTail : m;
    }
}
