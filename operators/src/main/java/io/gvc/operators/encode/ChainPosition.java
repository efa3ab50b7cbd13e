package io.gvc.operators.encode;

import io.gvc.codec.RandomAccess;

/**
 * Where a raw GOP stands against the chain its key holds ({@link ChainKeys}): the decisions the
 * {@link KeyframeChainFunction} takes before coding it, in one place. {@code expected} is the GOP
 * number after the last one this key coded (null before the first). A stream whose chain runs
 * through it has one key, and a GOP continues the chain exactly when it is the expected one. With
 * independent periods a key holds every {@code subtasks}-th period of its stream: a period's first
 * GOP codes the frame it starts from itself ({@link io.gvc.codec.KeyframeChainCoder#periodStart}),
 * and the GOP before it in the stream, whose packet the reorderer must release first, was coded by
 * another key.
 *
 * @param subtasks the keyframe chain's parallelism (how many periods lie between two of one key's)
 */
record ChainPosition(RandomAccess rule, long seq, Long expected, int subtasks) {

    static ChainPosition of(RandomAccess rule, long seq, Long expected, int subtasks) {
        return new ChainPosition(rule, seq, expected, subtasks);
    }

    /** Behind what this key already coded: late, reordered or a duplicate. */
    boolean late() {
        return expected != null && seq < expected;
    }

    /**
     * The GOP number a jump is measured from ({@link io.gvc.operators.GopJumps}): the expected one,
     * or, where periods are independent and this GOP lies in another period than the last one coded,
     * the first GOP of the next period this key codes (the periods between are other keys').
     */
    Long jumpBase() {
        if (expected == null || !inOtherPeriod()) {
            return expected;
        }
        return (rule.period(expected - 1) + subtasks) * rule.intraPeriod();
    }

    /** Whether the GOP continues the chain this key holds (so it takes the previous GOP's last keyframe). */
    boolean continuesChain() {
        return expected != null && seq == expected;
    }

    /**
     * Whether a chain was there to continue (a GOP that cannot continue it restarts it); never for a
     * period's first GOP where periods are independent, which codes what it starts from itself.
     */
    boolean expectsChain() {
        return expected != null && !rule.startsFromItsOwnCoding(seq);
    }

    /** GOPs of this GOP's chain that never came before it: of the stream, or of its period. */
    long missing() {
        if (expected == null) {
            return 0;
        }
        return Math.max(0, seq - (inOtherPeriod() ? rule.periodStart(seq) : expected));
    }

    /**
     * The GOP whose packet is released before this one's ({@link io.gvc.operators.types.AtomSearchTask#previousSeq}):
     * the last one this key coded, or, where a period starts here (or its first GOPs were lost), the
     * last GOP of the period before, which another key codes; -1 for none.
     */
    long previous() {
        if (expected != null && !inOtherPeriod()) {
            return expected - 1;
        }
        return rule.independentPeriods() ? rule.periodStart(seq) - 1 : -1;
    }

    /** Whether periods are independent and this GOP lies in another period than the last one this key coded. */
    private boolean inOtherPeriod() {
        return rule.independentPeriods() && expected != null && rule.period(expected - 1) != rule.period(seq);
    }
}
