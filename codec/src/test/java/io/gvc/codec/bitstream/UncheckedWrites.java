package io.gvc.codec.bitstream;

/**
 * The writer's byte layout without its read-back check, for tests that hand the reader what the
 * writer refuses (the writer refuses everything the reader refuses, so bad input is built here).
 */
public final class UncheckedWrites {

    private UncheckedWrites() {
    }

    /** A self-contained packet (GVCP). */
    public static byte[] packet(GvcPacket p) {
        return PacketCodec.layOut(p, null);
    }

    /** A packet as a file with {@code header} holds it. */
    public static byte[] packetInStream(GvcPacket p, StreamHeader header) {
        return PacketCodec.layOut(p, header);
    }

    public static byte[] header(StreamHeader h) {
        return ContainerCodec.layOutHeader(h);
    }
}
