package io.gvc.codec.bitstream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gvc.codec.frame.VideoFormat;
import io.gvc.codec.variant.Variant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The packet's bridge offsets (version 6): their codes, their place in the packet, their refusals. */
class BridgeOffsetFieldTest {

    private static final CodingConfig CONFIG = new CodingConfig(Variant.FLF2V, new VideoFormat(176, 144, 30, 1), 9,
            4, 2, 1024, 12, 2, 3f, 3f, 42L, "gvc-learned-picture-3", new byte[8]);
    /** A GOP of 9 frames with keyframes at 0, 4 and 8. */
    private static final List<BoundaryPicture> KEYFRAMES = List.of(new BoundaryPicture(4, "x265", 40, true, new byte[7]),
            new BoundaryPicture(8, "x265", 40, true, new byte[5]));

    private static GvcPacket packet(int anchorMode, int[] offsets) {
        return new GvcPacket(3, 24, 9, CONFIG, 0, 0, 0, anchorMode, new int[] {16, 8}, KEYFRAMES, "", new byte[0],
                new byte[0], 0, new byte[0], new EncoderPsnr(0, 0, 0), offsets);
    }

    /** (x, y) per position of the 9-frame GOP, zero at its keyframes 0, 4 and 8. */
    private static int[] offsets(int... bridged) {
        int[] out = new int[18];
        int[] positions = {1, 2, 3, 5, 6, 7};
        for (int i = 0; i < positions.length; i++) {
            out[2 * positions[i]] = bridged[2 * i];
            out[2 * positions[i] + 1] = bridged[2 * i + 1];
        }
        return out;
    }

    @Test
    void offsetsRoundTripThroughAPacket() throws BitstreamException {
        int[] o = offsets(0, 0, -12, 3, 32, -32, 1, 0, 0, -1, 5, 5);
        GvcPacket back = PacketCodec.read(PacketCodec.write(packet(1, o)));
        assertArrayEquals(o, back.bridgeOffsets());
    }

    @Test
    void eachOffsetIsASignedExpGolombCode() {
        // 0 -> "1", 1 -> "010", -2 -> "00101": 12 values for the 6 bridged frames, zero-padded
        assertArrayEquals(new byte[] {(byte) 0b01011111, (byte) 0b11111100},
                BridgeOffsetField.write(offsets(1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0), keyframes()));
        assertArrayEquals(new byte[] {(byte) 0b00101111, (byte) 0b11111111},
                BridgeOffsetField.write(offsets(-2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0), keyframes()));
    }

    @Test
    void aGopWithoutOffsetsSpendsNothingOnThem() {
        byte[] none = PacketCodec.write(packet(1, new int[0]));
        byte[] zeros = PacketCodec.write(packet(1, new int[18]));
        assertArrayEquals(none, zeros, "all-zero offsets are written as none");
        byte[] some = PacketCodec.write(packet(1, offsets(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1)));
        // a flag in packet.flags says offsets follow (version 14): their length, 1 byte, then 11 one-bit
        // zeros and a 3-bit 1: 2 bytes
        assertEquals(none.length + 3, some.length);
    }

    @Test
    void offsetsOnTheCrossFadeAreRefused() {
        byte[] b = UncheckedWrites.packet(packet(0, offsets(4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)));
        BitstreamException e = assertThrows(BitstreamException.class, () -> PacketCodec.read(b));
        assertEquals("packet.flags", e.field());
        assertThrows(IllegalArgumentException.class, () -> PacketCodec.write(packet(0, offsets(4, 0, 0, 0, 0, 0, 0,
                0, 0, 0, 0, 0))));
    }

    @Test
    void theWriterRefusesAnOffsetOnAKeyframeOrBeyondTheLimit() {
        int[] onKeyframe = new int[18];
        onKeyframe[2 * 4] = 1;
        assertThrows(IllegalArgumentException.class, () -> PacketCodec.write(packet(1, onKeyframe)));
        assertThrows(IllegalArgumentException.class, () -> PacketCodec.write(packet(1, offsets(33, 0, 0, 0, 0, 0, 0,
                0, 0, 0, 0, 0))));
    }

    @Test
    void theReaderRefusesBadFieldsNamingThem() {
        boolean[] k = keyframes();
        // 12 zeros (12 one-bit codes) then 4 zero pad bits: every offset zero
        BitstreamException zeros = assertThrows(BitstreamException.class,
                () -> BridgeOffsetField.read(new byte[] {(byte) 0xFF, (byte) 0xF0}, k));
        assertTrue(zeros.getMessage().contains("only zero"), zeros.getMessage());
        // a set padding bit
        BitstreamException pad = assertThrows(BitstreamException.class,
                () -> BridgeOffsetField.read(new byte[] {(byte) 0b01011111, (byte) 0b11111101}, k));
        assertTrue(pad.getMessage().contains("padding"), pad.getMessage());
        // a byte too many
        BitstreamException extra = assertThrows(BitstreamException.class,
                () -> BridgeOffsetField.read(new byte[] {(byte) 0b01011111, (byte) 0b11111100, 0}, k));
        assertTrue(extra.getMessage().contains("unused"), extra.getMessage());
        // a code beyond +-32: 7 leading zeros
        BitstreamException far = assertThrows(BitstreamException.class,
                () -> BridgeOffsetField.read(new byte[] {1, 0, 0, 0, 0}, k));
        assertEquals("packet.bridge_offsets[1].x", far.field());
        // and the data running out
        BitstreamException shortField = assertThrows(BitstreamException.class,
                () -> BridgeOffsetField.read(new byte[] {(byte) 0b01011111}, k));
        assertEquals("packet.bridge_offsets", shortField.field());
    }

    private static boolean[] keyframes() {
        boolean[] k = new boolean[9];
        k[0] = k[4] = k[8] = true;
        return k;
    }
}
