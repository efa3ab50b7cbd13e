package io.gvc.cli.consume;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gvc.codec.frame.Frame;
import io.gvc.codec.frame.MediaFormatException;
import io.gvc.codec.frame.VideoFormat;
import io.gvc.codec.frame.Y4mReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PictureSinkTest {

    private static final VideoFormat FORMAT = new VideoFormat(8, 6, 25, 1);

    private static Frame flat(int y) {
        Frame f = Frame.grey(8, 6);
        Arrays.fill(f.y(), (byte) y);
        return f;
    }

    @Test
    void standardOutputGetsY4mFrameByFrameAndStaysOpen() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        boolean[] closed = {false};
        OutputStream stdout = new java.io.FilterOutputStream(out) {
            @Override
            public void close() {
                closed[0] = true;
            }
        };
        try (PictureSink sink = PictureSink.open(PictureSink.STDOUT, FORMAT, stdout)) {
            sink.write(flat(10));
            int afterOne = out.size();
            assertTrue(afterOne > 8 * 6 * 3 / 2, "the first picture is out before the second comes: " + afterOne);
            sink.write(flat(200));
        }
        assertEquals(false, closed[0], "standard output is never closed");
        try (Y4mReader r = new Y4mReader(new ByteArrayInputStream(out.toByteArray()), "stdout")) {
            assertEquals(FORMAT, r.format());
            assertArrayEquals(flat(10).y(), r.next().y());
            assertArrayEquals(flat(200).y(), r.next().y());
            assertEquals(null, r.next(), "two pictures, no more");
        }
    }

    @Test
    void aPlayerThatQuitEndsTheRun() {
        PrintStream broken = new PrintStream(new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw new IOException("Broken pipe");
            }
        });
        IOException e = assertThrows(IOException.class, () -> {
            try (PictureSink sink = PictureSink.open(PictureSink.STDOUT, FORMAT, broken)) {
                sink.write(flat(1));
            }
        });
        assertEquals("standard output is closed", e.getMessage());
    }

    @Test
    void filesByExtension(@TempDir Path dir) throws IOException {
        Path y4m = dir.resolve("out.y4m");
        try (PictureSink sink = PictureSink.open(y4m.toString(), FORMAT, System.out)) {
            sink.write(flat(50));
        }
        assertEquals(1, Y4mReader.read(y4m, 0).frameCount());
        PictureSink.checkTarget("x.mp4");
        MediaFormatException bad = assertThrows(MediaFormatException.class, () -> PictureSink.checkTarget("x.avi"));
        assertEquals("x.avi: cannot write '.avi' (expected .y4m, .mp4 or - for y4m on standard output)", bad.getMessage());
    }
}
