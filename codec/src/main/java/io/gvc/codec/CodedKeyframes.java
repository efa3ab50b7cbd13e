package io.gvc.codec;

import io.gvc.codec.anchor.Keyframes;
import io.gvc.codec.bitstream.BoundaryPicture;
import java.util.List;

/**
 * A GOP's keyframes as {@link BoundaryCoder} coded them: the pictures (in position order), the
 * GOP's keyframes decoded from them (the shared first included), whether they fit the budget
 * (false when even the lowest quality is over it, or for a fixed quality, which has none), and the
 * intra picture's {@link io.gvc.codec.rate.IntraBoost}.
 */
record CodedKeyframes(List<BoundaryPicture> pictures, Keyframes keyframes, boolean fitsBudget, int intraBoost) {

    CodedKeyframes(List<BoundaryPicture> pictures, Keyframes keyframes) {
        this(pictures, keyframes, false, 0);
    }

    CodedKeyframes fitting(int boost) {
        return new CodedKeyframes(pictures, keyframes, true, boost);
    }

    long bits() {
        long bits = 0;
        for (BoundaryPicture b : pictures) {
            bits += 8L * b.data().length;
        }
        return bits;
    }
}
