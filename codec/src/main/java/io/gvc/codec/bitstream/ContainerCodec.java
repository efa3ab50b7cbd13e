package io.gvc.codec.bitstream;

import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;

/** A .gvc file: one {@link StreamHeader}, then one {@link GvcPacket} per GOP, back to back. */
public final class ContainerCodec {

    public static final byte[] MAGIC = {'G', 'V', 'C', 'S'};
    public static final int VERSION = 16;
    private static final int MAX_HEADER_BYTES = 4096;

    private ContainerCodec() {
    }

    /** A parsed file; {@code packetBytes[i]} is the bytes packet i takes in it (its framing included). */
    public record Container(StreamHeader header, List<GvcPacket> packets, long headerBytes, long[] packetBytes) {
    }

    public static byte[] writeHeader(StreamHeader h) {
        byte[] header = layOutHeader(h);
        // the writer refuses what the reader would, by the reader's own checks: one set of limits
        try {
            readHeader(header);
        } catch (BitstreamException e) {
            throw new IllegalArgumentException("a stream header no decoder would read: " + e.getMessage(), e);
        }
        return header;
    }

    /** The header's bytes, unchecked: {@link #writeHeader} checks them with the reader (tests build bad headers with it). */
    static byte[] layOutHeader(StreamHeader h) {
        FieldWriter body = new FieldWriter();
        ConfigField.write(body, h.config());
        body.uv(h.totalFrames());
        body.name(h.intraCodec(), WellKnownNames.CODECS);
        byte[] b = body.toByteArray();
        CRC32C crc = new CRC32C();
        crc.update(b, 0, b.length);
        return new FieldWriter().bytes(MAGIC).u8(VERSION).uv(b.length + 4L).bytes(b).u32(crc.getValue())
                .toByteArray();
    }

    /** The header at the start of {@code file} and the offset of the first packet after it. */
    private record ParsedHeader(StreamHeader header, int end) {
    }

    /** One packet as this file format holds it (without its config where it is the header's). */
    public static byte[] writePacket(GvcPacket p, StreamHeader header) {
        return PacketCodec.writeInStream(p, header);
    }

    public static Container read(byte[] file) throws BitstreamException {
        ParsedHeader parsed = readHeader(file);
        StreamHeader header = parsed.header();
        List<GvcPacket> packets = new ArrayList<>();
        List<Long> lengths = new ArrayList<>();
        int pos = parsed.end();
        long expectedSeq = 0;
        long gops = GopPlace.gopCount(header);
        while (pos < file.length) {
            if (expectedSeq == gops) { // every packet's place is implied: one past the last has none
                throw new BitstreamException("stream.total_frames", header.totalFrames() + " frames need " + gops
                        + " GOPs, the file holds more");
            }
            int n;
            try {
                n = PacketCodec.framedLengthInFile(file, pos, file.length);
            } catch (BitstreamException e) {
                throw e.within("gop[" + expectedSeq + "]");
            }
            GvcPacket p;
            try {
                p = PacketCodec.read(file, pos, pos + n, header, GopPlace.of(header, expectedSeq));
            } catch (BitstreamException e) {
                throw e.within("gop[" + expectedSeq + "]");
            }
            packets.add(p);
            lengths.add((long) n);
            expectedSeq++;
            pos += n;
        }
        if (packets.isEmpty()) {
            throw new BitstreamException("stream", "holds no GOP (file truncated after its header?)");
        }
        return new Container(header, packets, parsed.end(), lengths.stream().mapToLong(Long::longValue).toArray());
    }

    private static ParsedHeader readHeader(byte[] file) throws BitstreamException {
        FieldReader r = new FieldReader(file, 0, file.length);
        byte[] magic = r.bytes(4, "stream.magic");
        if (!java.util.Arrays.equals(magic, MAGIC)) {
            throw new BitstreamException("stream.magic", "is not 'GVCS': not a GVC file");
        }
        int v = r.u8("stream.version");
        if (v != VERSION) {
            throw new BitstreamException("stream.version", "is " + v + ", this decoder reads version " + VERSION);
        }
        int len = r.uvInt("stream.length", 4, MAX_HEADER_BYTES);
        int bodyStart = r.position();
        if (len > r.remaining()) {
            throw new BitstreamException("stream.length", "claims " + len + " bytes, only " + r.remaining() + " left");
        }
        int bodyEnd = bodyStart + len - 4;
        CRC32C crc = new CRC32C();
        crc.update(file, bodyStart, bodyEnd - bodyStart);
        long stored = new FieldReader(file, bodyEnd, bodyEnd + 4).u32("stream.crc32c");
        if (stored != crc.getValue()) {
            throw new BitstreamException("stream.crc32c", "header checksum mismatch");
        }
        FieldReader h = new FieldReader(file, bodyStart, bodyEnd);
        CodingConfig config = ConfigField.read(h, "stream.config");
        long total = h.uvIn("stream.total_frames", 1, Limits.MAX_TOTAL_FRAMES);
        String intra = h.name("stream.intra_codec", WellKnownNames.CODECS, 64);
        if (h.remaining() != 0) {
            throw new BitstreamException("stream", h.remaining() + " unexpected bytes in the header");
        }
        return new ParsedHeader(new StreamHeader(config, total, intra), bodyEnd + 4);
    }
}
