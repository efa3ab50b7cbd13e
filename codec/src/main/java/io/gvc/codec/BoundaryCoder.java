package io.gvc.codec;

import io.gvc.codec.anchor.Keyframes;
import io.gvc.codec.bitstream.BitstreamException;
import io.gvc.codec.bitstream.BoundaryPicture;
import io.gvc.codec.frame.Frame;
import io.gvc.codec.frame.Gop;
import io.gvc.codec.intra.IntraCodec;
import io.gvc.codec.intra.PredictiveCodec;
import io.gvc.codec.rate.RateController;
import java.util.ArrayList;
import java.util.List;

/**
 * The keyframe chain, encoder side: codes a GOP's keyframes and returns them decoded, as every
 * decoder will see them. The first frame (only where the GOP does not share it) is intra. Each later
 * keyframe (FLF2V: any mid-GOP keyframes, then the last frame) is predicted from the keyframe before
 * it when the codec can predict, unless it is the last frame of a random-access GOP
 * ({@link CodecParams#intraPeriod()}) or intra measures smaller (a scene cut: prediction from an
 * unrelated picture costs more than none).
 *
 * <p>Quality is the explicit keyframe quality, else the highest whose bits fit the budget
 * (bisection; size grows with quality), one quality for all of the GOP's keyframes. The budget is
 * so many bits per predicted picture and {@link RateController#INTRA_COST_RATIO} times as many per
 * intra one, counted for the GOP's boundary pictures alone. Mid-GOP keyframes get no budget of
 * their own: a cut plan is coded within the bits the uncut one spent ({@link #codeWithin}), so the
 * choice between them is a matter of picture quality alone ({@link io.gvc.codec.rate.AnchorDecision}). The budget depends on the GOP alone
 * (its number and pictures), never on earlier GOPs: a live encoder restarted after a failover, or
 * one that skipped a refused record, codes every GOP as the file encoder does.
 */
final class BoundaryCoder {

    /**
     * The coded keyframe pictures, the GOP's keyframes decoded from them (the shared first included),
     * and whether they fit the budget (false when even the lowest quality is over it, or for a
     * fixed quality, which has none).
     */
    record Coded(List<BoundaryPicture> pictures, Keyframes keyframes, boolean fitsBudget) {

        Coded(List<BoundaryPicture> pictures, Keyframes keyframes) {
            this(pictures, keyframes, false);
        }

        Coded fitting() {
            return new Coded(pictures, keyframes, true);
        }

        long bits() {
            long bits = 0;
            for (BoundaryPicture b : pictures) {
                bits += 8L * b.data().length;
            }
            return bits;
        }
    }

    /** Quality at which intra and prediction are compared (the middle of the scale). */
    private static final int DECISION_QUALITY = 50;

    private final IntraCodec codec;
    private final Integer fixedQuality;
    private final int intraPeriod;

    BoundaryCoder(IntraCodec codec, Integer fixedQuality, int intraPeriod) {
        this.codec = codec;
        this.fixedQuality = fixedQuality;
        this.intraPeriod = intraPeriod;
    }

    /** Whether GOP {@code seq} ends on an intra picture, where a decoder can join the stream. */
    boolean randomAccess(long seq) {
        return (seq + 1) % intraPeriod == 0;
    }

    /**
     * @param sharedFirst the previous GOP's last frame when the GOP shares it, else null
     * @param codeFirst   whether position 0 is coded here (never together with sharedFirst)
     * @param later       the positions after 0 coded here, increasing (FLF2V: mid-GOP keyframes and
     *                    the last frame; empty for the other variants)
     */
    Coded code(Gop gop, Frame sharedFirst, boolean codeFirst, int[] later, long perPictureBits) {
        if (!codeFirst && later.length == 0) {
            return new Coded(List.of(), sharedFirst == null ? Keyframes.none() : Keyframes.firstOnly(sharedFirst), true);
        }
        if (fixedQuality != null) {
            return codeAt(gop, sharedFirst, codeFirst, later, predictions(gop, sharedFirst, codeFirst, later),
                    fixedQuality);
        }
        // a picture is "normally" predicted; the chain's start and random-access points are intra by
        // rule and get an intra picture's budget; where intra won on cost it is the normal picture
        boolean predictive = codec instanceof PredictiveCodec;
        boolean codeLast = later.length > 0 && later[later.length - 1] == gop.size() - 1;
        int forcedIntra = predictive ? (codeFirst ? 1 : 0) + (codeLast && randomAccess(gop.seq()) ? 1 : 0) : 0;
        int normal = (codeFirst ? 1 : 0) + (codeLast ? 1 : 0) - forcedIntra;
        long perPicture = predictive ? RateController.predictedPictureBits(perPictureBits, intraPeriod, gop.seq())
                : perPictureBits;
        return codeWithin(gop, sharedFirst, codeFirst, later, RateController.boundaryBudget(perPicture, forcedIntra,
                normal));
    }

    /**
     * The keyframes at the highest quality whose bits fit {@code budgetBits} (bisection; size grows
     * with quality); at the lowest quality, marked as not fitting, when none does.
     */
    Coded codeWithin(Gop gop, Frame sharedFirst, boolean codeFirst, int[] later, long budgetBits) {
        boolean[] predict = predictions(gop, sharedFirst, codeFirst, later);
        Coded best = null;
        int lo = 1, hi = 100;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            Coded trial = codeAt(gop, sharedFirst, codeFirst, later, predict, mid);
            if (trial.bits() <= budgetBits) {
                best = trial;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return best != null ? best.fitting() : codeAt(gop, sharedFirst, codeFirst, later, predict, 1);
    }

    /**
     * Per later keyframe, whether it is predicted from the keyframe before it: mode decision by
     * measured cost, prediction only where it is smaller than intra at the same quality, and never for
     * the last frame of a random-access GOP.
     */
    private boolean[] predictions(Gop gop, Frame sharedFirst, boolean codeFirst, int[] later) {
        boolean[] predict = new boolean[later.length];
        if (!(codec instanceof PredictiveCodec pc)) {
            return predict;
        }
        int q = fixedQuality != null ? fixedQuality : DECISION_QUALITY;
        Frame reference = codeFirst ? decode(codec.encode(gop.frame(0), q), false, null, gop) : sharedFirst;
        for (int i = 0; i < later.length; i++) {
            Frame target = gop.frame(later[i]);
            boolean last = later[i] == gop.size() - 1;
            byte[] intra = codec.encode(target, q);
            if (last && randomAccess(gop.seq())) {
                predict[i] = false;
            } else {
                byte[] predicted = pc.encodePredicted(reference, target, q);
                predict[i] = predicted.length < intra.length;
                if (predict[i] && i + 1 < later.length) {
                    reference = decode(predicted, true, reference, gop);
                    continue;
                }
            }
            if (i + 1 < later.length) {
                reference = decode(intra, false, null, gop);
            }
        }
        return predict;
    }

    private Coded codeAt(Gop gop, Frame sharedFirst, boolean codeFirst, int[] later, boolean[] predict, int q) {
        List<BoundaryPicture> out = new ArrayList<>(later.length + 1);
        int[] positions = new int[later.length + (codeFirst || sharedFirst != null ? 1 : 0)];
        Frame[] pictures = new Frame[positions.length];
        int k = 0;
        Frame previous = sharedFirst;
        if (codeFirst) {
            byte[] data = codec.encode(gop.frame(0), q);
            out.add(new BoundaryPicture(0, codec.id(), q, false, data));
            previous = decode(data, false, null, gop);
        }
        if (previous != null) {
            positions[k] = 0;
            pictures[k++] = previous;
        }
        for (int i = 0; i < later.length; i++) {
            Frame target = gop.frame(later[i]);
            byte[] data = predict[i] ? ((PredictiveCodec) codec).encodePredicted(previous, target, q)
                    : codec.encode(target, q);
            out.add(new BoundaryPicture(later[i], codec.id(), q, predict[i], data));
            previous = decode(data, predict[i], previous, gop);
            positions[k] = later[i];
            pictures[k++] = previous;
        }
        return new Coded(out, new Keyframes(positions, pictures));
    }

    private Frame decode(byte[] data, boolean predicted, Frame reference, Gop gop) {
        int w = gop.frame(0).width(), h = gop.frame(0).height();
        try {
            return predicted ? ((PredictiveCodec) codec).decodePredicted(data, reference, w, h)
                    : codec.decode(data, w, h);
        } catch (BitstreamException e) {
            throw new IllegalStateException(codec.id() + " cannot decode its own output: " + e.getMessage(), e);
        }
    }
}
