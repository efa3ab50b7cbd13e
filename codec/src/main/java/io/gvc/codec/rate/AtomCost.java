package io.gvc.codec.rate;

import io.gvc.codec.bitstream.BoundaryPicture;
import io.gvc.codec.frame.Frame;
import io.gvc.codec.metrics.Psnr;
import java.util.List;
import java.util.function.IntFunction;
import java.util.function.IntToDoubleFunction;

/**
 * Whether a GOP's atoms earn their bits: the mode decision by measured cost between the GOP coded
 * with its searched atoms and without them. The atoms pay where the luma squared error they remove
 * from the GOP's output pictures is more than their bits at the price the GOP's keyframes are bought
 * at ({@link #price}).
 *
 * <p>Before codec v22 the encoder kept atoms wherever their deviation scale was above 0 (the luma
 * took any of it); measured on a validation clip, those atoms cost 4 to 14 % of a point's bytes for
 * 0.0006 to 0.0016 of LPIPS, an order of magnitude below the slope of the codec's own curve
 * (docs/results.md, "Codec v22").
 */
public final class AtomCost {

    private AtomCost() {
    }

    /**
     * The price of an atom bit, in luma squared error over a GOP's {@code outputFrames}: what the GOP's
     * keyframe bits buy. The boundary codec's lambda ({@code lambda}, {@link
     * io.gvc.codec.intra.IntraCodec#lambda}) prices a bit of one picture at its quality, here the mean
     * over the pictures the GOP codes ({@code coded}); a keyframe's bits reach every frame the bridge
     * builds from it, not only its own picture, so the price is that times the output frames per
     * picture coded (x265's CU-tree raises the worth of referenced blocks the same way). 0 (atoms
     * that remove any error pay) for a GOP that codes no picture of its own; {@code lambda} is then
     * not asked.
     */
    public static double price(List<BoundaryPicture> coded, IntToDoubleFunction lambda, int outputFrames) {
        if (coded.isEmpty()) {
            return 0;
        }
        double lambdas = 0;
        for (BoundaryPicture p : coded) {
            lambdas += lambda.applyAsDouble(p.quality());
        }
        return lambdas / coded.size() * outputFrames / coded.size();
    }

    /**
     * True where the atoms pay: frames {@code from} to {@code to} - 1 of the GOP ({@code source}), as
     * output with atoms and without, and what the atoms cost in bits at {@code lambda} (luma squared
     * error per bit). A lambda of 0 (no price known) keeps any atoms that remove any error.
     */
    public static boolean pays(IntFunction<Frame> source, Frame[] withAtoms, Frame[] without, int from, int to,
                               long atomBits, double lambda) {
        if (lambda < 0 || Double.isNaN(lambda)) {
            throw new IllegalArgumentException("lambda must be >= 0, got " + lambda);
        }
        return removedError(source, withAtoms, without, from, to) > lambda * atomBits;
    }

    /** The luma squared error of {@code without} minus that of {@code withAtoms} over frames [from, to). */
    static long removedError(IntFunction<Frame> source, Frame[] withAtoms, Frame[] without, int from, int to) {
        long removed = 0;
        for (int j = from; j < to; j++) {
            Frame truth = source.apply(j);
            removed += Psnr.sse(truth, without[j], 0) - Psnr.sse(truth, withAtoms[j], 0);
        }
        return removed;
    }
}
