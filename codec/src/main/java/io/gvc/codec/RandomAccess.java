package io.gvc.codec;

/**
 * Where a stream's keyframe chain lets a decoder join, and whether one period's coding needs the
 * period before: the rule, in one place, for the chain coder, the file encoder and the live
 * pipeline.
 *
 * <p>Every {@code intraPeriod} GOPs form a period, and each period's last GOP ends on an intra
 * picture (a decoder joins on it and decodes the next GOP). By default that picture is coded with
 * its GOP's other keyframes, at the quality their shared budget finds, so the next period's first
 * GOP, which starts from it, waits for the whole chain before it. With {@code independentPeriods}
 * the picture is coded by a rule that depends on its frame alone ({@link RandomAccessPicture}), so
 * the encoder of the next period codes it too, bit for bit, and starts there without waiting: one
 * camera's periods can be coded at once, on as many slots as there are (docs/live.md). The stream
 * is the same chain either way; a decoder cannot tell them apart.
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

    /** Whether GOP {@code seq} ends on an intra picture by rule, where a decoder can join. */
    public boolean endsOnIntra(long seq) {
        return (seq + 1) % intraPeriod == 0;
    }

    /**
     * Whether GOP {@code seq}'s encoder codes the frame it starts from itself, as the GOP before
     * coded it (the first GOP of every period but the first, where periods are independent).
     */
    public boolean startsFromItsOwnCoding(long seq) {
        return independentPeriods && seq > 0 && seq % intraPeriod == 0;
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
