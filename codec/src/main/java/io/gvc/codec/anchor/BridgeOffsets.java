package io.gvc.codec.anchor;

import io.gvc.codec.bitstream.Limits;
import java.util.Arrays;

/**
 * Where the camera really was at each bridged frame of a GOP: per GOP position, a translation of the
 * motion-compensated bridge picture in whole luma pixels (bitstream version 6). The bridge assumes
 * that everything moves at constant speed between two keyframes; a hand-held camera shakes, so at a
 * frame between them the whole picture sits a few pixels off the bridge's guess. The encoder, which
 * sees that frame, measures the offset and sends it; the bridge then samples both keyframes that
 * much further ({@link io.gvc.codec.motion.MotionBridge#at(float, io.gvc.codec.motion.Disagreement,
 * float, float)}).
 *
 * <p>Measured before it was built (original frames as keyframes, luma PSNR of the bridged frames
 * against the truth, best translation found by search): a hand-held 720p clip (fire2, a validation
 * clip) 21.1 -> 24.4 dB with a keyframe every 2nd frame and 18.7 -> 21.0 dB every 4th; man-skiing
 * (tuning) 30.7 -> 31.2 and 26.2 -> 27.0 dB; yoga (tripod) unchanged.
 *
 * <p>Zero at keyframes and wherever no offset is sent. Immutable.
 */
public record BridgeOffsets(int[] x, int[] y) {

    /** The largest offset either way, in luma pixels. */
    public static final int MAX_PIXELS = Limits.MAX_BRIDGE_OFFSET_PIXELS;

    /**
     * Offsets per GOP position, in luma pixels (copied; each within +-{@link #MAX_PIXELS}). A record, so
     * that Flink's type extraction sees a POJO where a {@code KeyframedGop} travels between operators.
     */
    public BridgeOffsets {
        if (x.length != y.length) {
            throw new IllegalArgumentException("offsets for " + x.length + " and " + y.length + " positions");
        }
        for (int j = 0; j < x.length; j++) {
            if (Math.abs(x[j]) > MAX_PIXELS || Math.abs(y[j]) > MAX_PIXELS) {
                throw new IllegalArgumentException("offset (" + x[j] + ", " + y[j] + ") pixels at "
                        + "position " + j + " is beyond +-" + MAX_PIXELS);
            }
        }
        x = x.clone();
        y = y.clone();
    }

    /** No offset at any of {@code frames} positions. */
    public static BridgeOffsets none(int frames) {
        return new BridgeOffsets(new int[frames], new int[frames]);
    }

    /** Offsets per GOP position, in luma pixels (copied). */
    public static BridgeOffsets of(int[] x, int[] y) {
        return new BridgeOffsets(x, y);
    }

    @Override
    public int[] x() {
        return x.clone();
    }

    @Override
    public int[] y() {
        return y.clone();
    }

    /**
     * The offsets as a packet holds them ({@code GvcPacket.bridgeOffsets}): (x, y) per position,
     * interleaved, or empty for {@code frames} positions without offsets.
     */
    public static BridgeOffsets fromPacket(int[] interleaved, int frames) {
        if (interleaved.length == 0) {
            return none(frames);
        }
        if (interleaved.length != 2 * frames) {
            throw new IllegalArgumentException(interleaved.length + " offset values for " + frames + " positions");
        }
        int[] x = new int[frames], y = new int[frames];
        for (int j = 0; j < frames; j++) {
            x[j] = interleaved[2 * j];
            y[j] = interleaved[2 * j + 1];
        }
        return of(x, y);
    }

    /** The offsets as a packet holds them: (x, y) per position, interleaved; empty when all are zero. */
    public int[] toPacket() {
        if (isZero()) {
            return new int[0];
        }
        int[] out = new int[2 * x.length];
        for (int j = 0; j < x.length; j++) {
            out[2 * j] = x[j];
            out[2 * j + 1] = y[j];
        }
        return out;
    }

    /** GOP positions covered. */
    public int frames() {
        return x.length;
    }

    public int x(int position) {
        return x[position];
    }

    public int y(int position) {
        return y[position];
    }

    /** Whether no position has an offset (what a GOP without them, and every cross-fade, carries). */
    public boolean isZero() {
        for (int j = 0; j < x.length; j++) {
            if (x[j] != 0 || y[j] != 0) {
                return false;
            }
        }
        return true;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BridgeOffsets b && Arrays.equals(x, b.x) && Arrays.equals(y, b.y);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(x) + Arrays.hashCode(y);
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("BridgeOffsets[");
        for (int j = 0; j < x.length; j++) {
            if (x[j] != 0 || y[j] != 0) {
                s.append(' ').append(j).append(":(").append(x[j]).append(',').append(y[j]).append(')');
            }
        }
        return s.append(" ]").toString();
    }
}
