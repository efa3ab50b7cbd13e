package io.gvc.codec;

/**
 * Where a stream's keyframe chain lets a decoder join, and where it starts again: the rule, in one
 * place, for the chain coder, the file encoder and the live pipeline.
 *
 * <p>Every {@code intraPeriod} GOPs form a period. By default the chain runs through the whole
 * stream and each period's last GOP ends on an intra picture (a decoder joins on it and decodes
 * the next GOP). With {@code independentPeriods} each period starts a chain of its own instead:
 * its first GOP codes its first frame intra, although the GOP before already coded that frame
 * (predicted, as part of its own period, and the one decoders show), so no GOP of a period needs
 * anything from an earlier one. That costs a picture per period, and buys what a chain through
 * the stream cannot: one camera's periods coded at once, on as many slots as there are
 * (docs/live.md). The decoder needs no rule for it: a GOP that codes its own first frame uses it
 * and never needs the GOP before; the frame shown is the earlier GOP's, as for any shared frame.
 */
public record RandomAccess(int intraPeriod, boolean independentPeriods) {

    public RandomAccess {
        if (intraPeriod < 1) {
            throw new IllegalArgumentException("intra period must be >= 1, got " + intraPeriod);
        }
    }

    /** The rule {@code params} ask for. */
    public static RandomAccess of(CodecParams params) {
        return new RandomAccess(params.intraPeriod(), params.independentPeriods());
    }

    /** Whether GOP {@code seq} starts a chain: the stream's first, or the first of a period where periods are independent. */
    public boolean startsChain(long seq) {
        return seq == 0 || independentPeriods && seq % intraPeriod == 0;
    }

    /** Whether GOP {@code seq} ends on an intra picture by rule (a chain through the stream's random-access point). */
    public boolean endsOnIntra(long seq) {
        return !independentPeriods && (seq + 1) % intraPeriod == 0;
    }

    /** The period GOP {@code seq} lies in. */
    public long period(long seq) {
        return seq / intraPeriod;
    }

    /** The first GOP of GOP {@code seq}'s period. */
    public long periodStart(long seq) {
        return period(seq) * intraPeriod;
    }
}
