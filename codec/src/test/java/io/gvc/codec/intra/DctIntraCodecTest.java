package io.gvc.codec.intra;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gvc.codec.SyntheticVideo;
import io.gvc.codec.bitstream.BitstreamException;
import io.gvc.codec.frame.Frame;
import io.gvc.codec.frame.Video;
import io.gvc.codec.metrics.Psnr;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class DctIntraCodecTest {

    private final Video clip = SyntheticVideo.clip(64, 48, 9, 2);
    private final DctIntraCodec codec = new DctIntraCodec();

    @Test
    void higherQualityCostsMoreBytesAndComesCloser() throws BitstreamException {
        Frame f = clip.frames().get(0);
        int previousBytes = 0;
        double previousPsnr = 0;
        for (int q : new int[] {10, 40, 70, 95}) {
            byte[] coded = codec.encode(f, q);
            Frame back = codec.decode(coded, f.width(), f.height());
            double psnr = Psnr.psnrY(f, back);
            assertTrue(coded.length > previousBytes, "quality " + q + ": " + coded.length + " bytes");
            assertTrue(psnr > previousPsnr, "quality " + q + ": " + psnr + " dB");
            previousBytes = coded.length;
            previousPsnr = psnr;
        }
        assertTrue(previousPsnr > 35, "quality 95 gives " + previousPsnr + " dB");
    }

    @Test
    void decodingIsDeterministic() throws BitstreamException {
        byte[] coded = codec.encode(clip.frames().get(3), 50);
        Frame a = codec.decode(coded, 64, 48), b = new DctIntraCodec().decode(coded, 64, 48);
        assertArrayEquals(a.y(), b.y());
        assertArrayEquals(a.u(), b.u());
        assertArrayEquals(a.v(), b.v());
        assertArrayEquals(coded, codec.encode(clip.frames().get(3), 50), "encoding too");
    }

    @Test
    void aPredictedPictureOfAnUnchangedSceneCostsLessThanIntraAtTheSameQuality() throws BitstreamException {
        Frame f = clip.frames().get(0);
        Frame ref = codec.decode(codec.encode(f, 60), 64, 48);
        byte[] intra = codec.encode(f, 60);
        byte[] predicted = codec.encodePredicted(ref, f, 60);
        assertTrue(predicted.length < intra.length, predicted.length + " vs " + intra.length + " bytes");
        Frame back = codec.decodePredicted(predicted, ref, 60, 64, 48);
        assertTrue(Psnr.psnrY(f, back) >= Psnr.psnrY(f, ref) - 0.5, Psnr.psnrY(f, back) + " dB");
    }

    @Test
    void truncatedDataIsRefused() {
        byte[] coded = codec.encode(clip.frames().get(0), 50);
        assertThrows(BitstreamException.class, () -> codec.decode(Arrays.copyOf(coded, coded.length / 3), 64, 48));
    }

    @Test
    void registryBuildsOnlyWhatIsAskedAndNamesWhatThereIs() {
        // the engine alone registers no native codec
        assertEquals(DctIntraCodec.ID, IntraCodecs.defaultId());
        assertTrue(IntraCodecs.ids().contains(DctIntraCodec.ID));
        assertEquals(DctIntraCodec.ID, IntraCodecs.byId("gvc-dct").id());
        IntraCodecs.requireKnown("gvc-dct");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> IntraCodecs.byId("jpeg"));
        assertTrue(e.getMessage().startsWith("unknown intra codec 'jpeg' (available: gvc-dct"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> IntraCodecs.requireKnown("jpeg"));
    }

    /**
     * The price of a bit falls as the quality rises, and at quality 50 (the unscaled JPEG table, whose
     * geometric mean step is 45.27) it is HEVC's lambda at that step: 0.0898 * 45.27^2 = 183.94.
     */
    @Test
    void lambdaFallsWithQualityAndIsHevcsAtTheTablesStep() {
        assertEquals(183.94, codec.lambda(50), 0.01);
        for (int q = 2; q <= 100; q++) {
            assertTrue(codec.lambda(q) <= codec.lambda(q - 1), "quality " + q);
            assertTrue(codec.lambda(q) > 0, "quality " + q);
        }
        assertTrue(codec.lambda(1) > 100 * codec.lambda(100));
    }
}
