package io.gvc.codec;

/**
 * Which encoder this is, apart from the format it writes: the same settings and bitstream version
 * can code different (equally valid) bytes after an encoder change, such as a different search in
 * a boundary codec. The evaluation stores this with every point it measures, so a point an older
 * encoder coded is coded again instead of being reused.
 *
 * <p>Bump it with every change that alters what {@code gvc encode} writes without changing the
 * bitstream version (a format change bumps {@link io.gvc.codec.bitstream.PacketCodec#VERSION}).
 */
public final class EncoderRevision {

    /**
     * 20: a rate-controlled GOP keeps its atoms only where they remove more luma error than their
     * bits are worth at the price the GOP's keyframes are bought at ({@link io.gvc.codec.rate.AtomCost},
     * codec v22; bitstream version 16 as v21);
     * 19: where a GOP holds a scene cut, only keyframe plans with keyframes on both sides of every cut
     * ({@link io.gvc.codec.rate.KeyframePlans}, codec v19; until then offered beside the others, and
     * at the lowest rates never fitting the uncut plan's bits);
     * 18: intra against prediction decided again at the quality the rate search finds, and the search
     * run again where that changes it ({@code BoundaryCoder#codeWithin}, codec v17; bitstream version 12
     * as v16; codec v18 codes the same pictures in bitstream version 13's smaller side information, codec v19
     * in version 14's, with the default config, a file packet's place and a predicted payload's quality implied,
     * codec v20 in version 15's, with the x265 pictures' slice prefixes left out of the packet, while the rate
     * control still measures the pictures as coded, so their decisions and pictures are v19's);
     * 17: a GOP with a scene cut also tries every keyframe plan with keyframes on both sides of the
     * cut ({@link io.gvc.codec.rate.SceneCuts}, codec v15);
     * 16: FLF2V codes with the prior fine-tuned on the motion-compensated bridge by default
     * (model gvc-learned-bridge-1, which also takes the anchor latents; codec v14);
     * 15: a rate-controlled GOP's chain no more than 3 levels coarser than the GOP before it
     * ({@link io.gvc.codec.rate.QualityFloor}, codec v13);
     * 14: withdrawn (chroma QP offsets -3, bitstream version 11: committed and reverted the same day);
     * 13: every keyframe plan also tried with a between picture (B) in the middle of each segment,
     * predicted from the chain keyframes either side (bitstream version 10,
     * {@link io.gvc.codec.BetweenCoder}, codec v12);
     * 12: an intra picture coded finer than its GOP's predicted keyframes by as much as the
     * next keyframe reuses it, its budget grown by what that costs and the period's predicted
     * pictures given less ({@link io.gvc.codec.rate.IntraBoost}, codec v11);
     * 11: x265 keyframes with a weaker deblocking filter (offsets -2) and no SAO (bitstream version 9,
     * codec v10);
     * 10: a rate-controlled GOP whose deviation without atoms the luma rejects is coded without
     * searching atoms ({@link io.gvc.codec.GopAtomCoder}; codec v9);
     * 9: the leaner packet (bitstream version 8): no generated fields where nothing is generated,
     * no magic or version on a file's packets, no start code or version byte in x265 payloads, no
     * full model hash in the stream header (codec v9);
     * 8: the bridge samples its keyframes bicubically along the vector of the point that is there at
     * that time (bitstream version 7, {@link io.gvc.codec.motion.MotionBridge}, codec v8);
     * 7: bridged frames carry the camera's offset from the bridge where it pays (bitstream version 6,
     * {@link io.gvc.codec.anchor.BridgeOffsets}, codec v7);
     * 6: x265's predicted keyframes search motion wider and finer and send no SAO, and the last
     * keyframe of a GOP takes what the GOP's quality left of its budget (codec v6, docs/results.md);
     * 5: the encoder of bitstream version 5.
     */
    public static final int CURRENT = 20;

    private EncoderRevision() {
    }
}
