package io.gvc.boundary;

import io.gvc.codec.bitstream.BitstreamException;
import java.util.zip.CRC32;

/**
 * The layout of a payload coded against reference pictures a decoder codes again itself (x265's
 * predicted and between pictures): [u16: bit 15 set where the picture's {@link SlicePrefix} is left
 * out (version 15), bits 0..14 the low 15 bits of the CRC-32 of the reference pictures' bytes][the
 * picture's NAL units, Annex-B, without the first start code, and without the prefix where bit 15
 * says so].
 *
 * <p>The check turns a different x265 build on the far side (or another reference) into a clear
 * error instead of a wrong picture: such a decoder fails on the first predicted picture but once in
 * 32768, and on the next one after that. Bitstream 4 gave it 16 bits; 15 since version 15, whose
 * flag saves 5 bytes a picture. Bitstream 8 dropped the payload's own version byte and the start
 * code; 14 its quality byte, which the boundary's quality field already carries.
 */
final class ReferencedPayload {

    /** Bytes before the picture: the flag and the check. */
    static final int HEADER = 2;

    /** Bit 15 of the head, in its first byte: the prefix left out. */
    private static final int PREFIX_LEFT_OUT = 0x80;
    private static final int CHECK_MASK = 0x7FFF;

    private ReferencedPayload() {
    }

    /**
     * The payload of {@code picture} (filtered Annex-B, with its first start code) coded against
     * {@code references}, every byte kept (flag clear): what the encoder measures, its rate control
     * included ({@link #compact} leaves the prefix out for the packet).
     */
    static byte[] write(byte[] references, byte[] picture) {
        byte[] units = AnnexB.withoutFirstStartCode(picture);
        int check = check(references);
        byte[] out = new byte[HEADER + units.length];
        out[0] = (byte) (check >>> 8);
        out[1] = (byte) check;
        System.arraycopy(units, 0, out, HEADER, units.length);
        return out;
    }

    /** {@code data} as a packet carries it: without the prefix, flagged, where its picture opens with it; else as it is. */
    static byte[] compact(byte[] data, SlicePrefix prefix) {
        return data.length > HEADER && (data[0] & PREFIX_LEFT_OUT) == 0 ? prefix.leaveOut(data, HEADER, PREFIX_LEFT_OUT)
                : data;
    }

    /** Refuses {@code data} whose check does not match {@code references} as coded here; {@code what} names them. */
    static void checkReferences(byte[] data, byte[] references, String codecId, String what) throws BitstreamException {
        int stored = ((data[0] & 0xFF) << 8 | (data[1] & 0xFF)) & CHECK_MASK;
        int here = check(references);
        if (here != stored) {
            throw new BitstreamException(FfmpegIntraCodec.FIELD, String.format("%s %s differently here (CRC low bits "
                    + "%04x, the encoder's %04x): encoder and decoder need the same %s build", codecId, what, here,
                    stored, codecId));
        }
    }

    /** The payload's picture as a decoder reads it: Annex-B with its first start code, its prefix put back. */
    static byte[] picture(byte[] data, SlicePrefix prefix) {
        return AnnexB.withFirstStartCode(prefix.unitsAfter(data, HEADER, (data[0] & PREFIX_LEFT_OUT) != 0));
    }

    private static int check(byte[] references) {
        CRC32 crc = new CRC32();
        crc.update(references);
        return (int) (crc.getValue() & CHECK_MASK);
    }
}
