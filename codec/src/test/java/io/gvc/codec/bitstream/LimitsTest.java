package io.gvc.codec.bitstream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gvc.codec.frame.VideoFormat;
import io.gvc.codec.prng.NoiseDomain;
import io.gvc.codec.rate.RateController;
import io.gvc.codec.variant.Variant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One set of limits: what the reader refuses, the writer refuses too, and decode work stays bounded by the pictures. */
class LimitsTest {

    private static CodingConfig config(Variant v, int w, int h, int gop, int ds, int stride, int k, int steps, int tail) {
        return new CodingConfig(v, new VideoFormat(w, h, 25, 1), gop, ds, stride, k, steps, tail, 3f, 3f, 1L, "m",
                new byte[CodingConfig.HASH_PREFIX_BYTES]);
    }

    private static GvcPacket packet(CodingConfig c, int frames, int m, String prompt) {
        return new GvcPacket(0, 0, frames, c, m, m, 0, 0, new int[2], List.of(), prompt, new byte[0], new byte[0], 0,
                new byte[0], new EncoderPsnr(0, 0, 0));
    }

    private static final CodingConfig T2V_SMALL = config(Variant.T2V, 16, 16, 9, 1, 2, 256, 12, 2);

    @Test
    void aValidPacketIsWrittenAndReadBack() throws Exception {
        GvcPacket p = packet(T2V_SMALL, 9, 0, "a prompt");
        assertEquals("a prompt", PacketCodec.read(PacketCodec.write(p)).prompt());
    }

    @Test
    void theWriterRefusesAPromptTheReaderWouldRefuse() {
        GvcPacket p = packet(T2V_SMALL, 9, 0, "p".repeat(Limits.MAX_PROMPT_BYTES + 1));
        BitstreamException read = assertThrows(BitstreamException.class,
                () -> PacketCodec.read(PacketCodec.layOut(p, null)));
        assertEquals("packet.prompt: length 4097 exceeds 4096", read.getMessage());
        IllegalArgumentException write = assertThrows(IllegalArgumentException.class, () -> PacketCodec.write(p));
        assertEquals("a packet no decoder would read: packet.prompt: length 4097 exceeds 4096", write.getMessage());
    }

    @Test
    void theWriterRefusesAConfigTheReaderWouldRefuse() {
        CodingConfig longGop = config(Variant.FLF2V, 16, 16, Limits.MAX_GOP_FRAMES + 1, 1, 2, 256, 12, 2);
        IllegalArgumentException packet = assertThrows(IllegalArgumentException.class,
                () -> PacketCodec.write(packet(longGop, 9, 0, "")));
        assertEquals("a packet no decoder would read: packet.config.gop_frames: value 1025 outside 2..1024",
                packet.getMessage());
        IllegalArgumentException header = assertThrows(IllegalArgumentException.class,
                () -> ContainerCodec.writeHeader(new StreamHeader(longGop, 9, "gvc-dct")));
        assertEquals("a stream header no decoder would read: stream.config.gop_frames: value 1025 outside 2..1024",
                header.getMessage());
        CodingConfig bigK = config(Variant.FLF2V, 16, 16, 9, 1, 2, Limits.MAX_CODEBOOK + 1, 12, 2);
        assertEquals("a packet no decoder would read: packet.config.codebook_size: value 65537 outside 1..65536",
                assertThrows(IllegalArgumentException.class, () -> PacketCodec.write(packet(bigK, 9, 0, "")))
                        .getMessage());
    }

    /**
     * A small valid-looking packet that asks for 1000 steps of 1024 latent frames, each unranking an
     * atom of K = 65536: about 7 * 10^10 steps of work for 16x16 pictures. Refused by the reader and
     * the writer alike.
     */
    @Test
    void atomWorkBeyondWhatThePicturesAllowIsRefused() {
        CodingConfig absurd = config(Variant.T2V, 16, 16, 1024, 1, 1, Limits.MAX_CODEBOOK, 1000, 0);
        GvcPacket p = packet(absurd, 1024, 1, "");
        BitstreamException read = assertThrows(BitstreamException.class,
                () -> PacketCodec.read(PacketCodec.layOut(p, null)));
        assertEquals("packet.m", read.field());
        assertEquals("M 1 at K 65536 over 1000 stochastic steps and 1024 coded latent frames of 384 values costs "
                + "67502080000 atom draws to decode, above the 2147483648 a 1024-frame GOP of 16x16 may cost "
                + "(8192 per picture sample, docs/bitstream.md)", read.problem());
        assertThrows(IllegalArgumentException.class, () -> PacketCodec.write(p));
    }

    /** The bound refuses only what is far beyond the defaults: M = 4096 on carphone's size passes at the default downscale. */
    @Test
    void theWorkBoundLeavesRoomAboveTheDefaults() {
        CodingConfig ds2 = config(Variant.FLF2V, 176, 144, 17, 2, 2, 8192, 12, 2);
        assertNull(Limits.atomWorkRefusal(ds2, 17, 4096, 4096, 0));
        CodingConfig ds1 = config(Variant.FLF2V, 176, 144, 17, 1, 2, 8192, 12, 2);
        assertNotNull(Limits.atomWorkRefusal(ds1, 17, 4096, 4096, 0));
        // tiny pictures get the floor: K = 65536 with one atom per frame and step still decodes
        CodingConfig tiny = config(Variant.FLF2V, 2, 2, 17, 1, 2, Limits.MAX_CODEBOOK, 12, 2);
        assertNull(Limits.atomWorkRefusal(tiny, 17, 1, 1, 0));
    }

    @Test
    void rateControlIsCappedToTheWorkBound() {
        CodingConfig ds1 = config(Variant.FLF2V, 176, 144, 17, 1, 2, 8192, 12, 2);
        int m = RateController.capToDecodeWork(ds1, 17, 0, 4096, null);
        assertTrue(m > 0 && m < 4096, "M " + m);
        assertNull(Limits.atomWorkRefusal(ds1, 17, m, RateController.defaultTail(m, 8192), 0));
        assertNotNull(Limits.atomWorkRefusal(ds1, 17, m + 1, RateController.defaultTail(m + 1, 8192), 0));
        CodingConfig ds2 = config(Variant.FLF2V, 176, 144, 17, 2, 2, 8192, 12, 2);
        assertEquals(4096, RateController.capToDecodeWork(ds2, 17, 0, 4096, null), "within the bound nothing changes");
    }

    /** Every valid stream's steps and latent frames fit the PRNG counter layout (NoiseDomain). */
    @Test
    void theCounterLayoutHoldsEveryValidStream() {
        assertTrue(Limits.MAX_STEPS <= NoiseDomain.MAX_STEPS);
        // a GOP has at most one latent frame per picture
        assertTrue(Limits.MAX_GOP_FRAMES <= NoiseDomain.MAX_LATENT_FRAMES);
    }
}
