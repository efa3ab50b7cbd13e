package io.gvc.operators.types;

import io.gvc.operators.order.ChainedResult;

/**
 * An atom search's result for one GOP, on its way to the packet reorderer. A GOP the search could
 * not code still yields one (with {@code failure} set and no packet) so the reorderer's chain moves on.
 *
 * @param previousSeq the GOP the keyframe chain handed on before this one (-1 for the stream's first)
 * @param packet      the complete packet, or null when failed
 * @param failure     empty on success; else why the search failed (the GOP went to the dead letters)
 */
public record EncodedPacket(String streamId, long gopSeq, long previousSeq, long captureTimeMicros, byte[] packet,
                            String failure) implements ChainedResult {

    public EncodedPacket {
        failure = failure == null ? "" : failure;
        if (failure.isEmpty() && packet == null) {
            throw new IllegalArgumentException("GOP " + gopSeq + " of stream " + streamId + ": no packet and no failure");
        }
    }

    @Override
    public boolean failed() {
        return !failure.isEmpty();
    }

    /** The packet as the sink writes it. */
    public PacketEnvelope envelope() {
        if (failed()) {
            throw new IllegalStateException("GOP " + gopSeq + " of stream " + streamId + " failed: " + failure);
        }
        return new PacketEnvelope(streamId, gopSeq, captureTimeMicros, packet);
    }
}
