package io.gvc.cli;

import io.gvc.codec.CodecParamsBuilder;
import io.gvc.codec.bitstream.Limits;
import picocli.CommandLine.Option;

/**
 * Where the keyframe chain lets a decoder join, and whether one intra period's coding needs the
 * period before ({@link io.gvc.codec.RandomAccess}). Shared by {@code gvc encode} and {@code gvc eval}, so a
 * file coded for comparison with the live encoder's {@code independent-periods} streams is coded
 * alike; defaults come from {@link CodecDefaults}.
 */
final class RandomAccessOptions {

    @Option(names = "--intra-period", description = "Keyframe chain: every Nth GOP ends on an intra "
            + "picture, where a decoder can join; the boundaries between are predicted from the previous one "
            + "(x265, gvc-dct). 1 = every boundary intra (default: ${DEFAULT-VALUE}).")
    int intraPeriod;

    @Option(names = "--independent-periods", description = "Keyframe chain: code the intra picture each period "
            + "ends on from its frame alone (not finer by what follows it, nor with its GOP's budget), so that the "
            + "next period's encoder codes it too and need not wait: the live encoder then codes one camera's periods "
            + "on several slots at once (docs/live.md). The stream is an ordinary chain.")
    boolean independentPeriods;

    /** Checks the period against the limits, with an IllegalArgumentException naming the option. */
    void check() {
        Limits.checkRange("--intra-period", intraPeriod, 1, Limits.MAX_INTRA_PERIOD);
    }

    /** Sets both on {@code params}. */
    CodecParamsBuilder apply(CodecParamsBuilder params) {
        return params.intraPeriod(intraPeriod).independentPeriods(independentPeriods);
    }
}
