package io.gvc.codec.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class BppTest {

    @Test
    void bothConventions() {
        // 10 frames of 176x144 in 253440 bits: 1 bit per pixel, 1/3 bit per pixel and channel.
        long bits = 10L * 176 * 144;
        assertEquals(1.0, Bpp.bitsPerPixel(bits, 10, 176, 144), 0.0);
        assertEquals(1.0 / 3.0, Bpp.bitsPerPixelPerChannel(bits, 10, 176, 144), 1e-15);
        assertEquals(0.0, Bpp.bitsPerPixel(0, 1, 1, 1), 0.0);
        // No int overflow for long 4K sequences.
        assertEquals(0.5, Bpp.bitsPerPixel(600L * 3840 * 2160 / 2, 600, 3840, 2160), 0.0);
    }

    @Test
    void rejectsEmpty() {
        assertThrows(IllegalArgumentException.class, () -> Bpp.bitsPerPixel(10, 0, 16, 16));
        assertThrows(IllegalArgumentException.class, () -> Bpp.bitsPerPixelPerChannel(-1, 1, 16, 16));
    }
}
