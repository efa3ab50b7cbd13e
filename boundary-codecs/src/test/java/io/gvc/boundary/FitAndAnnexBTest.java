package io.gvc.boundary;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gvc.codec.frame.Frame;
import org.junit.jupiter.api.Test;

/** The pure-Java helpers behind the FFmpeg codecs: padding to a codable size, NAL filtering. */
class FitAndAnnexBTest {

    @Test
    void paddingRepeatsEdgesAndCroppingUndoesIt() {
        byte[] i420 = new byte[Frame.i420Size(3, 3)];
        for (int i = 0; i < i420.length; i++) {
            i420[i] = (byte) (i + 1);
        }
        Frame small = Frame.fromI420(i420, 0, 3, 3); // Y 1..9, U 10..13, V 14..17
        Frame padded = Fit.toSize(small, 16, 16);

        assertEquals(16, padded.width());
        assertEquals(3, padded.y()[15], "last column repeated");
        assertEquals(9, padded.y()[16 * 15 + 15], "bottom-right corner repeated");
        assertEquals(8 * 8, padded.u().length);
        assertEquals(13, padded.u()[8 * 7 + 7]);
        assertTrue(small.samePixels(Fit.toSize(padded, 3, 3)));
    }

    @Test
    void codedSidesAreEvenAndAboveTheEncoderMinimum() {
        assertEquals(18, X26x.X265.codedSide(17));
        assertEquals(16, X26x.X265.codedSide(9));
        assertEquals(10, X26x.X264.codedSide(9));
        assertEquals(176, X26x.X264.codedSide(176));
    }

    @Test
    void filterKeepsWantedUnitsBehindShortStartCodes() {
        byte[] stream = {0, 0, 0, 1, 0x67, 5, 0, 0, 1, 0x06, 7, 7, 0, 0, 0, 1, 0x65, 1, 2, 0};
        byte[] kept = AnnexB.filter(stream, header -> (header & 0x1F) != 6); // drop H.264 SEI
        assertArrayEquals(new byte[] {0, 0, 1, 0x67, 5, 0, 0, 1, 0x65, 1, 2}, kept);
        assertArrayEquals(kept, X26x.X264.strip(stream));
        assertThrows(IllegalArgumentException.class, () -> AnnexB.filter(new byte[] {1, 2, 3}, h -> true));
    }

    /** The HEVC parameter sets (VPS 0x40, SPS 0x42, PPS 0x44) that open a stream, up to its first slice. */
    @Test
    void leadingUnitsCountsTheParameterSetsBeforeTheFirstSlice() {
        byte[] stream = {0, 0, 1, 0x40, 1, 0, 0, 1, 0x42, 2, 3, 0, 0, 1, 0x44, 4, 0, 0, 1, 0x26, 5, 6};
        assertEquals(16, AnnexB.leadingUnits(stream, X26x.X265::isParameterSet));
        byte[] sliceFirst = {0, 0, 1, 0x26, 5, 0, 0, 1, 0x40, 1};
        assertEquals(0, AnnexB.leadingUnits(sliceFirst, X26x.X265::isParameterSet));
        byte[] setsOnly = {0, 0, 1, 0x40, 1, 0, 0, 1, 0x42, 2};
        assertEquals(setsOnly.length, AnnexB.leadingUnits(setsOnly, X26x.X265::isParameterSet));
    }
}
