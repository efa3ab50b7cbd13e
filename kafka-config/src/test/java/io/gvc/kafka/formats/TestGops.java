package io.gvc.kafka.formats;

import io.gvc.codec.frame.Frame;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Deterministic test pictures. */
final class TestGops {

    private TestGops() {
    }

    static List<Frame> frames(int count, int width, int height, long seed) {
        Random r = new Random(seed);
        List<Frame> out = new ArrayList<>();
        int cs = Frame.chromaWidth(width) * Frame.chromaHeight(height);
        for (int i = 0; i < count; i++) {
            byte[] y = new byte[width * height];
            byte[] u = new byte[cs];
            byte[] v = new byte[cs];
            r.nextBytes(y);
            r.nextBytes(u);
            r.nextBytes(v);
            out.add(new Frame(width, height, y, u, v));
        }
        return out;
    }

    static RawGop raw(String stream, int count, int width, int height) {
        return new RawGop(stream, 7, 7 * 32L, 1_764_000_000_000_000L, 30000, 1001, width, height,
                frames(count, width, height, 11));
    }

    static DecodedGop decoded(String stream, int count, int width, int height) {
        return new DecodedGop(stream, 7, 7 * 32L, 1_764_000_000_000_000L, 1_764_000_000_250_000L, width, height,
                frames(count, width, height, 12));
    }

    static void assertSameFrames(List<Frame> a, List<Frame> b) {
        org.junit.jupiter.api.Assertions.assertEquals(a.size(), b.size(), "frame count");
        for (int i = 0; i < a.size(); i++) {
            org.junit.jupiter.api.Assertions.assertTrue(a.get(i).samePixels(b.get(i)), "frame " + i);
        }
    }
}
