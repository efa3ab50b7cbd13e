package io.gvc.codec.motion;

/**
 * What a {@link MotionBridge} shows where its two motion-compensated sides disagree: where the
 * motion is wrong, or something is covered or uncovered, blending them shows the thing twice (the
 * doubled face or hand of a bridged GOP). Showing one side there instead gives one sharp picture,
 * a little out of place, which the eye and LPIPS both prefer to a ghost. Where the sides agree the
 * bridge blends them in every case.
 */
public enum Disagreement {
    /** Blend the two sides everywhere (the codec-v3 bridge). */
    BLEND,
    /** Show the first keyframe's side where they disagree. */
    SHOW_FIRST,
    /** Show the last keyframe's side where they disagree. */
    SHOW_LAST
}
