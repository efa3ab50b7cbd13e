package io.gvc.media;

import io.gvc.codec.frame.Frame;
import java.util.Arrays;

/** Pictures for tests of the media and eval modules. */
public final class TestFrames {

    private TestFrames() {
    }

    /** A frame of one colour: every sample of each plane the same. */
    public static Frame flat(int w, int h, int y, int u, int v) {
        byte[] ys = new byte[w * h], us = new byte[Frame.chromaWidth(w) * Frame.chromaHeight(h)];
        byte[] vs = new byte[us.length];
        Arrays.fill(ys, (byte) y);
        Arrays.fill(us, (byte) u);
        Arrays.fill(vs, (byte) v);
        return new Frame(w, h, ys, us, vs);
    }
}
