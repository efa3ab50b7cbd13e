package io.gvc.boundary;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gvc.codec.bitstream.BitstreamException;
import org.junit.jupiter.api.Test;

/**
 * The layout of predicted and between payloads at the byte level (version 15): as coded every byte
 * is kept; in a packet the slice prefix is left out exactly where the picture opens with it, flagged
 * in bit 15, and put back on reading; the other 15 bits check the references.
 */
class ReferencedPayloadTest {

    private static final byte[] REFERENCES = {1, 2, 3, 4, 5};

    private static byte[] annexB(int... bytes) {
        byte[] out = new byte[3 + bytes.length];
        out[2] = 1;
        for (int i = 0; i < bytes.length; i++) {
            out[3 + i] = (byte) bytes[i];
        }
        return out;
    }

    @Test
    void aPictureThatOpensWithItsPrefixLeavesItOutAndGetsItBack() throws BitstreamException {
        byte[] picture = annexB(0x02, 0x01, 0xd0, 0x09, 0x79, 0xaa, 0xbb);
        byte[] coded = ReferencedPayload.write(REFERENCES, picture);
        assertEquals(ReferencedPayload.HEADER + picture.length - 3, coded.length, "as coded, every byte");
        assertEquals(0, coded[0] & 0x80);
        assertArrayEquals(picture, ReferencedPayload.picture(coded, SlicePrefix.X265_PREDICTED));
        byte[] data = ReferencedPayload.compact(ReferencedPayload.write(REFERENCES, picture), SlicePrefix.X265_PREDICTED);
        assertEquals(ReferencedPayload.HEADER + 2, data.length, "5 bytes of prefix left out");
        assertTrue((data[0] & 0x80) != 0, "flagged");
        assertEquals((byte) 0xaa, data[2]);
        assertArrayEquals(picture, ReferencedPayload.picture(data, SlicePrefix.X265_PREDICTED));
        ReferencedPayload.checkReferences(data, REFERENCES, "x265", "reference picture codes");
    }

    @Test
    void aPictureThatDoesNotOpenWithItKeepsEveryByte() throws BitstreamException {
        for (byte[] picture : new byte[][] {annexB(0x02, 0x01, 0xd0, 0x09, 0x78, 0xaa), // one bit off
                annexB(0x02, 0x01, 0xd0, 0x09, 0x79)}) { // the prefix and nothing after it
            byte[] data = ReferencedPayload.compact(ReferencedPayload.write(REFERENCES, picture),
                    SlicePrefix.X265_PREDICTED);
            assertEquals(ReferencedPayload.HEADER + picture.length - 3, data.length);
            assertEquals(0, data[0] & 0x80, "not flagged");
            assertArrayEquals(picture, ReferencedPayload.picture(data, SlicePrefix.X265_PREDICTED));
            ReferencedPayload.checkReferences(data, REFERENCES, "x265", "reference picture codes");
        }
        byte[] between = annexB(0x00, 0x01, 0xe0, 0x24, 0xbe, 0x18);
        byte[] coded = ReferencedPayload.write(REFERENCES, between);
        assertEquals(ReferencedPayload.HEADER + between.length - 3,
                ReferencedPayload.compact(coded, SlicePrefix.X265_PREDICTED).length, "another kind's prefix");
        assertEquals(ReferencedPayload.HEADER + 1, ReferencedPayload.compact(coded, SlicePrefix.X265_BETWEEN).length);
    }

    /** The check has 15 bits now; each of them, and other references, is refused by name. */
    @Test
    void theCheckCoversOtherReferencesAndEachOfItsBits() {
        byte[] data = ReferencedPayload.compact(ReferencedPayload.write(REFERENCES,
                annexB(0x02, 0x01, 0xd0, 0x09, 0x79, 0xaa)), SlicePrefix.X265_PREDICTED);
        BitstreamException e = assertThrows(BitstreamException.class,
                () -> ReferencedPayload.checkReferences(data, new byte[] {1, 2, 3}, "x265", "reference picture codes"));
        assertTrue(e.getMessage().contains("x265 reference picture codes differently here"), e.getMessage());
        for (int bit = 0; bit < 15; bit++) {
            byte[] damaged = data.clone();
            damaged[1 - bit / 8] ^= (byte) (1 << (bit % 8));
            assertThrows(BitstreamException.class,
                    () -> ReferencedPayload.checkReferences(damaged, REFERENCES, "x265", "reference picture codes"),
                    "bit " + bit);
        }
    }
}
