package io.gvc.codec.anchor;

import io.gvc.codec.frame.Frame;
import java.util.Arrays;

/**
 * A GOP's decoded keyframes, in position order: the pictures its output shows exactly as decoded
 * (never generated), and that its anchors are built between. FLF2V: the first frame, any mid-GOP
 * keyframes, the last frame; I2V: the first frame; T2V: none. Encoder and decoder hold the same
 * ones, decoded from the same bytes.
 */
public record Keyframes(int[] positions, Frame[] pictures) {

    public Keyframes {
        if (positions.length != pictures.length) {
            throw new IllegalArgumentException(positions.length + " positions for " + pictures.length + " pictures");
        }
        for (int i = 1; i < positions.length; i++) {
            if (positions[i] <= positions[i - 1]) {
                throw new IllegalArgumentException("keyframe positions must increase: " + Arrays.toString(positions));
            }
        }
        positions = positions.clone();
        pictures = pictures.clone();
    }

    /** Per position of a GOP of {@code frames} frames, whether it is one of these keyframes. */
    public boolean[] known(int frames) {
        boolean[] known = new boolean[frames];
        for (int p : positions) {
            known[p] = true;
        }
        return known;
    }

    public static Keyframes none() {
        return new Keyframes(new int[0], new Frame[0]);
    }

    /** The first frame alone (I2V). */
    public static Keyframes firstOnly(Frame first) {
        return new Keyframes(new int[] {0}, new Frame[] {first});
    }

    @Override
    public int[] positions() {
        return positions.clone();
    }

    @Override
    public Frame[] pictures() {
        return pictures.clone();
    }

    public int count() {
        return positions.length;
    }

    public int position(int i) {
        return positions[i];
    }

    public Frame picture(int i) {
        return pictures[i];
    }

    /** The picture at GOP position {@code p}, or null when p is not a keyframe. */
    public Frame at(int p) {
        for (int i = 0; i < positions.length; i++) {
            if (positions[i] == p) {
                return pictures[i];
            }
        }
        return null;
    }

    /** The GOP's first frame, or null. */
    public Frame first() {
        return at(0);
    }

    /** The last keyframe's picture, or null when there is none. */
    public Frame lastPicture() {
        return pictures.length == 0 ? null : pictures[pictures.length - 1];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Keyframes k && Arrays.equals(positions, k.positions) && Arrays.equals(pictures, k.pictures);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(positions) + Arrays.hashCode(pictures);
    }

    @Override
    public String toString() {
        return "Keyframes" + Arrays.toString(positions);
    }
}
