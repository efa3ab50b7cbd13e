package io.gvc.codec;

import io.gvc.codec.bitstream.GvcPacket;
import io.gvc.codec.frame.Frame;
import java.util.List;

/**
 * One encoded GOP: its packet, and the pictures the decoder will produce from it (all of the GOP's
 * frames, the shared first one included). The last of them is the next GOP's first, and {@code
 * chainQuality} ({@link KeyframedGop#chainQuality()}) the next GOP's quality floor.
 */
public record EncodedGop(GvcPacket packet, List<Frame> reconstruction, int chainQuality) {

    public EncodedGop {
        reconstruction = List.copyOf(reconstruction);
    }

    public Frame last() {
        return reconstruction.get(reconstruction.size() - 1);
    }
}
