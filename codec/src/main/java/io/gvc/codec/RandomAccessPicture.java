package io.gvc.codec;

import io.gvc.codec.bitstream.BoundaryPicture;
import io.gvc.codec.frame.Frame;
import io.gvc.codec.frame.Gop;
import io.gvc.codec.intra.IntraCodec;
import io.gvc.codec.rate.QualitySearch;
import io.gvc.codec.rate.RateController;

/**
 * The intra picture a period ends on where periods are independent ({@link RandomAccess}): a
 * function of its frame, the settings and its GOP's number alone, so the encoder of the period it
 * ends and the encoder of the period it starts code the same bytes. Its quality is the explicit
 * keyframe quality, else the quality held ({@link CodecParams#targetQuality}), else the highest
 * whose bytes fit an intra picture's share of a nominal GOP's boundary budget ({@link
 * RateController#INTRA_COST_RATIO} times a predicted picture's bits, for a whole GOP of the
 * stream's length at the target rate), found by the rate search the chain uses. Unlike a chain's
 * own intra picture it is not coded finer by what the pictures after it reuse
 * ({@link io.gvc.codec.rate.IntraBoost}): that would need the next period's frames.
 */
final class RandomAccessPicture {

    private final IntraCodec codec;
    private final CodecParams params;
    private final QualitySearch search;

    RandomAccessPicture(IntraCodec codec, CodecParams params) {
        this.codec = codec;
        this.params = params;
        this.search = new QualitySearch(codec::level);
    }

    /**
     * The picture of position {@code position} of {@code gop} (the frame GOP {@code randomAccessSeq}
     * ends on), coded as the rule says; {@code memo} caches the intra codings of the GOP's frames.
     */
    BoundaryPicture code(Gop gop, int position, long randomAccessSeq, IntraMemo memo) {
        int quality = quality(gop, position, randomAccessSeq, memo);
        return new BoundaryPicture(position, codec.id(), quality, false, memo.encode(codec, gop, position, quality));
    }

    /** The picture decoded, as every decoder sees it. */
    Frame decode(BoundaryPicture picture, Gop gop) {
        return LastKeyframeRaise.decode(codec, picture.data(), false, picture.quality(), null, gop);
    }

    private int quality(Gop gop, int position, long seq, IntraMemo memo) {
        if (params.keyframeQuality() != null) {
            return params.keyframeQuality();
        }
        if (params.holdsQuality()) {
            return params.targetQuality();
        }
        Frame f = gop.frame(position);
        long perPicture = Math.round(params.targetBpp() * f.width() * f.height() * (params.gopFrames() - 1)
                * params.boundaryShare());
        long budget = Math.round(RateController.predictedPictureBitsIndependent(perPicture, params.intraPeriod(), seq)
                * RateController.INTRA_COST_RATIO);
        int start = (QualitySearch.LOWEST + QualitySearch.HIGHEST) / 2;
        long startBits = 8L * memo.encode(codec, gop, position, start).length;
        int q = search.highestFitting((trial, limit) -> 8L * memo.encode(codec, gop, position, trial).length,
                start, startBits, budget);
        return Math.max(q, QualitySearch.LOWEST);
    }
}
