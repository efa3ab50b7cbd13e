package io.gvc.operators.types;

import io.gvc.codec.frame.Frame;

/**
 * A packet ready for a decoder: everything needed to generate the GOP on any slot.
 *
 * @param previousSeq GOP number of the packet the resolver handed on before this one for the same
 *                    stream, or -1 for the stream's first; the reorderer releases GOPs along this chain
 * @param sharedFirst the previous GOP's last frame when the packet shares it (FLF2V k &gt; 0), else null
 * @param concealment empty normally; else why {@code sharedFirst} is a stand-in (the GOP before was lost)
 * @param firstShown  whether the GOP's first frame was output already, as the last frame of the GOP handed
 *                    on before it: always where the packet shares it, and where a packet that codes its own
 *                    first frame (an independent period's first GOP) follows the GOP that ended on that
 *                    frame; the decoder then outputs the GOP from its second frame, as {@code gvc decode} does
 */
public record DecodeTask(PacketEnvelope packet, long previousSeq, Frame sharedFirst, String concealment,
                         boolean firstShown) {

    public DecodeTask {
        concealment = concealment == null ? "" : concealment;
    }

    /** A task whose first frame was output before exactly where the packet shares it (a chain through the stream). */
    public DecodeTask(PacketEnvelope packet, long previousSeq, Frame sharedFirst, String concealment) {
        this(packet, previousSeq, sharedFirst, concealment, sharedFirst != null);
    }
}
