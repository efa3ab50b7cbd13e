package io.gvc.boundary;

import io.gvc.codec.frame.Frame;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The I pictures a predicted payload's decoder codes again from its reference, remembered by the
 * reference's content and the QP. An encoder's rate search codes the same keyframe against the same
 * reference at several qualities and decodes each trial, so without this every trial paid for a
 * second x265 session whose output it had just produced. The I picture depends on the reference
 * and the QP alone (that is what the payload's check tests), so a remembered one is exactly the one
 * a new session would code: the output does not change, only the time.
 *
 * <p>Keys are a SHA-256 of the picture's size and planes (a full copy would cost a frame each);
 * bounded, least recently used first out; safe for the many threads one codec instance serves.
 */
final class ReferencePictures {

    /**
     * The bytes remembered, at most. Bounded by bytes rather than by count, because a GOP's search
     * and its decodes touch more pictures than the 32 this once held (an encoder then coded again
     * many of the I pictures its own decodes needed: 6 % of an encode's time, none left with a bound
     * of 32 MiB, docs/performance.md), and a picture's size runs from a few hundred bytes to
     * hundreds of kilobytes. 16 MiB: at 320x240 a GOP's whole search (measured on archery: 7 % off the
     * encode), at 720p part of it; a codec holds two of these (predicted and between pictures), a
     * stream's encoder one codec, so a live stream holds at most 32 MiB of them.
     */
    static final long MAX_BYTES = 16L << 20;

    private record Key(byte[] digest, int qp) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.qp == qp && Arrays.equals(k.digest, digest);
        }

        @Override
        public int hashCode() {
            return 31 * Arrays.hashCode(digest) + qp;
        }
    }

    /** Least recently used first. */
    private final Map<Key, byte[]> pictures = new LinkedHashMap<>(64, 0.75f, true);
    /** The bytes of the pictures held; guarded by {@code pictures}. */
    private long bytes;

    /** The I picture of {@code reference} at {@code qp}: remembered, or coded by {@code code} now. */
    byte[] get(Frame reference, int qp, Supplier<byte[]> code) {
        return get(new Key(digest(reference), qp), code);
    }

    /** The reference pictures of the pair {@code first}, {@code second} at {@code qp}: remembered, or coded now. */
    byte[] get(Frame first, Frame second, int qp, Supplier<byte[]> code) {
        return get(new Key(digest(first, second), qp), code);
    }

    private byte[] get(Key key, Supplier<byte[]> code) {
        synchronized (pictures) {
            byte[] known = pictures.get(key);
            if (known != null) {
                return known.clone();
            }
        }
        byte[] coded = code.get();
        put(key, coded);
        return coded;
    }

    /** Remembers the reference pictures of the pair {@code first}, {@code second} at {@code qp}. */
    void put(Frame first, Frame second, int qp, byte[] coded) {
        put(new Key(digest(first, second), qp), coded);
    }

    /** Remembers the I picture a two-picture encode coded on the way to its P picture. */
    void put(Frame reference, int qp, byte[] intra) {
        put(new Key(digest(reference), qp), intra);
    }

    private void put(Key key, byte[] intra) {
        synchronized (pictures) {
            byte[] old = pictures.put(key, intra.clone());
            bytes += intra.length - (old == null ? 0 : old.length);
            Iterator<byte[]> eldest = pictures.values().iterator();
            while (bytes > MAX_BYTES && pictures.size() > 1) {
                bytes -= eldest.next().length;
                eldest.remove();
            }
        }
    }

    private static byte[] digest(Frame... frames) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (Frame f : frames) {
                sha.update(ByteBuffer.allocate(8).putInt(f.width()).putInt(f.height()).array());
                for (int p = 0; p < 3; p++) {
                    sha.update(f.plane(p));
                }
            }
            return sha.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java 17 runtime", e);
        }
    }
}
