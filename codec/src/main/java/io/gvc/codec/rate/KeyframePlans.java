package io.gvc.codec.rate;

import io.gvc.codec.variant.Variant;
import java.util.ArrayList;
import java.util.List;

/**
 * The keyframe plans an encoder tries for a GOP: which positions after the first it codes as
 * keyframes. FLF2V codes its last frame, and may cut the GOP into 2, 4, ... equal segments with
 * mid-GOP keyframes, as long as every segment keeps at least one frame between its keyframes;
 * {@link AnchorDecision} keeps the one that measures best. A per-GOP answer to the GOP length:
 * a long GOP where the bridge holds (cheap), short segments where things move too fast for it.
 * The other variants code no keyframe after the first.
 */
public final class KeyframePlans {

    private KeyframePlans() {
    }

    /**
     * The candidate plans, uncut first: each is the increasing positions after 0 to code.
     *
     * @param maxSegments the most segments a GOP may be cut into (1 = never cut)
     */
    public static List<int[]> candidates(Variant variant, int frames, int maxSegments) {
        if (!variant.hasLaterKeyframes() || frames < 2) {
            return List.of(new int[0]);
        }
        List<int[]> plans = new ArrayList<>();
        plans.add(new int[] {frames - 1}); // the uncut GOP, whatever its length
        for (int segments = 2; segments <= maxSegments && (frames - 1) / segments >= 2; segments *= 2) {
            plans.add(positions(frames, segments));
        }
        return plans;
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
