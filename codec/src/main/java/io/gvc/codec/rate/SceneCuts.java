package io.gvc.codec.rate;

import io.gvc.codec.frame.Frame;
import io.gvc.codec.frame.Gop;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Where a GOP's picture changes scene: the positions c (1..n-1) whose frame shares nothing with
 * frame c - 1. No bridge can carry a frame across a cut: motion finds nothing to follow and every
 * blend of the two sides is a double exposure of two scenes (cooking at 0.008 bpp: LPIPS 0.2 ->
 * 0.5 over the frames around its cut, docs/results.md). So the encoder also offers plans with
 * keyframes on both sides of each cut ({@link KeyframePlans}), and the plan decision keeps them
 * where they measure better at equal bits.
 *
 * <p>A cut is a jump in the luma histogram (32 bins, every 2nd sample each way) between consecutive
 * frames: the share of samples that would have to change bins, at least {@link #MIN_CHANGE_PERCENT}
 * per cent and {@link #RATIO} times the GOP's median change. A histogram does not see motion (a pan
 * or a shaking camera moves the same values around), so only a change of what is shown counts.
 * Integer arithmetic on the source frames: the encoder's choice only, which the decoder never
 * repeats.
 */
public final class SceneCuts {

    /** Least histogram change of a cut, in per cent of the samples compared. */
    static final int MIN_CHANGE_PERCENT = 30;
    /** A cut's change is at least this many times the median change between consecutive frames of its GOP. */
    static final int RATIO = 4;
    private static final int BINS = 32;
    /** Samples compared: every STRIDE-th each way. */
    private static final int STRIDE = 2;

    private SceneCuts() {
    }

    /** The cut positions of {@code gop}, increasing (none in a GOP of fewer than 3 frames). */
    public static int[] in(Gop gop) {
        int n = gop.size();
        if (n < 3) {
            return new int[0];
        }
        long[] diff = new long[n]; // diff[c]: frames c - 1 and c, in samples that change bins, doubled
        int[] before = histogram(gop, 0);
        long samples = 0;
        for (int i : before) {
            samples += i;
        }
        for (int c = 1; c < n; c++) {
            int[] after = histogram(gop, c);
            long d = 0;
            for (int b = 0; b < BINS; b++) {
                d += Math.abs(after[b] - before[b]);
            }
            diff[c] = d;
            before = after;
        }
        long[] sorted = Arrays.copyOfRange(diff, 1, n);
        Arrays.sort(sorted);
        long median = sorted[(sorted.length - 1) / 2];
        List<Integer> cuts = new ArrayList<>();
        for (int c = 1; c < n; c++) {
            if (diff[c] * 100 >= 2L * MIN_CHANGE_PERCENT * samples && diff[c] >= RATIO * median) {
                cuts.add(c);
            }
        }
        return cuts.stream().mapToInt(Integer::intValue).toArray();
    }

    private static int[] histogram(Gop gop, int position) {
        Frame f = gop.frame(position);
        byte[] y = f.plane(0);
        int w = f.width(), h = f.height();
        int[] bins = new int[BINS];
        for (int r = 0; r < h; r += STRIDE) {
            for (int c = 0; c < w; c += STRIDE) {
                bins[(y[r * w + c] & 0xFF) * BINS / 256]++;
            }
        }
        return bins;
    }
}
