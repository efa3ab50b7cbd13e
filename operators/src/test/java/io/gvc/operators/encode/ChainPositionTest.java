package io.gvc.operators.encode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gvc.codec.RandomAccess;
import org.junit.jupiter.api.Test;

/** The chain stage's decisions for a GOP against its key's chain, through the stream and with independent periods. */
class ChainPositionTest {

    static final RandomAccess THROUGH = new RandomAccess(4, false);
    static final RandomAccess INDEPENDENT = new RandomAccess(4, true);

    @Test
    void aChainThroughTheStreamFollowsTheExpectedGop() {
        ChainPosition first = ChainPosition.of(THROUGH, 0, null, 1);
        assertFalse(first.continuesChain());
        assertEquals(-1, first.previous());
        assertNull(first.jumpBase());
        ChainPosition next = ChainPosition.of(THROUGH, 4, 4L, 1); // a random-access point changes nothing
        assertTrue(next.continuesChain());
        assertEquals(3, next.previous());
        assertEquals(0, next.missing());
        ChainPosition gap = ChainPosition.of(THROUGH, 7, 5L, 1);
        assertFalse(gap.continuesChain());
        assertTrue(gap.expectsChain(), "a restart");
        assertEquals(2, gap.missing());
        assertEquals(4, gap.previous(), "the last GOP handed on");
        assertTrue(ChainPosition.of(THROUGH, 3, 5L, 1).late());
    }

    @Test
    void aPeriodStartsItsOwnChainAndFollowsThePeriodBeforeOnAnotherSubtask() {
        // two subtasks: this key codes periods 0, 2, 4 ... (GOPs 0-3, 8-11, ...)
        ChainPosition start = ChainPosition.of(INDEPENDENT, 8, 4L, 2);
        assertFalse(start.late());
        assertFalse(start.continuesChain(), "a period starts its own chain");
        assertFalse(start.expectsChain(), "not a restart");
        assertEquals(0, start.missing());
        assertEquals(7, start.previous(), "the period before's last GOP, coded by the other subtask");
        assertEquals(8L, start.jumpBase(), "the next period this key codes");
        ChainPosition within = ChainPosition.of(INDEPENDENT, 9, 9L, 2);
        assertTrue(within.continuesChain());
        assertEquals(8, within.previous());
        // the period's first GOPs lost: a restart, counted within the period, linked to the period before
        ChainPosition lost = ChainPosition.of(INDEPENDENT, 10, 4L, 2);
        assertFalse(lost.continuesChain());
        assertTrue(lost.expectsChain());
        assertEquals(2, lost.missing());
        assertEquals(7, lost.previous());
        // a key's first GOP, mid-stream: period 1 on the other subtask
        ChainPosition other = ChainPosition.of(INDEPENDENT, 4, null, 2);
        assertFalse(other.continuesChain());
        assertEquals(3, other.previous());
        assertEquals(-1, ChainPosition.of(INDEPENDENT, 0, null, 2).previous());
        assertTrue(ChainPosition.of(INDEPENDENT, 7, 9L, 2).late());
    }

    @Test
    void aJumpIsMeasuredFromTheNextPeriodThisKeyCodes() {
        // last coded GOP 5 (period 1); with 3 subtasks the key's next period is 4, GOP 16
        assertEquals(16L, ChainPosition.of(INDEPENDENT, 16 + 2000, 6L, 3).jumpBase());
        assertEquals(6L, ChainPosition.of(INDEPENDENT, 7, 6L, 3).jumpBase(), "same period: the expected GOP");
    }
}
