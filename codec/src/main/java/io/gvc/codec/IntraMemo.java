package io.gvc.codec;

import io.gvc.codec.bitstream.BoundaryPicture;
import io.gvc.codec.frame.Frame;
import io.gvc.codec.frame.Gop;
import io.gvc.codec.intra.IntraCodec;
import io.gvc.codec.intra.PredictiveCodec;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * A GOP's frames coded so far, intra by position and quality, predicted by position, quality and
 * reference. Every plan's decision pass codes its keyframes intra to weigh prediction against,
 * and plans share positions (the last frame is in all of them, the first frame of a chain's start
 * in every trial), so each is coded once. Predicted pictures repeat too: a decision made again at
 * the quality the rate search found (codec v17) codes, up to the first changed decision, the
 * pictures the search's trial at that quality coded from the same references, and a plan with
 * between pictures searches its chain again at qualities the chain alone was tried at. Those are
 * remembered by the reference's content (a SHA-256 of its planes: the reference is a decode, a new
 * object each time), so the output is the same, only cheaper.
 * One per GOP: a coder serves GOPs on many threads, and one GOP's plans may be coded on several
 * (a picture asked for twice at once is coded once, the second caller waiting for it). It also
 * holds the picture a period ends on by its rule ({@link RandomAccessPicture}), which every trial
 * of the GOP needs and whose quality search would otherwise run again at each.
 */
final class IntraMemo {
    private final Map<Long, byte[]> coded = new ConcurrentHashMap<>();
    private final Map<PredictedKey, byte[]> predicted = new ConcurrentHashMap<>();
    private final Map<Integer, BoundaryPicture> ruled = new ConcurrentHashMap<>();

    private record PredictedKey(int position, int quality, byte[] referenceDigest) {
        @Override
        public boolean equals(Object o) {
            return o instanceof PredictedKey k && k.position == position && k.quality == quality
                    && Arrays.equals(k.referenceDigest, referenceDigest);
        }

        @Override
        public int hashCode() {
            return (31 * position + quality) * 31 + Arrays.hashCode(referenceDigest);
        }
    }

    byte[] encode(IntraCodec codec, Gop gop, int position, int quality) {
        return coded.computeIfAbsent(((long) position << 8) | quality, k -> codec.encode(gop.frame(position), quality));
    }

    /** The picture at {@code position} coded by its rule: remembered, or coded by {@code rule} now. */
    BoundaryPicture ruled(int position, Function<Integer, BoundaryPicture> rule) {
        return ruled.computeIfAbsent(position, rule);
    }

    /** The frame at {@code position} predicted from {@code reference} at {@code quality}. */
    byte[] encodePredicted(PredictiveCodec codec, Gop gop, Frame reference, int position, int quality) {
        return predicted.computeIfAbsent(new PredictedKey(position, quality, digest(reference)),
                k -> codec.encodePredicted(reference, gop.frame(position), quality));
    }

    private static byte[] digest(Frame f) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(new byte[] {(byte) (f.width() >>> 8), (byte) f.width(), (byte) (f.height() >>> 8), (byte) f.height()});
            sha.update(f.y());
            sha.update(f.u());
            sha.update(f.v());
            return sha.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
