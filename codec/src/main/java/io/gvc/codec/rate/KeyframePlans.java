package io.gvc.codec.rate;

import io.gvc.codec.bitstream.Limits;
import io.gvc.codec.variant.Variant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The keyframe plans an encoder tries for a GOP: which positions after the first it codes as
 * keyframes. FLF2V codes its last frame, and may cut the GOP into 2, 4, ... equal segments with
 * mid-GOP keyframes, as long as every segment keeps at least one frame between its keyframes;
 * {@link AnchorDecision} keeps the one that measures best. A per-GOP answer to the GOP length:
 * a long GOP where the bridge holds (cheap), short segments where things move too fast for it.
 * The other variants code no keyframe after the first.
 *
 * <p>Where the GOP holds a scene cut ({@link SceneCuts}), each of those chains is offered with
 * keyframes on both sides of every cut instead (codec v15 offered them beside the others; codec v19
 * offers nothing else): no bridge crosses a cut. Offered beside, a cut plan had to fit the uncut
 * plan's bits, which at the lowest rates it never did (its pictures either side of the cut cost
 * more than the one picture of the uncut plan: the new scene's is predicted from another scene), so
 * cooking at 0.004 bpp bridged its cut: fourteen frames of double exposure, the last at
 * PSNR-Y 9.6 dB and LPIPS 0.70.
 *
 * <p>Where the codec codes between pictures (codec v12), each plan also comes with a between
 * picture in the middle of each of its segments: the frame the bridge reaches worst, coded from
 * both keyframes either side for a fraction of a chain picture's bits.
 */
public final class KeyframePlans {

    /** One plan: the chain's positions after 0 (increasing) and the between pictures' (increasing, maybe none). */
    public record Plan(int[] chain, int[] between) {

        /** Every keyframe position after 0 the plan codes, increasing. */
        public int[] positions() {
            int[] all = new int[chain.length + between.length];
            int i = 0, j = 0, k = 0;
            while (i < chain.length || j < between.length) {
                all[k++] = j >= between.length || (i < chain.length && chain[i] < between[j]) ? chain[i++] : between[j++];
            }
            return all;
        }
    }

    private KeyframePlans() {
    }

    /**
     * The candidate plans, uncut and without between pictures first.
     *
     * @param maxSegments the most segments a GOP's chain may be cut into (1 = never cut, by between
     *                    pictures neither)
     * @param between     whether to offer plans with between pictures
     * @param firstCoded  whether the packet also holds the GOP's first picture (counts against the
     *                    packet's {@link Limits#MAX_BOUNDARIES})
     */
    public static List<Plan> candidates(Variant variant, int frames, int maxSegments, boolean between,
            boolean firstCoded) {
        return candidates(variant, frames, maxSegments, between, firstCoded, new int[0]);
    }

    /**
     * {@link #candidates(Variant, int, int, boolean, boolean)} for a GOP whose scene cuts are
     * {@code cuts} (positions whose frame starts a new scene, {@link SceneCuts}): every chain is
     * offered with keyframes at c - 1 and c for each cut c instead (the uncut chain's first, so the
     * rate search codes it to the GOP's budget), where that fits a packet. Cut plans are offered
     * only where the GOP may be cut at all (maxSegments > 1); where none fits, the chains as they are.
     */
    public static List<Plan> candidates(Variant variant, int frames, int maxSegments, boolean between,
            boolean firstCoded, int[] cuts) {
        if (!variant.hasLaterKeyframes() || frames < 2) {
            return List.of(new Plan(new int[0], new int[0]));
        }
        List<int[]> chains = new ArrayList<>();
        chains.add(new int[] {frames - 1}); // the uncut GOP, whatever its length
        for (int segments = 2; segments <= maxSegments && (frames - 1) / segments >= 2; segments *= 2) {
            chains.add(positions(frames, segments));
        }
        if (maxSegments > 1 && cuts.length > 0) {
            List<int[]> cutChains = new ArrayList<>();
            for (int[] chain : chains) {
                int[] withCuts = withCuts(chain, cuts, frames);
                if (!contains(cutChains, withCuts) && withCuts.length + (firstCoded ? 1 : 0) <= Limits.MAX_BOUNDARIES) {
                    cutChains.add(withCuts);
                }
            }
            if (!cutChains.isEmpty()) {
                chains = cutChains;
            }
        }
        List<Plan> plans = new ArrayList<>();
        for (int[] chain : chains) {
            plans.add(new Plan(chain, new int[0]));
        }
        if (between && maxSegments > 1) { // a between picture cuts its segment too: 1 means never cut
            for (int[] chain : chains) {
                int[] mids = midpoints(chain);
                if (mids.length > 0 && chain.length + mids.length + (firstCoded ? 1 : 0) <= Limits.MAX_BOUNDARIES) {
                    plans.add(new Plan(chain, mids));
                }
            }
        }
        return plans;
    }

    /** {@code chain} with keyframes on both sides of every cut (positions 1..frames-1), increasing. */
    static int[] withCuts(int[] chain, int[] cuts, int frames) {
        java.util.TreeSet<Integer> all = new java.util.TreeSet<>();
        for (int p : chain) {
            all.add(p);
        }
        for (int c : cuts) {
            if (c - 1 >= 1) {
                all.add(c - 1);
            }
            all.add(c); // c <= frames - 1: the last frame is a keyframe already where the cut is there
        }
        return all.stream().mapToInt(Integer::intValue).toArray();
    }

    private static boolean contains(List<int[]> chains, int[] chain) {
        for (int[] c : chains) {
            if (Arrays.equals(c, chain)) {
                return true;
            }
        }
        return false;
    }

    /** The middle frame (rounded down) of every segment of {@code chain} (from 0) that has a frame between its keyframes. */
    static int[] midpoints(int[] chain) {
        List<Integer> mids = new ArrayList<>();
        int from = 0;
        for (int to : chain) {
            if (to - from >= 2) {
                mids.add((from + to) / 2);
            }
            from = to;
        }
        return mids.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Keyframe positions 1..segments of a GOP of {@code frames} cut into equal segments (rounded down). */
    static int[] positions(int frames, int segments) {
        int[] p = new int[segments];
        for (int i = 1; i <= segments; i++) {
            p[i - 1] = (int) ((long) i * (frames - 1) / segments);
        }
        return p;
    }
}
