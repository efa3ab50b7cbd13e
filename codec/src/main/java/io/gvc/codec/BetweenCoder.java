package io.gvc.codec;

import io.gvc.codec.anchor.Keyframes;
import io.gvc.codec.bitstream.BitstreamException;
import io.gvc.codec.bitstream.BoundaryPicture;
import io.gvc.codec.frame.Frame;
import io.gvc.codec.frame.Gop;
import io.gvc.codec.intra.BidirectionalCodec;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeMap;

/**
 * Adds between pictures (codec v12) to a GOP's coded chain: each is predicted from the chain
 * keyframes either side of it, so it is coded once the chain is, and {@link #LEVELS_COARSER}
 * levels coarser than the chain's quality, because nothing predicts from it (x265's own B pictures
 * sit about 2 QP above its P pictures for the same reason, more with its CU-tree).
 */
final class BetweenCoder {

    /**
     * Levels (x265: QP) a between picture is coded coarser than the chain's pictures. Chosen on the
     * tuning clips (`gvc eval --frames 33 --variants flf2v --baselines x265 --crf 51,47,43,39,35`),
     * LPIPS / PSNR-Y BD-rate against codec v11's curve, man-skiing and yoga: 2 levels -1.4 / -27.1 %
     * and -1.0 / -4.1 %; 5 levels -4.5 / -26.4 % and -0.6 / -2.8 %. The fast clip gains more from
     * cheaper between pictures than the still one loses.
     */
    static final int LEVELS_COARSER = 5;

    private final BidirectionalCodec codec;

    BetweenCoder(BidirectionalCodec codec) {
        this.codec = codec;
    }

    /**
     * The chain with a between picture at each of {@code positions}, coded from the chain's quality
     * {@code chainQuality}; null as soon as the bits pass {@code limitBits}.
     */
    CodedKeyframes add(CodedKeyframes chain, Gop gop, int[] positions, int chainQuality, long limitBits) {
        if (positions.length == 0) {
            return chain;
        }
        int quality = Math.max(codec.coarsestCutQuality(), codec.coarser(chainQuality, LEVELS_COARSER));
        Keyframes keys = chain.keyframes();
        List<BoundaryPicture> pictures = new ArrayList<>(chain.pictures());
        TreeMap<Integer, Frame> decoded = new TreeMap<>(); // every keyframe by position, the between pictures added
        for (int i = 0; i < keys.count(); i++) {
            decoded.put(keys.position(i), keys.picture(i));
        }
        long bits = chain.bits();
        int w = gop.frame(0).width(), h = gop.frame(0).height();
        for (int p : positions) {
            int before = lastBefore(keys, p); // keys is the chain alone: its pictures either side are the references
            Frame past = keys.picture(before), future = keys.picture(before + 1);
            byte[] data = codec.encodeBetween(past, future, gop.frame(p), quality);
            bits += 8L * data.length;
            if (bits > limitBits) {
                return null;
            }
            pictures.add(new BoundaryPicture(p, codec.id(), quality, true, true, data));
            decoded.put(p, decode(data, past, future, quality, w, h));
        }
        pictures.sort(Comparator.comparingInt(BoundaryPicture::position));
        return new CodedKeyframes(pictures, new Keyframes(decoded.keySet().stream().mapToInt(Integer::intValue).toArray(),
                decoded.values().toArray(new Frame[0])));
    }

    /** The index of the last chain keyframe before {@code position}. */
    private static int lastBefore(Keyframes keys, int position) {
        int i = 0;
        while (keys.position(i + 1) < position) {
            i++;
        }
        return i;
    }

    private Frame decode(byte[] data, Frame past, Frame future, int quality, int w, int h) {
        try {
            return codec.decodeBetween(data, past, future, quality, w, h);
        } catch (BitstreamException e) {
            throw new IllegalStateException(codec.id() + " cannot decode its own between picture: " + e.getMessage(), e);
        }
    }
}
