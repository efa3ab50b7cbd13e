package io.gvc.codec.bitstream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gvc.codec.frame.VideoFormat;
import io.gvc.codec.variant.Variant;
import java.util.List;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;

/** The packet layout since version 4: what it saves, and the fields' refusals. */
class PacketCodecTest {

    private static final CodingConfig CONFIG = new CodingConfig(Variant.FLF2V, new VideoFormat(176, 144, 30, 1), 17,
            4, 2, 1024, 12, 2, 3f, 3f, 42L, "gvc-learned-picture-3", new byte[8]);
    /** A file of x265 keyframes with this config. */
    private static final StreamHeader HEADER = new StreamHeader(CONFIG, 65, "x265");

    private static GvcPacket packet(List<BoundaryPicture> boundaries) {
        return new GvcPacket(3, 48, 17, CONFIG, 0, 0, 0, 1, new int[] {16, 8}, boundaries, "", new byte[] {1, 2},
                new byte[0], 0, new byte[0], new EncoderPsnr(117, 150, 161));
    }

    @Test
    void aCutGopRoundTripsWithoutCodecIdsInAFile() throws BitstreamException {
        GvcPacket p = packet(List.of(new BoundaryPicture(8, "x265", 40, true, new byte[30]),
                new BoundaryPicture(16, "x265", 40, true, new byte[20])));
        byte[] b = PacketCodec.writeInStream(p, HEADER);
        GvcPacket back = readInFile(b, HEADER);
        assertEquals(2, back.boundaries().size());
        for (int i = 0; i < 2; i++) {
            assertEquals(p.boundaries().get(i).position(), back.boundaries().get(i).position());
            assertEquals("x265", back.boundaries().get(i).codecId());
            assertEquals(40, back.boundaries().get(i).quality());
            assertTrue(back.boundaries().get(i).predicted());
            assertArrayEquals(p.boundaries().get(i).data(), back.boundaries().get(i).data());
        }
        assertEquals(p.psnr(), back.psnr());
        assertEquals(3, back.gopSeq());
        assertEquals(48, back.firstFrame());
        // the fixed fields of this GOP in a file: kind 1, length 1, no seq, first or count (the header
        // implies them), flags 1 (anchor mode, generated, no offsets: version 14), boundary count 1,
        // between mask 1 (version 10), boundaries 1+1+1 and 1+1+1 (no codec ids: the header's intra
        // codec, version 14), no prompt (FLF2V), m, m_tail, tail frames, 2 scales 1 each (5), side 1+2,
        // residual 1, atom bits 1, PSNR 1+1+1 (version 13), CRC 4: 28 bytes besides the 50 of the pictures
        assertEquals(28 + 50, b.length);
        // the first boundary, position 8, then its quality byte (40, predicted)
        indexOf(b, new byte[] {8, (byte) (40 | 0x80), 30});
        // live, there is no header to take it from: x265 is named, as the codecs' well-known entry 0
        byte[] live = PacketCodec.write(p);
        indexOf(live, new byte[] {8, (byte) 0x80, (byte) (40 | 0x80), 30});
        assertEquals("x265", PacketCodec.read(live).boundaries().get(0).codecId());
    }

    /** Version 14: a file codes every boundary with its header's intra codec; a live packet names each. */
    @Test
    void aFileCodesEveryBoundaryWithItsHeadersCodec() throws BitstreamException {
        GvcPacket dct = packet(List.of(new BoundaryPicture(8, "gvc-dct", 40, true, new byte[30]),
                new BoundaryPicture(16, "x265", 40, true, new byte[20])));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PacketCodec.writeInStream(dct, HEADER));
        assertTrue(e.getMessage().contains("its header's intra codec, x265"), e.getMessage());
        assertEquals(List.of("gvc-dct", "x265"),
                PacketCodec.read(PacketCodec.write(dct)).boundaries().stream().map(BoundaryPicture::codecId).toList());
        GvcPacket own = packet(List.of(new BoundaryPicture(8, "my-codec", 40, true, new byte[30]),
                new BoundaryPicture(16, "my-codec", 40, true, new byte[20])));
        StreamHeader ownHeader = new StreamHeader(CONFIG, 65, "my-codec");
        byte[] b = PacketCodec.writeInStream(own, ownHeader);
        assertEquals(28 + 50, b.length, "the header spells the codec out once");
        assertEquals(List.of("my-codec", "my-codec"), readInFile(b, ownHeader).boundaries().stream()
                .map(BoundaryPicture::codecId).toList());
    }

    /** A file whose header names no intra codec has none to code a boundary with. */
    @Test
    void aHeaderWithoutAnIntraCodecHasNoBoundaries() {
        GvcPacket p = packet(List.of(new BoundaryPicture(16, "x265", 40, true, new byte[20])));
        byte[] b = PacketCodec.writeInStream(p, HEADER);
        StreamHeader none = new StreamHeader(CONFIG, 65, "");
        BitstreamException e = assertThrows(BitstreamException.class, () -> readInFile(b, none));
        assertEquals("packet.boundary_count", e.field());
    }

    /** Version 14: packet.flags' bits 4..7 are reserved. */
    @Test
    void aReservedFlagIsRefusedByName() {
        GvcPacket p = packet(List.of(new BoundaryPicture(16, "x265", 40, true, new byte[20])));
        byte[] b = PacketCodec.writeInStream(p, HEADER);
        assertEquals(1 | 0x04, b[2]); // kind, length, flags: the bridge, generated
        b[2] |= 0x10;
        BitstreamException e = assertThrows(BitstreamException.class, () -> readInFile(fixFileCrc(b), HEADER));
        assertEquals("packet.flags", e.field());
    }

    /** Version 13: a well-known name spelled out, and an entry past the table, are refused by name. */
    @Test
    void aWellKnownNameHasOneLayout() {
        GvcPacket p = packet(List.of(new BoundaryPicture(16, "gvc-dct", 40, false, new byte[4])));
        byte[] b = PacketCodec.write(p);
        byte[] spelled = new FieldWriter().u8(7).bytes("gvc-dct".getBytes()).toByteArray();
        BitstreamException e = assertThrows(BitstreamException.class,
                () -> new FieldReader(spelled, 0, spelled.length).name("packet.boundary[0].codec", WellKnownNames.CODECS, 64));
        assertEquals("packet.boundary[0].codec", e.field());
        assertTrue(e.getMessage().contains("well-known entry 2"), e.getMessage());
        int at = indexOf(b, new byte[] {16, (byte) 0x82}) + 1;
        b[at] = (byte) 0x83; // past the three codecs
        e = assertThrows(BitstreamException.class, () -> PacketCodec.read(fixCrc(b)));
        assertEquals("packet.boundary[0].codec", e.field());
        assertTrue(e.getMessage().contains("x265, x264, gvc-dct"), e.getMessage());
    }

    /** Version 8: a GOP whose output is its anchors carries nothing for everything generated (version 14: one bit). */
    @Test
    void aGopWithoutAGeneratedPartSpendsOneBitOnIt() throws BitstreamException {
        GvcPacket anchorsOnly = new GvcPacket(3, 48, 17, CONFIG, 0, 0, 0, 1, new int[] {0, 0},
                List.of(new BoundaryPicture(16, "x265", 40, true, new byte[20])), "", new byte[0], new byte[0], 0,
                new byte[0], new EncoderPsnr(117, 150, 161));
        assertTrue(!anchorsOnly.generates());
        byte[] b = PacketCodec.writeInStream(anchorsOnly, HEADER);
        // kind 1, length 1, flags 1, boundary count 1, boundary 1+1+1, PSNR 3, CRC 4: 14 bytes besides
        // the picture's 20
        assertEquals(14 + 20, b.length);
        GvcPacket back = readInFile(b, HEADER);
        assertTrue(!back.generates());
        assertEquals(0, back.m());
        assertArrayEquals(new int[] {0, 0}, back.deviationScale());
        assertEquals(0, back.priorSide().length);

        // the flag set over nothing is a second form of the same GOP: refused by name
        int psnr = b.length - 4 - 3;
        byte[] withFlag = new byte[b.length + 8];
        System.arraycopy(b, 0, withFlag, 0, psnr);
        withFlag[2] |= 0x04; // then m, m_tail, tail, 2 scales, side length, residual length, atom bits: all 0
        System.arraycopy(b, psnr, withFlag, psnr + 8, b.length - psnr);
        withFlag[1] = (byte) (b[1] + 8); // the length
        BitstreamException e = assertThrows(BitstreamException.class,
                () -> readInFile(fixFileCrc(withFlag), HEADER));
        assertEquals("packet.generated", e.field());
    }

    @Test
    void aFilePacketOfAnotherKindAndALivePacketOfAnotherVersionAreRefusedByName() {
        GvcPacket p = packet(List.of(new BoundaryPicture(16, "x265", 40, true, new byte[20])));
        byte[] inFile = PacketCodec.writeInStream(p, HEADER);
        assertEquals('Q', inFile[0]);
        inFile[0] = 'X';
        assertEquals("packet.kind", assertThrows(BitstreamException.class,
                () -> readInFile(inFile, HEADER)).field());
        byte[] live = PacketCodec.write(p);
        assertEquals(PacketCodec.VERSION, live[4]);
        live[4] = 7;
        assertEquals("packet.version", assertThrows(BitstreamException.class, () -> PacketCodec.read(live)).field());
        // a packet as a file holds it is not a live packet
        assertEquals("packet.magic", assertThrows(BitstreamException.class,
                () -> PacketCodec.read(PacketCodec.writeInStream(p, HEADER))).field());
    }

    @Test
    void anEmptyCodecIdOnTheFirstBoundaryIsRefused() {
        GvcPacket p = packet(List.of(new BoundaryPicture(16, "gvc-dct", 40, false, new byte[4])));
        byte[] b = PacketCodec.write(p);
        // the codec id "gvc-dct" (well-known entry 2) becomes "": the same as the boundary before it, which there is not
        int at = indexOf(b, new byte[] {16, (byte) 0x82}) + 1;
        b[at] = 0;
        BitstreamException e = assertThrows(BitstreamException.class, () -> PacketCodec.read(fixCrc(b)));
        assertEquals("packet.boundary[0].codec", e.field());
    }

    @Test
    void aPredictedFirstFrameIsRefused() {
        GvcPacket p = packet(List.of(new BoundaryPicture(0, "gvc-dct", 40, false, new byte[4]),
                new BoundaryPicture(16, "gvc-dct", 40, true, new byte[4])));
        byte[] b = PacketCodec.write(p);
        int at = indexOf(b, new byte[] {0, (byte) 0x82}) + 2;
        assertEquals(40, b[at]);
        b[at] = (byte) (40 | 0x80);
        BitstreamException e = assertThrows(BitstreamException.class, () -> PacketCodec.read(fixCrc(b)));
        assertEquals("packet.boundary[0].predicted", e.field());
    }

    /** Version 10: a between picture is marked in the packet's between mask and reads back as one. */
    @Test
    void aBetweenPictureRoundTripsAndIsRefusedWhereItCannotBe() throws BitstreamException {
        GvcPacket p = packet(List.of(new BoundaryPicture(4, "gvc-dct", 30, true, true, new byte[5]),
                new BoundaryPicture(8, "gvc-dct", 40, true, new byte[6]),
                new BoundaryPicture(12, "gvc-dct", 30, true, true, new byte[5]),
                new BoundaryPicture(16, "gvc-dct", 40, true, new byte[7])));
        byte[] b = PacketCodec.write(p);
        GvcPacket back = PacketCodec.read(b);
        assertEquals(List.of(true, false, true, false), back.boundaries().stream().map(BoundaryPicture::between).toList());
        assertEquals(List.of(30, 40, 30, 40), back.boundaries().stream().map(BoundaryPicture::quality).toList());
        // the mask follows the boundary count (4): 0b0101
        int count = indexOf(b, new byte[] {4, 5}) ;
        assertEquals(5, b[count + 1]);
        // the last boundary marked: refused by name
        b[count + 1] = (byte) 0b1101;
        assertEquals("packet.between", assertThrows(BitstreamException.class, () -> PacketCodec.read(fixCrc(b))).field());
        // a mark past the boundary count
        b[count + 1] = (byte) 0b10101;
        assertEquals("packet.between", assertThrows(BitstreamException.class, () -> PacketCodec.read(fixCrc(b))).field());
        // an intra picture marked as between
        GvcPacket intra = packet(List.of(new BoundaryPicture(8, "gvc-dct", 40, false, new byte[6]),
                new BoundaryPicture(16, "gvc-dct", 40, true, new byte[7])));
        byte[] c = PacketCodec.write(intra);
        int at = indexOf(c, new byte[] {2, 0, 8}); // count, mask, the first position
        c[at + 1] = 1;
        assertEquals("packet.boundary[0].predicted", assertThrows(BitstreamException.class,
                () -> PacketCodec.read(fixCrc(c))).field());
        // the writer refuses a last boundary that is a between picture
        assertThrows(IllegalArgumentException.class, () -> PacketCodec.write(packet(List.of(
                new BoundaryPicture(16, "gvc-dct", 40, true, true, new byte[7])))));
    }

    @Test
    void theWriterRefusesAQualityThatWouldSetThePredictedBit() {
        GvcPacket p = packet(List.of(new BoundaryPicture(16, "x265", 200, false, new byte[4])));
        assertThrows(IllegalArgumentException.class, () -> PacketCodec.write(p));
    }

    /** Reads a packet as a file with {@code header} holds it, at GOP 3's place (every packet here is GOP 3). */
    private static GvcPacket readInFile(byte[] b, StreamHeader header) throws BitstreamException {
        return PacketCodec.read(b, 0, b.length, header, GopPlace.of(header, 3));
    }

    private static int indexOf(byte[] b, byte[] what) {
        outer:
        for (int i = 0; i + what.length <= b.length; i++) {
            for (int j = 0; j < what.length; j++) {
                if (b[i + j] != what[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("not found");
    }

    /** The CRC of a packet as a file holds it whose length takes one byte: kind, length, body, CRC. */
    private static byte[] fixFileCrc(byte[] b) {
        CRC32C crc = new CRC32C();
        crc.update(b, 2, b.length - 6);
        long v = crc.getValue();
        for (int i = 0; i < 4; i++) {
            b[b.length - 4 + i] = (byte) (v >>> (24 - 8 * i));
        }
        return b;
    }

    private static byte[] fixCrc(byte[] b) {
        int[] s = io.gvc.codec.fuzz.Mutations.sections(b).get(0);
        CRC32C crc = new CRC32C();
        crc.update(b, s[0], s[1] - s[0]);
        long v = crc.getValue();
        for (int i = 0; i < 4; i++) {
            b[s[1] + i] = (byte) (v >>> (24 - 8 * i));
        }
        return b;
    }
}
