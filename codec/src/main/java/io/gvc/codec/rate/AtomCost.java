package io.gvc.codec.rate;

import io.gvc.codec.frame.Frame;
import io.gvc.codec.metrics.Psnr;
import java.util.function.IntFunction;

/**
 * Whether a GOP's atoms earn their bits: the mode decision by measured cost between the GOP coded
 * with its searched atoms and without them. The atoms pay where the luma squared error they remove
 * from the GOP's output pictures is more than their bits at the price the GOP's keyframes are bought
 * at, which the caller sets ({@code GopAtomCoder}: the boundary codec's lambda, {@link
 * io.gvc.codec.intra.IntraCodec#lambda}, at the GOP's pictures' qualities, times the output frames
 * each picture reaches).
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
