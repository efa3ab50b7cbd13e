package io.gvc.operators.types;

/**
 * One encoded GOP between operators and on {@code gvc.bitstream}: the packet bytes exactly as
 * {@code gvc encode} writes them in a file, plus the routing fields Kafka carries in key and headers.
 *
 * @param captureTimeMicros capture time of the GOP's first frame, epoch microseconds
 * @param packet            a complete GvcPacket (PacketCodec format, CRC32C included)
 */
public record PacketEnvelope(String streamId, long gopSeq, long captureTimeMicros, byte[] packet) {
}
