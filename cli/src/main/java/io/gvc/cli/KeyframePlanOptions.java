package io.gvc.cli;

import io.gvc.codec.CodecParamsBuilder;
import io.gvc.codec.bitstream.Limits;
import io.gvc.codec.rate.BridgeRule;
import picocli.CommandLine.Option;

/**
 * How an FLF2V encoder may anchor a GOP's frames between keyframes: how far it may cut the GOP with
 * mid-GOP keyframes and which bridge modes it chooses from. Shared by {@code gvc encode} and
 * {@code gvc eval}, so both offer the same choices with the same words; defaults come from
 * {@link CodecDefaults}.
 */
final class KeyframePlanOptions {

    @Option(names = "--max-segments", description = "FLF2V: a GOP may be cut into up to this many segments by "
            + "mid-GOP keyframes (1, 2, 4 and 8 are tried), each bridged on its own, chosen per GOP by measured cost "
            + "within the same boundary bits; with x265 or gvc-dct each cut is also tried with a between (B) picture "
            + "in the middle of every segment; 1 = never cut (default: ${DEFAULT-VALUE}).")
    int maxSegments;

    @Option(names = "--bridge", description = "FLF2V: which anchor modes the encoder chooses from per GOP, by "
            + "measured cost: auto = all; blend = the cross-fade or a bridge that blends both keyframes everywhere "
            + "(codec v4); sharp = never blend where the bridge's two sides disagree, so moving things are shown "
            + "once, not twice (no ghosts; measured on man-skiing: LPIPS unchanged, PSNR-Y up to 0.9 dB lower) "
            + "(default: ${DEFAULT-VALUE}).")
    String bridge;

    /** Checks both options against the limits, with an IllegalArgumentException naming the option. */
    void check() {
        Limits.checkRange("--max-segments", maxSegments, 1, Limits.MAX_SEGMENTS);
        BridgeRule.byName(bridge);
    }

    /** Sets both on {@code params}. */
    CodecParamsBuilder apply(CodecParamsBuilder params) {
        return params.maxSegments(maxSegments).bridgeRule(BridgeRule.byName(bridge));
    }
}
