package io.gvc.kafka.formats;

/**
 * A {@code gvc.bitstream} record value is one GvcPacket exactly as the codec wrote it (its own
 * magic, version and CRC32C live inside; see the codec's docs/bitstream.md). Kafka only carries
 * it: no framing is added, so the bytes on the topic are the bytes of the packet.
 */
public final class GvcPacketFormat {

    /** Format name used in the {@code gvc.format-version} header: {@code gvc-packet/<codec packet version>}. */
    public static final String NAME = "gvc-packet";

    private GvcPacketFormat() {
    }
}
