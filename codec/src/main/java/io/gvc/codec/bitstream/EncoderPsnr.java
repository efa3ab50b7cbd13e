package io.gvc.codec.bitstream;

import io.gvc.codec.metrics.YuvSse;

/**
 * The encoder's PSNR of the frames a GOP outputs, per plane (Y, U, V), in quarter decibels: the
 * quality a decoder, which has no source, reports for the stream (`gvc info`, the live pipeline's
 * metrics). One byte a plane (version 13): until version 12 a packet carried each plane's squared
 * error exactly, as a varint of 3 to 5 bytes, 11 to 12 bytes a GOP, a tenth of a low-rate GOP's
 * packet, for figures nobody reads to better than a tenth of a decibel.
 *
 * <p>Code c stands for c / 4 dB, 0..254; 255 for 63.75 dB or more, a lossless plane included.
 *
 * @param y luma code, 0..255
 * @param u first chroma plane's code, 0..255
 * @param v second chroma plane's code, 0..255
 */
public record EncoderPsnr(int y, int u, int v) {

    /** Codes per decibel. */
    public static final int STEPS_PER_DB = 4;
    /** The largest code: 63.75 dB or more. */
    public static final int MAX_CODE = 255;

    public EncoderPsnr {
        for (int c : new int[] {y, u, v}) {
            if (c < 0 || c > MAX_CODE) {
                throw new IllegalArgumentException("PSNR code " + c + " outside 0.." + MAX_CODE);
            }
        }
    }

    /** The codes of {@code sse}, the exact squared errors over its sample counts. */
    public static EncoderPsnr of(YuvSse sse) {
        return new EncoderPsnr(code(sse.sseY(), sse.pixelsY()), code(sse.sseU(), sse.pixelsC()),
                code(sse.sseV(), sse.pixelsC()));
    }

    /**
     * The code of a plane's squared error {@code sse} over {@code samples} samples: its PSNR rounded
     * to a quarter decibel. StrictMath, so that every machine's encoder writes the same byte (a live
     * packet must equal the file codec's).
     */
    static int code(long sse, long samples) {
        if (samples < 0 || sse < 0 || sse > 255L * 255L * samples) {
            throw new IllegalArgumentException("squared error " + sse + " over " + samples + " samples");
        }
        if (sse == 0) { // lossless, or no sample at all
            return MAX_CODE;
        }
        double psnr = 10 * StrictMath.log10(255.0 * 255.0 * samples / sse);
        return (int) Math.max(0, Math.min(MAX_CODE, StrictMath.round(psnr * STEPS_PER_DB)));
    }

    public double psnrY() {
        return y / (double) STEPS_PER_DB;
    }

    public double psnrU() {
        return u / (double) STEPS_PER_DB;
    }

    public double psnrV() {
        return v / (double) STEPS_PER_DB;
    }

    /**
     * The squared errors these codes stand for over {@code samplesY} luma and {@code samplesC}
     * samples per chroma plane: what a stream's PSNR sums GOP by GOP, to within an eighth of a decibel.
     */
    public YuvSse sse(long samplesY, long samplesC) {
        return new YuvSse(sse(y, samplesY), sse(u, samplesC), sse(v, samplesC), samplesY, samplesC);
    }

    private static long sse(int code, long samples) {
        return Math.round(255.0 * 255.0 * samples * StrictMath.pow(10, -code / (10.0 * STEPS_PER_DB)));
    }
}
