package io.gvc.codec;

import io.gvc.codec.anchor.Keyframes;
import io.gvc.codec.bitstream.BoundaryPicture;
import io.gvc.codec.frame.Frame;
import io.gvc.codec.frame.Gop;
import io.gvc.codec.intra.IntraCodec;
import io.gvc.codec.intra.PredictiveCodec;
import io.gvc.codec.rate.IntraBoost;
import java.util.ArrayList;
import java.util.List;

/**
 * A GOP's keyframes being coded in order at one quality, for {@link BoundaryCoder}: the pictures,
 * their decodes (each the reference of the next predicted one), the bits so far.
 */
final class ChainInProgress {

    private final IntraCodec codec;
    private final Gop gop;
    private final int quality;
    private final List<BoundaryPicture> out;
    private final IntraMemo memo;
    private final int boost;
    /** The intra picture a period ends on where periods are independent ({@link RandomAccessPicture}), else null. */
    private final BoundaryPicture ruled;
    private final int[] positions;
    private final Frame[] pictures;
    private int k;
    /** The last picture added, decoded: what the next predicted keyframe predicts from. */
    Frame previous;
    long bits;

    /** Starts with the shared first frame, or codes the first frame intra where {@code codeFirst}. */
    ChainInProgress(IntraCodec codec, Gop gop, Frame sharedFirst, boolean codeFirst, int laterCount, int quality,
            IntraMemo memo, int boost, BoundaryPicture ruled) {
        this.codec = codec;
        this.ruled = ruled;
        this.gop = gop;
        this.quality = quality;
        this.out = new ArrayList<>(laterCount + 1);
        this.positions = new int[laterCount + (codeFirst || sharedFirst != null ? 1 : 0)];
        this.pictures = new Frame[positions.length];
        this.memo = memo;
        this.boost = boost;
        if (codeFirst) {
            addIntraByRule(0);
        } else if (sharedFirst != null) {
            positions[k] = 0;
            pictures[k++] = sharedFirst;
            previous = sharedFirst;
        }
    }

    /**
     * The quality of a picture that is intra by rule (the chain's start, a random-access point) in
     * a chain at {@code q}: {@code boost} levels finer ({@link IntraBoost}). Only a chain that
     * predicts has such pictures; an intra-only codec's are all alike.
     */
    static int intraByRuleQuality(IntraCodec codec, int q, int boost) {
        return codec instanceof PredictiveCodec && boost > 0 ? codec.finer(q, boost) : q;
    }

    void add(int position, boolean predicted, byte[] data) {
        add(position, predicted, quality, data);
    }

    /**
     * A picture intra by rule (the chain's start, a random-access point): {@link #intraByRuleQuality}
     * finer, or, for the picture a period ends on where periods are independent, as its rule codes it.
     */
    void addIntraByRule(int position) {
        if (ruled != null && ruled.position() == position) {
            add(position, false, ruled.quality(), ruled.data());
            return;
        }
        int q = intraByRuleQuality(codec, quality, boost);
        add(position, false, q, memo.encode(codec, gop, position, q));
    }

    private void add(int position, boolean predicted, int pictureQuality, byte[] data) {
        out.add(new BoundaryPicture(position, codec.id(), pictureQuality, predicted, data));
        bits += 8L * data.length;
        previous = LastKeyframeRaise.decode(codec, data, predicted, pictureQuality, previous, gop);
        positions[k] = position;
        pictures[k++] = previous;
    }

    CodedKeyframes coded() {
        return new CodedKeyframes(out, new Keyframes(positions, pictures));
    }
}
