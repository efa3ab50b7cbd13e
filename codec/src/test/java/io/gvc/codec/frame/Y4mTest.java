package io.gvc.codec.frame;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Y4mTest {

    @TempDir
    Path dir;

    /** Frames whose samples depend on position and index, so any misplaced byte shows. */
    static Video pattern(int width, int height, int count) {
        List<Frame> frames = new ArrayList<>();
        for (int k = 0; k < count; k++) {
            byte[] i420 = new byte[Frame.i420Size(width, height)];
            for (int i = 0; i < i420.length; i++) {
                i420[i] = (byte) (i * 7 + k * 31);
            }
            frames.add(Frame.fromI420(i420, 0, width, height));
        }
        return new Video(new VideoFormat(width, height, 30000, 1001), frames);
    }

    @Test
    void roundTripKeepsOddSizeAndRate() throws IOException {
        Video video = pattern(17, 9, 3);
        Path file = dir.resolve("odd.y4m");
        Y4mWriter.write(file, video);

        assertEquals(3 * (6 + Frame.i420Size(17, 9)) + headerLength(file), Files.size(file));
        Video back = Y4mReader.read(file, 0);
        assertEquals(video.format(), back.format());
        assertEquals(3, back.frameCount());
        for (int k = 0; k < 3; k++) {
            assertTrue(video.frames().get(k).samePixels(back.frames().get(k)), "frame " + k);
        }
        assertEquals(2, Y4mReader.read(file, 2).frameCount());
    }

    @Test
    void streamingReaderEndsWithNull() throws IOException {
        Path file = dir.resolve("two.y4m");
        Y4mWriter.write(file, pattern(4, 2, 2));
        try (Y4mReader reader = Y4mReader.open(file)) {
            assertEquals(new VideoFormat(4, 2, 30000, 1001), reader.format());
            assertEquals(4, reader.next().width());
            assertEquals(4, reader.next().width());
            assertNull(reader.next());
        }
    }

    @Test
    void acceptsFrameParametersAnd420Variants() throws IOException {
        for (String chroma : new String[] {"", " C420", " C420jpeg", " C420paldv", " C420mpeg2"}) {
            byte[] data = concat(("YUV4MPEG2 W2 H2 F25:1 It A0:0" + chroma + " XFOO=1\nFRAME Ixyz\n")
                    .getBytes(StandardCharsets.US_ASCII), new byte[] {1, 2, 3, 4, 5, 6});
            try (Y4mReader reader = new Y4mReader(new ByteArrayInputStream(data), "mem")) {
                Frame f = reader.next();
                assertEquals(6, f.v()[0], chroma);
                assertNull(reader.next());
            }
        }
    }

    @Test
    void truncatedFrameIsNamed() throws IOException {
        Path file = dir.resolve("cut.y4m");
        Y4mWriter.write(file, pattern(16, 16, 3));
        byte[] all = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(all, all.length - 10));

        MediaFormatException e = assertThrows(MediaFormatException.class, () -> Y4mReader.read(file, 0));
        assertTrue(e.getMessage().contains("truncated frame 2: 374 of 384 bytes"), e.getMessage());
        assertEquals(2, Y4mReader.read(file, 2).frameCount(), "frames before the cut stay readable");
    }

    @Test
    void headerErrorsSayWhatIsWrong() {
        assertError("PNG\r\n", "bad magic");
        assertError("", "empty file");
        assertError("YUV4MPEG2 H2 F25:1\n", "no W (width)");
        assertError("YUV4MPEG2 W2 F25:1\n", "no H (height)");
        assertError("YUV4MPEG2 W2 H2 C444\n", "unsupported chroma format C444");
        assertError("YUV4MPEG2 W2 H2 C420p10\n", "unsupported chroma format C420p10");
        assertError("YUV4MPEG2 W2 H2 F25\n", "bad header tag F25");
        assertError("YUV4MPEG2 W-3 H2\n", "bad header tag W-3");
        assertError("YUV4MPEG2 W2 H2", "truncated stream header");
        assertError("YUV4MPEG2 W2 H2\nFRAMX\n", "expected FRAME header of frame 0");
        assertError("YUV4MPEG2 W2 H2\nFRA", "truncated FRAME header of frame 0");
        assertError("YUV4MPEG2 W99999 H2\n", "unsupported picture size");
    }

    @Test
    void readsForemanFromShared() throws IOException {
        Path file = SharedData.video("foreman_cif.y4m");
        Video video = Y4mReader.read(file, 0);
        assertEquals(new VideoFormat(352, 288, 30000, 1001), video.format());
        assertEquals(10, video.frameCount());
        assertEquals(4, Y4mReader.read(file, 4).frameCount());
    }

    private static void assertError(String text, String expected) {
        byte[] data = text.getBytes(StandardCharsets.US_ASCII);
        MediaFormatException e = assertThrows(MediaFormatException.class, () -> {
            try (Y4mReader reader = new Y4mReader(new ByteArrayInputStream(data), "mem.y4m")) {
                reader.next();
            }
        }, text);
        assertTrue(e.getMessage().startsWith("mem.y4m: ") && e.getMessage().contains(expected),
                "'" + e.getMessage() + "' should say " + expected);
    }

    private static long headerLength(Path file) throws IOException {
        byte[] all = Files.readAllBytes(file);
        int i = 0;
        while (all[i] != '\n') {
            i++;
        }
        return i + 1;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(a);
        out.writeBytes(b);
        return out.toByteArray();
    }

    /** The shared test data beside the project; tests that need it are skipped when it is absent. */
    static final class SharedData {
        static Path video(String name) {
            Path root = Path.of(System.getProperty("gvc.shared", "../../shared"));
            Path file = root.resolve("data/video").resolve(name);
            Assumptions.assumeTrue(Files.isRegularFile(file),
                    () -> "shared test data not found at " + file.toAbsolutePath() + " (set -Dgvc.shared)");
            return file;
        }
    }
}
