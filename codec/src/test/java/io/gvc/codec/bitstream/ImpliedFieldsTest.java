package io.gvc.codec.bitstream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gvc.codec.frame.VideoFormat;
import io.gvc.codec.variant.Variant;
import java.io.ByteArrayOutputStream;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Version 14: what a stream leaves out because the format implies it (the config's default fields,
 * a shipped model's hash, a file packet's place), and the refusals that keep one layout per value.
 */
class ImpliedFieldsTest {

    private static final VideoFormat FORMAT = new VideoFormat(64, 48, 25, 1);
    private static final byte[] BRIDGE_HASH = HexFormat.of().parseHex("5a416b82a9eb1aa3");
    /** The encoder's defaults with the shipped FLF2V model: every optional field implied. */
    private static final CodingConfig DEFAULTS = new CodingConfig(Variant.FLF2V, FORMAT, 17, 2, 2, 1024, 12, 2, 3f, 3f,
            0x6776635f73656564L, "gvc-learned-bridge-1", BRIDGE_HASH);
    /** Every optional field other than implied. */
    private static final CodingConfig OTHERS = new CodingConfig(Variant.FLF2V, FORMAT, 9, 2, 2, 256, 8, 1, 2f, 1f, 42L,
            "gvc-learned-bridge-1", new byte[8]);

    private static GvcPacket packet(CodingConfig c, long seq, long first, int frames) {
        return new GvcPacket(seq, first, frames, c, 0, 0, 0, 1, new int[] {0, 0},
                List.of(new BoundaryPicture(frames - 1, "x265", 40, true, new byte[20])), "", new byte[0], new byte[0],
                0, new byte[0], new EncoderPsnr(117, 150, 161));
    }

    @Test
    void aConfigOfTheDefaultsSpendsOneByteOnItsEightOptionalFields() throws BitstreamException {
        byte[] implied = PacketCodec.write(packet(DEFAULTS, 0, 0, 9));
        byte[] written = PacketCodec.write(packet(OTHERS, 0, 0, 9));
        // gop_frames 1, codebook_size 2 (256 as a varint), steps 1, tail_steps 1, shift 4, g_scale 4,
        // seed 8, model hash 8: 29 bytes the defaults leave out
        assertEquals(written.length - 29, implied.length);
        assertEquals(DEFAULTS, PacketCodec.read(implied).config());
        assertEquals(OTHERS, PacketCodec.read(written).config());
        // live: magic 4, version, length, seq, first, count, variant, 64, 48, 25, 1, ds, stride, then present
        assertEquals(0, implied[16]);
        assertEquals(0xff, written[16] & 0xff);
    }

    @Test
    void aFieldWrittenAtItsImpliedValueIsRefusedByName() {
        assertRefused("cfg.steps", config(0x04).uv(12).name("gvc-learned-bridge-1", WellKnownNames.MODELS));
        assertRefused("cfg.gop_frames", config(0x01).uv(17).name("gvc-learned-bridge-1", WellKnownNames.MODELS));
        assertRefused("cfg.shift", config(0x10).f32(3f).name("gvc-learned-bridge-1", WellKnownNames.MODELS));
        assertRefused("cfg.seed", config(0x40).u64(0x6776635f73656564L).name("gvc-learned-bridge-1",
                WellKnownNames.MODELS));
        assertRefused("cfg.model_hash", config(0x80).name("gvc-learned-bridge-1", WellKnownNames.MODELS)
                .bytes(BRIDGE_HASH));
    }

    @Test
    void anImpliedFieldMustFitTheWrittenOnes() {
        // two steps at the end are implied, one step is written
        assertRefused("cfg.tail_steps", config(0x04).uv(1).name("gvc-learned-bridge-1", WellKnownNames.MODELS));
    }

    @Test
    void aModelOfItsOwnWritesItsHashAndCannotLeaveItOut() throws BitstreamException {
        assertTrue(ImpliedConfig.modelHash("my-prior").isEmpty());
        assertRefused("cfg.present", config(0x00).name("my-prior", WellKnownNames.MODELS));
        byte[] hash = {1, 2, 3, 4, 5, 6, 7, 8};
        FieldWriter w = config(0x80).name("my-prior", WellKnownNames.MODELS).bytes(hash);
        byte[] b = w.toByteArray();
        CodingConfig c = ConfigField.read(new FieldReader(b, 0, b.length), "cfg");
        assertEquals("my-prior", c.modelId());
        assertArrayEquals(hash, c.modelHashPrefix());
        assertEquals(0x6776635f73656564L, c.seed(), "the other fields implied");
    }

    /** A file's packets are GOP 0, 1, ... at the places the header implies; one past the last is refused. */
    @Test
    void aFilePacketTakesItsPlaceFromTheHeader() throws BitstreamException {
        StreamHeader twoGops = new StreamHeader(DEFAULTS, 33, "x265");
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        file.writeBytes(ContainerCodec.writeHeader(twoGops));
        byte[] gop0 = ContainerCodec.writePacket(packet(DEFAULTS, 0, 0, 17), twoGops);
        byte[] gop1 = ContainerCodec.writePacket(packet(DEFAULTS, 1, 16, 17), twoGops);
        file.writeBytes(gop0);
        file.writeBytes(gop1);
        ContainerCodec.Container c = ContainerCodec.read(file.toByteArray());
        assertEquals(List.of(0L, 1L), c.packets().stream().map(GvcPacket::gopSeq).toList());
        assertEquals(List.of(0L, 16L), c.packets().stream().map(GvcPacket::firstFrame).toList());
        assertEquals(List.of(17, 17), c.packets().stream().map(GvcPacket::frameCount).toList());
        // kind 1, length 1 (no seq, first or count, no config), flags 1, boundary count 1, boundary
        // 1+1+1 (no codec id), PSNR 3, CRC 4: 14 bytes besides the picture's 20
        assertEquals(14 + 20, gop1.length);

        // the same two packets under a header of 17 frames: one GOP, so the second has no place
        ByteArrayOutputStream oneGop = new ByteArrayOutputStream();
        oneGop.writeBytes(ContainerCodec.writeHeader(new StreamHeader(DEFAULTS, 17, "x265")));
        oneGop.writeBytes(gop0);
        oneGop.writeBytes(gop1);
        BitstreamException e = assertThrows(BitstreamException.class, () -> ContainerCodec.read(oneGop.toByteArray()));
        assertEquals("stream.total_frames", e.field());
        assertTrue(e.getMessage().contains("17 frames need 1 GOPs"), e.getMessage());
    }

    @Test
    void theWriterRefusesAPacketOutOfItsPlace() {
        StreamHeader header = new StreamHeader(DEFAULTS, 33, "x265");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ContainerCodec.writePacket(packet(DEFAULTS, 1, 17, 16), header));
        assertTrue(e.getMessage().contains("the stream header implies 16+17"), e.getMessage());
    }

    /** A config up to its present byte: FLF2V, 64x48, 25/1, downscale 2, stride 2. */
    private static FieldWriter config(int present) {
        return new FieldWriter().u8(Variant.FLF2V.code()).uv(64).uv(48).uv(25).uv(1).u8(2).u8(2).u8(present);
    }

    private static void assertRefused(String field, FieldWriter w) {
        byte[] b = w.toByteArray();
        BitstreamException e = assertThrows(BitstreamException.class,
                () -> ConfigField.read(new FieldReader(b, 0, b.length), "cfg"));
        assertEquals(field, e.field(), e.getMessage());
    }
}
