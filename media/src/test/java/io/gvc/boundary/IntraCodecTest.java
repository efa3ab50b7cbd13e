package io.gvc.boundary;

import static io.gvc.media.MediaTestSupport.corner;
import static io.gvc.media.MediaTestSupport.psnrY;
import static io.gvc.media.MediaTestSupport.sharedVideo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gvc.codec.bitstream.BitstreamException;
import io.gvc.codec.frame.Frame;
import io.gvc.codec.intra.IntraCodec;
import io.gvc.codec.intra.IntraCodecProvider;
import io.gvc.codec.intra.IntraCodecs;
import io.gvc.media.ReadOptions;
import io.gvc.media.VideoReader;
import java.io.IOException;
import java.util.Arrays;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The x264/x265 boundary codecs on a real clip. In the media module's tests, in the codecs' package:
 * the clip is read by {@link VideoReader}, which boundary-codecs cannot depend on, and the checks reach
 * the codecs' package-private parts.
 */
class IntraCodecTest {

    private static Frame carphone;

    /** The first carphone frame, read once; tests that need it are skipped without shared data. */
    private static Frame frame() throws IOException {
        if (carphone == null) {
            carphone = VideoReader.read(sharedVideo("carphone_pristine.mp4"), ReadOptions.firstFrames(1))
                    .frames().get(0);
        }
        return carphone;
    }

    private static IntraCodec codec(String id) {
        IntraCodec c = IntraCodecs.byId(id);
        assertEquals(id, c.id());
        return c;
    }

    @Test
    void bothCodecsAreServices() {
        Set<String> ids = ServiceLoader.load(IntraCodecProvider.class).stream()
                .map(p -> p.get().id()).collect(Collectors.toSet());
        assertTrue(ids.containsAll(Set.of("x264", "x265")), ids.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"x264", "x265"})
    void roundTripIsDeterministicAndFaithful(String id) throws IOException, BitstreamException {
        IntraCodec codec = codec(id);
        Frame frame = frame();
        byte[] data = codec.encode(frame, 90);
        assertArrayEquals(data, codec.encode(frame, 90), "encoding repeats");

        Frame once = codec.decode(data, 176, 144);
        Frame twice = codec.decode(data, 176, 144);
        assertTrue(once.samePixels(twice), "decoding repeats");
        double psnr = psnrY(frame, once);
        assertTrue(psnr > 38, id + " PSNR-Y " + psnr + " at quality 90");
    }

    @ParameterizedTest
    @ValueSource(strings = {"x264", "x265"})
    void bytesGrowWithQuality(String id) throws IOException {
        IntraCodec codec = codec(id);
        Frame frame = frame();
        int low = codec.encode(frame, 20).length, mid = codec.encode(frame, 50).length;
        int high = codec.encode(frame, 80).length;
        assertTrue(low < mid && mid < high, id + ": " + low + " < " + mid + " < " + high);
    }

    @ParameterizedTest
    @ValueSource(strings = {"x264", "x265"})
    void onlyParameterSetsAndSlicesAreKept(String id) throws IOException {
        byte[] data = codec(id).encode(frame(), 50);
        X26x x26x = X26x.byId(id);
        // version 8: the first start code, which every payload has, is left out
        assertTrue(!Arrays.equals(new byte[] {0, 0, 1}, Arrays.copyOf(data, 3)), "no start code first");
        byte[] stream = AnnexB.withFirstStartCode(data);
        assertArrayEquals(stream, x26x.strip(stream), "nothing left to strip");
    }

    @ParameterizedTest
    @ValueSource(strings = {"x264", "x265"})
    void oddSizeComesBackExact(String id) throws IOException, BitstreamException {
        IntraCodec codec = codec(id);
        Frame odd = corner(frame(), 17, 9);
        Frame back = codec.decode(codec.encode(odd, 90), 17, 9);
        assertEquals(17, back.width());
        assertEquals(9, back.height());
        assertTrue(psnrY(odd, back) > 38, id + " PSNR-Y " + psnrY(odd, back));
    }

    @ParameterizedTest
    @ValueSource(strings = {"x264", "x265"})
    void damagedDataIsABitstreamError(String id) {
        IntraCodec codec = codec(id);
        byte[] data = codec.encode(Frame.grey(176, 144), 50);
        assertThrows(BitstreamException.class, () -> codec.decode(new byte[0], 176, 144));
        assertThrows(BitstreamException.class, () -> codec.decode(new byte[] {0, 0, 1, 9, 9, 9}, 176, 144));
        assertThrows(BitstreamException.class, () -> codec.decode(data, 352, 288), "wrong size");
    }

    @Test
    void qualityMapsMonotonicallyOntoQp() {
        // version 16: qualities 1..7 one nominal QP each, 54..48 (pictures at 51..45), then as before
        for (int q = 1; q <= 8; q++) {
            assertEquals(55 - q, QualityScale.qp(q), "quality " + q);
        }
        assertEquals(5, QualityScale.qp(100));
        for (int q = 2; q <= 100; q++) {
            assertTrue(QualityScale.qp(q) <= QualityScale.qp(q - 1));
        }
        assertEquals("qp=51", QualityScale.intraQp(51));
        assertEquals("qp=51:ipratio=1", QualityScale.intraQp(54)); // the option stops at 51
        assertThrows(IllegalArgumentException.class, () -> QualityScale.qp(0));
        assertThrows(IllegalArgumentException.class, () -> QualityScale.qp(101));
    }

    /**
     * The price of a bit at a quality (what the encoder's atoms must beat, codec v22) is the HEVC
     * reference encoder's lambda at the QP its pictures are coded at, nominal QP - 3: quality 50,
     * nominal QP 28, 0.57 * 2^(13/3) = 11.49; each QP coarser 2^(1/3) dearer.
     */
    @Test
    void lambdaIsHevcsAtThePicturesQp() {
        assertEquals(0.57 * Math.pow(2, 13 / 3.0), QualityScale.lambda(50), 1e-9);
        assertEquals(0.57 * Math.pow(2, 13), QualityScale.lambda(1), 1e-9); // nominal 54, coded at 51
        for (int q = 2; q <= 100; q++) {
            double ratio = QualityScale.lambda(q - 1) / QualityScale.lambda(q);
            assertEquals(Math.pow(2, (QualityScale.qp(q - 1) - QualityScale.qp(q)) / 3.0), ratio, 1e-9, "quality " + q);
        }
    }

    /**
     * The three coarsest qualities (version 16) are real levels: each codes an intra picture that
     * decodes, in fewer bytes than the quality above it, down to quality 4 (the coarsest before).
     */
    @ParameterizedTest
    @ValueSource(strings = {"x264", "x265"})
    void theCoarsestQualitiesCodeEverCoarserPictures(String id) throws IOException, BitstreamException {
        IntraCodec codec = codec(id);
        Frame f = frame();
        int previous = Integer.MAX_VALUE;
        for (int q = 4; q >= 1; q--) {
            byte[] data = codec.encode(f, q);
            assertTrue(data.length < previous, id + " quality " + q + ": " + data.length + " bytes, not below " + previous);
            previous = data.length;
            assertEquals(176, codec.decode(data, 176, 144).width());
            if (id.equals("x265")) { // coded with ipratio 1, its parameter sets are still the canonical ones
                assertTrue((data[0] & 0x80) != 0, "quality " + q + ": parameter sets left out");
            }
        }
    }

    @Test
    void missingEncoderIsAClearStartUpError() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Ffmpeg.requireEncoder("libnosuchcodec"));
        assertTrue(e.getMessage().contains("linux-x86_64-gpl"), e.getMessage());
    }
}
