package io.gvc.codec;

import io.gvc.codec.anchor.Keyframes;
import io.gvc.codec.bitstream.BitstreamException;
import io.gvc.codec.bitstream.BoundaryPicture;
import io.gvc.codec.frame.Frame;
import io.gvc.codec.frame.Gop;
import io.gvc.codec.intra.IntraCodec;
import io.gvc.codec.intra.PredictiveCodec;
import io.gvc.codec.rate.QualitySearch;
import java.util.ArrayList;
import java.util.List;

/**
 * The last step of a rate-controlled keyframe chain ({@link BoundaryCoder}): the GOP's last keyframe
 * raised with what the chain's one quality left of the budget; and the chain's pictures decoded as
 * every decoder decodes them.
 */
final class LastKeyframeRaise {

    private LastKeyframeRaise() {
    }

    /**
     * Spends on the GOP's last keyframe what its one quality left of the budget: that picture again
     * at each higher level while the keyframes still fit. One quality for every keyframe moves in
     * steps of a QP, each about a tenth of the bits, so a GOP can leave nearly a step unspent; the last
     * keyframe is where those bits count most, because the next GOP predicts its keyframes from it and
     * bridges its first segment from it, and it is the last one coded, so raising it changes no other
     * picture. A GOP with a single coded picture is left as it is: the search already put that
     * picture as high as fits.
     */
    static CodedKeyframes raise(IntraCodec codec, Gop gop, CodedKeyframes coded, long budgetBits, IntraMemo memo) {
        List<BoundaryPicture> pictures = coded.pictures();
        Keyframes keyframes = coded.keyframes();
        if (pictures.size() < 2 || keyframes.count() < 2) {
            return coded;
        }
        BoundaryPicture last = pictures.get(pictures.size() - 1);
        Frame reference = keyframes.picture(keyframes.count() - 2);
        Frame target = gop.frame(last.position());
        long otherBits = coded.bits() - 8L * last.data().length;
        BoundaryPicture raised = last;
        int level = codec.level(last.quality());
        for (int q = last.quality() + 1; q <= QualitySearch.HIGHEST; q++) {
            if (codec.level(q) == level) {
                continue;
            }
            level = codec.level(q);
            byte[] data = last.predicted() ? ((PredictiveCodec) codec).encodePredicted(reference, target, q)
                    : memo.encode(codec, gop, last.position(), q);
            if (otherBits + 8L * data.length > budgetBits) {
                break;
            }
            raised = new BoundaryPicture(last.position(), codec.id(), q, last.predicted(), data);
        }
        if (raised == last) {
            return coded;
        }
        List<BoundaryPicture> out = new ArrayList<>(pictures);
        out.set(out.size() - 1, raised);
        Frame[] decoded = keyframes.pictures();
        decoded[decoded.length - 1] = decode(codec, raised.data(), raised.predicted(), raised.quality(), reference, gop);
        return new CodedKeyframes(out, new Keyframes(keyframes.positions(), decoded));
    }

    /** A chain picture decoded (predicted ones from {@code reference}), as every decoder will see it. */
    static Frame decode(IntraCodec codec, byte[] data, boolean predicted, int quality, Frame reference, Gop gop) {
        int w = gop.frame(0).width(), h = gop.frame(0).height();
        try {
            return predicted ? ((PredictiveCodec) codec).decodePredicted(data, reference, quality, w, h)
                    : codec.decode(data, w, h);
        } catch (BitstreamException e) {
            throw new IllegalStateException(codec.id() + " cannot decode its own output: " + e.getMessage(), e);
        }
    }
}
