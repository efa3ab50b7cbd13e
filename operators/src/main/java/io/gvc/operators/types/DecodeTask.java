package io.gvc.operators.types;

import io.gvc.codec.frame.Frame;

/**
 * A packet ready for a decoder: everything needed to generate the GOP on any slot.
 *
 * @param previousSeq GOP number of the packet the resolver handed on before this one for the same
 *                    stream, or -1 for the stream's first; the reorderer releases GOPs along this chain
 * @param sharedFirst the previous GOP's last frame when the packet shares it (FLF2V k &gt; 0), else null
 * @param concealment empty normally; else why {@code sharedFirst} is a stand-in (the GOP before was lost)
 */
public record DecodeTask(PacketEnvelope packet, long previousSeq, Frame sharedFirst, String concealment) {

    public DecodeTask {
        concealment = concealment == null ? "" : concealment;
    }
}
