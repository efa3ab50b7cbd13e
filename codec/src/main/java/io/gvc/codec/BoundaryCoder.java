package io.gvc.codec;

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
 * The keyframe chain, encoder side: codes a GOP's boundary frames and returns them decoded, as every
 * decoder will see them. The first frame (only where the GOP does not share it) is intra. The last
 * is predicted from the first (the chain's inter picture) when the codec can predict, unless the
 * GOP is a random-access point ({@link CodecParams#intraPeriod()}) or intra measures smaller (a
 * scene cut: prediction from an unrelated picture costs more than none).
 *
 * <p>Quality is the explicit keyframe quality, else the highest whose bits fit the budget
 * (bisection; size grows with quality), where the budget is so many bits per predicted picture
 * and {@link RateController#INTRA_COST_RATIO} times as many per intra one. The budget depends on
 * the GOP alone (its number and pictures), never on earlier GOPs: a live encoder restarted after a
 * failover, or one that skipped a refused record, codes every GOP as the file encoder does.
 */
final class BoundaryCoder {

    /** The coded boundary pictures, and the first and last frames decoded from them (or shared). */
    record Coded(List<BoundaryPicture> pictures, Frame first, Frame last) {
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
     * @param codeLast    whether position n - 1 is coded here (FLF2V)
     */
    Coded code(Gop gop, Frame sharedFirst, boolean codeFirst, boolean codeLast, long perPictureBits) {
        if (!codeFirst && !codeLast) {
            return new Coded(List.of(), sharedFirst, null);
        }
        boolean predict = codeLast && codec instanceof PredictiveCodec && !randomAccess(gop.seq());
        if (predict) {
            predict = predictionPays(gop, sharedFirst, codeFirst);
        }
        if (fixedQuality != null) {
            return codeAt(gop, sharedFirst, codeFirst, codeLast, predict, fixedQuality);
        }
        // a picture is "normally" predicted; the chain's start and random-access points are intra by
        // rule and get an intra picture's budget; where intra won on cost it is the normal picture
        boolean predictive = codec instanceof PredictiveCodec;
        int forcedIntra = predictive ? (codeFirst ? 1 : 0) + (codeLast && randomAccess(gop.seq()) ? 1 : 0) : 0;
        int normal = (codeFirst ? 1 : 0) + (codeLast ? 1 : 0) - forcedIntra;
        long perPicture = predictive ? RateController.predictedPictureBits(perPictureBits, intraPeriod, gop.seq())
                : perPictureBits;
        long budgetBits = RateController.boundaryBudget(perPicture, forcedIntra, normal);
        Coded best = null;
        int lo = 1, hi = 100;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            Coded trial = codeAt(gop, sharedFirst, codeFirst, codeLast, predict, mid);
            if (bits(trial) <= budgetBits) {
                best = trial;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return best != null ? best : codeAt(gop, sharedFirst, codeFirst, codeLast, predict, 1);
    }

    /** Mode decision by measured cost: prediction only where it is smaller than intra at the same quality. */
    private boolean predictionPays(Gop gop, Frame sharedFirst, boolean codeFirst) {
        int q = fixedQuality != null ? fixedQuality : DECISION_QUALITY;
        Frame reference = codeFirst ? decode(codec.encode(gop.frame(0), q), false, null, gop) : sharedFirst;
        Frame last = gop.frame(gop.size() - 1);
        long predicted = ((PredictiveCodec) codec).encodePredicted(reference, last, q).length;
        long intra = codec.encode(last, q).length;
        return predicted < intra;
    }

    private Coded codeAt(Gop gop, Frame sharedFirst, boolean codeFirst, boolean codeLast, boolean predict, int q) {
        List<BoundaryPicture> out = new ArrayList<>(2);
        Frame first = sharedFirst;
        if (codeFirst) {
            byte[] data = codec.encode(gop.frame(0), q);
            out.add(new BoundaryPicture(0, codec.id(), q, false, data));
            first = decode(data, false, null, gop);
        }
        Frame last = null;
        if (codeLast) {
            int n = gop.size();
            byte[] data = predict ? ((PredictiveCodec) codec).encodePredicted(first, gop.frame(n - 1), q)
                    : codec.encode(gop.frame(n - 1), q);
            out.add(new BoundaryPicture(n - 1, codec.id(), q, predict, data));
            last = decode(data, predict, first, gop);
        }
        return new Coded(out, first, last);
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

    private static long bits(Coded c) {
        long bits = 0;
        for (BoundaryPicture b : c.pictures()) {
            bits += 8L * b.data().length;
        }
        return bits;
    }
}
