package io.gvc.cli.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.gvc.codec.frame.Frame;
import io.gvc.kafka.formats.RawGop;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** The preview's window of source pictures: lookup by display index, eviction by GOPs and bytes, and the PNG of a frame. */
class SourceFramesTest {

    static final int W = 8, H = 6;
    static final long FRAME_BYTES = Frame.i420Size(W, H);

    /** A GOP whose frame i has luma first + i, so a looked-up frame names itself. */
    static RawGop gop(long seq, long first, int count) {
        List<Frame> frames = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            frames.add(flat((int) (first + i), 128, 128));
        }
        return new RawGop("cam1", seq, first, 1_000_000L, 25, 1, W, H, frames);
    }

    static Frame flat(int y, int u, int v) {
        byte[] ys = new byte[W * H], us = new byte[(W / 2) * (H / 2)], vs = new byte[us.length];
        Arrays.fill(ys, (byte) y);
        Arrays.fill(us, (byte) u);
        Arrays.fill(vs, (byte) v);
        return new Frame(W, H, ys, us, vs);
    }

    static int luma(Frame f) {
        return f.y()[0] & 0xFF;
    }

    @Test
    void findsEveryHeldFrameByItsDisplayIndex() {
        SourceFrames s = new SourceFrames(4, Long.MAX_VALUE);
        s.add(gop(0, 0, 17));
        s.add(gop(1, 17, 16));
        assertEquals(new SourceFrames.Range(0, 32), s.range());
        for (int f = 0; f <= 32; f++) {
            assertEquals(f, luma(s.frame(f)), "frame " + f);
        }
        assertNull(s.frame(33), "not read yet");
        assertNull(s.frame(-1));
        assertEquals(33 * FRAME_BYTES, s.bytes());
    }

    @Test
    void keepsAtMostItsGopsAndEvictsTheOldest() {
        SourceFrames s = new SourceFrames(2, Long.MAX_VALUE);
        s.add(gop(0, 0, 10));
        s.add(gop(1, 10, 10));
        s.add(gop(2, 20, 10));
        assertEquals(2, s.gops());
        assertEquals(new SourceFrames.Range(10, 29), s.range());
        assertNull(s.frame(9), "evicted with GOP 0");
        assertEquals(10, luma(s.frame(10)));
        assertEquals(20 * FRAME_BYTES, s.bytes());
    }

    @Test
    void keepsWithinItsBytesButAlwaysTheNewestGop() {
        SourceFrames s = new SourceFrames(100, 25 * FRAME_BYTES);
        s.add(gop(0, 0, 10));
        s.add(gop(1, 10, 10));
        assertEquals(2, s.gops());
        s.add(gop(2, 20, 10)); // 30 frames > 25: GOP 0 goes
        assertEquals(new SourceFrames.Range(10, 29), s.range());
        s.add(gop(3, 30, 40)); // alone over the budget: only it stays
        assertEquals(1, s.gops());
        assertEquals(new SourceFrames.Range(30, 69), s.range());
        assertEquals(40 * FRAME_BYTES, s.bytes());
    }

    @Test
    void ignoresARepeatedGop() {
        SourceFrames s = new SourceFrames(4, Long.MAX_VALUE);
        RawGop first = gop(1, 10, 5);
        s.add(first);
        s.add(gop(1, 10, 5));
        s.add(gop(0, 0, 10));
        assertEquals(1, s.gops());
        assertSame(first.frames().get(0), s.frame(10));
        assertEquals(new SourceFrames.Range(10, 14), s.range());
    }

    @Test
    void emptyWindowHoldsNothing() {
        SourceFrames s = new SourceFrames(1, 1);
        assertEquals("none", s.range().toString());
        assertNull(s.frame(0));
        assertThrows(IllegalArgumentException.class, () -> new SourceFrames(0, 1));
    }

    @Test
    void pngHoldsTheFullRangeBt601Colours() throws Exception {
        // grey stays grey; Cr 128 + 50 adds 1.402 * 50 = 70.1 to red, takes 0.714136 * 50 = 35.7 from green
        BufferedImage grey = ImageIO.read(new ByteArrayInputStream(FramePng.encode(flat(128, 128, 128))));
        assertEquals(W, grey.getWidth());
        assertEquals(H, grey.getHeight());
        assertEquals(0x808080, grey.getRGB(3, 2) & 0xFFFFFF);
        BufferedImage reddish = ImageIO.read(new ByteArrayInputStream(FramePng.encode(flat(100, 128, 178))));
        int rgb = reddish.getRGB(0, 0);
        assertEquals(170, rgb >> 16 & 0xFF);
        assertEquals(64, rgb >> 8 & 0xFF);
        assertEquals(100, rgb & 0xFF);
    }
}
