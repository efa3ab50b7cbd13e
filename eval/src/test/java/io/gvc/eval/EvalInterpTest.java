package io.gvc.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gvc.codec.frame.Frame;
import io.gvc.codec.frame.Video;
import io.gvc.codec.frame.VideoFormat;
import io.gvc.codec.intra.DctIntraCodec;
import io.gvc.codec.intra.IntraCodec;
import io.gvc.media.TestFrames;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The boundary-interpolation reference: FLF2V's boundary positions, exact blends, a file that round-trips. */
class EvalInterpTest {

    static Frame flat(int w, int h, int y, int u, int v) {
        return TestFrames.flat(w, h, y, u, v);
    }

    @Test
    void boundariesSitWhereFlf2vPutsThem() {
        assertEquals(List.of(0, 32, 64), InterpReference.boundaries(65, 33));
        assertEquals(List.of(0, 8), InterpReference.boundaries(9, 33));
        assertEquals(List.of(0, 32, 33), InterpReference.boundaries(34, 33));
        assertEquals(List.of(0), InterpReference.boundaries(1, 33));
    }

    @Test
    void blendIsTheRoundedLinearMix() {
        Frame a = flat(4, 2, 10, 100, 200), b = flat(4, 2, 20, 101, 0);
        Frame quarter = InterpReference.blend(a, b, 1, 4);
        assertEquals(13, quarter.y()[0] & 0xFF); // 12.5 rounds up
        assertEquals(100, quarter.u()[0] & 0xFF); // 100.25
        assertEquals(150, quarter.v()[0] & 0xFF);
        assertTrue(InterpReference.blend(a, b, 0, 4).samePixels(a));
        assertTrue(InterpReference.blend(a, b, 4, 4).samePixels(b));
    }

    @Test
    void fileRoundTripsAndInteriorFramesAreBlends() throws Exception {
        IntraCodec intra = new DctIntraCodec();
        List<Frame> frames = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            frames.add(flat(32, 16, 40 + 40 * i, 128, 128));
        }
        Video v = new Video(new VideoFormat(32, 16, 30000, 1001), frames);
        byte[] file = InterpReference.encode(v, 3, intra, 95); // boundaries 0, 2, 4
        Video d = InterpReference.decode(file, intra);
        assertEquals(5, d.frameCount());
        assertEquals(v.format(), d.format());
        Frame b0 = intra.decode(intra.encode(frames.get(0), 95), 32, 16);
        Frame b2 = intra.decode(intra.encode(frames.get(2), 95), 32, 16);
        assertTrue(d.frames().get(0).samePixels(b0));
        assertTrue(d.frames().get(2).samePixels(b2));
        assertTrue(d.frames().get(1).samePixels(InterpReference.blend(b0, b2, 1, 2)));
        byte[] bad = file.clone();
        bad[0] ^= 1;
        assertThrows(IOException.class, () -> InterpReference.decode(bad, intra));
    }
}
