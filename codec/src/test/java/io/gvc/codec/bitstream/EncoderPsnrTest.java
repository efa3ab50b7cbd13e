package io.gvc.codec.bitstream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.gvc.codec.metrics.Psnr;
import io.gvc.codec.metrics.YuvSse;
import org.junit.jupiter.api.Test;

class EncoderPsnrTest {

    @Test
    void aPlanesPsnrIsStoredToTheNearestQuarterDecibel() {
        // 176x144, 16 frames: luma at MSE 65.025 is 30 dB exactly, chroma at 6.5025 is 40 dB
        long y = 176L * 144 * 16, c = 88L * 72 * 16;
        EncoderPsnr p = EncoderPsnr.of(new YuvSse(Math.round(65.025 * y), Math.round(6.5025 * c), 0, y, c));
        assertEquals(new EncoderPsnr(120, 160, 255), p);
        assertEquals(30.0, p.psnrY(), 0.0);
        assertEquals(40.0, p.psnrU(), 0.0);
        // 30.1 dB is nearer 30.0 than 30.25, 30.2 nearer 30.25
        assertEquals(120, EncoderPsnr.code(sseAt(30.1, y), y));
        assertEquals(121, EncoderPsnr.code(sseAt(30.2, y), y));
        // the worst error a sample can have is 0 dB; above 63.75 dB (and lossless) the last code
        assertEquals(0, EncoderPsnr.code(65025L * y, y));
        assertEquals(255, EncoderPsnr.code(1, y));
        assertEquals(255, EncoderPsnr.code(0, y));
    }

    @Test
    void theErrorsTheCodesStandForGiveThePsnrBack() {
        long y = 352L * 288 * 10, c = 176L * 144 * 10;
        for (int code = 0; code < 255; code++) {
            YuvSse sse = new EncoderPsnr(code, code, code).sse(y, c);
            assertEquals(code / 4.0, Psnr.psnr(sse.sseY(), y), 1e-4, "code " + code); // the error rounds to a whole number
            assertEquals(new EncoderPsnr(code, code, code), EncoderPsnr.of(sse), "code " + code);
        }
    }

    @Test
    void codesOutsideAByteAndErrorsNoSampleCanHaveAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new EncoderPsnr(256, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new EncoderPsnr(0, -1, 0));
        assertThrows(IllegalArgumentException.class, () -> EncoderPsnr.code(65025L * 10 + 1, 10));
        assertThrows(IllegalArgumentException.class, () -> EncoderPsnr.code(-1, 10));
    }

    private static long sseAt(double psnr, long samples) {
        return Math.round(65025.0 * samples / Math.pow(10, psnr / 10));
    }
}
