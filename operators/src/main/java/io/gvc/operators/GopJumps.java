package io.gvc.operators;

/**
 * The rule for a GOP number far ahead of the one a stream expects next. Taken as it comes, one
 * record numbered 1,000,000 would move the stream's chain there, and every later legitimate GOP
 * would be refused as late: one bad record would wedge the stream. So a GOP more than
 * {@link #MAX_JUMP} ahead is refused (dead letter) and remembered; only when the next GOP of the
 * stream continues it (its number is the refused one plus 1) is the jump taken for real, e.g. a
 * camera that was offline for a long time, and the chain restarts there. A lone absurd number thus
 * costs one dead letter; a real jump costs its first GOP.
 */
public final class GopJumps {

    /**
     * Largest accepted distance between a GOP number and the expected one: 1,000 GOPs of 33
     * frames at 25 fps are 22 minutes of video.
     */
    public static final long MAX_JUMP = 1000;

    private GopJumps() {
    }

    /** What to do with a GOP that is not behind the stream's expected next GOP. */
    public enum Verdict {
        /** within {@link #MAX_JUMP} of the expected GOP (or the stream's first GOP) */
        ACCEPT,
        /** too far ahead and not confirmed: refuse it and remember it */
        REFUSE,
        /** too far ahead, but it continues the GOP refused before it: the stream really jumped */
        CONFIRMED_JUMP
    }

    /**
     * @param expected the stream's next expected GOP number, null when it has none yet
     * @param seq      this GOP's number, at least {@code expected}
     * @param refused  the number of the last GOP refused under this rule, null when none since the last accepted
     */
    public static Verdict judge(Long expected, long seq, Long refused) {
        if (expected == null || seq - expected <= MAX_JUMP) {
            return Verdict.ACCEPT;
        }
        return refused != null && seq == refused + 1 ? Verdict.CONFIRMED_JUMP : Verdict.REFUSE;
    }

    /** The dead letter's reason for a refused jump. */
    public static String reason(String stream, long seq, long expected) {
        return "GOP " + seq + " of stream " + stream + " is " + (seq - expected) + " GOPs ahead of the expected GOP "
                + expected + " (at most " + MAX_JUMP + " are accepted; a jump is taken only when the next GOP continues it)";
    }
}
