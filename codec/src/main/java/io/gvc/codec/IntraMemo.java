package io.gvc.codec;

import io.gvc.codec.frame.Gop;
import io.gvc.codec.intra.IntraCodec;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A GOP's frames coded intra so far, by position and quality. Every plan's decision pass codes
 * its keyframes intra to weigh prediction against, and plans share positions (the last frame is
 * in all of them, the first frame of a chain's start in every trial), so each is coded once.
 * One per GOP: a coder serves GOPs on many threads, and one GOP's plans may be coded on several
 * (a picture asked for twice at once is coded once, the second caller waiting for it).
 */
final class IntraMemo {
    private final Map<Long, byte[]> coded = new ConcurrentHashMap<>();

    byte[] encode(IntraCodec codec, Gop gop, int position, int quality) {
        return coded.computeIfAbsent(((long) position << 8) | quality, k -> codec.encode(gop.frame(position), quality));
    }
}
