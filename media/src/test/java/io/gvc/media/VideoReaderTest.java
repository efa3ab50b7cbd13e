package io.gvc.media;

import static io.gvc.media.MediaTestSupport.corner;
import static io.gvc.media.MediaTestSupport.sharedVideo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gvc.codec.frame.Frame;
import io.gvc.codec.frame.MediaFormatException;
import io.gvc.codec.frame.Video;
import io.gvc.codec.frame.VideoFormat;
import io.gvc.codec.frame.Y4mWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VideoReaderTest {

    @TempDir
    Path dir;

    @Test
    void readsMp4AtSourceSizeAndRate() throws IOException {
        Video video = VideoReader.read(sharedVideo("carphone_pristine.mp4"), ReadOptions.firstFrames(10));
        assertEquals(new VideoFormat(176, 144, 30000, 1001), video.format());
        assertEquals(10, video.frameCount());
    }

    @Test
    void readsRawYuvWithGivenSizeAndRate() throws IOException {
        Path file = sharedVideo("CiscoVT2people_320x192_12fps.yuv");
        Video all = VideoReader.read(file, ReadOptions.raw(320, 192, 12, 1, 0));
        assertEquals(new VideoFormat(320, 192, 12, 1), all.format());
        assertEquals(9, all.frameCount());
        Video first = VideoReader.read(file, ReadOptions.raw(320, 192, 12, 1, 4));
        assertEquals(4, first.frameCount());
        assertTrue(first.frames().get(3).samePixels(all.frames().get(3)));
    }

    @Test
    void variableRateFileGetsItsAverageRateAsAFraction() throws IOException {
        Video video = VideoReader.read(sharedVideo("moviepy_fire2_handheld.mp4"), ReadOptions.firstFrames(2));
        assertEquals(1280, video.format().width());
        assertEquals(720, video.format().height());
        assertEquals(10.5, video.format().fps(), 0.1, video.format().toString());
    }

    @Test
    void y4mReadsTheSameInJavaAndInFfmpeg() throws IOException {
        Path file = sharedVideo("foreman_cif.y4m");
        Video java = VideoReader.read(file, ReadOptions.firstFrames(3));
        Video ffmpeg = FfmpegVideoReader.read(file, null, 3);
        assertEquals(java.format(), ffmpeg.format());
        for (int k = 0; k < 3; k++) {
            assertTrue(java.frames().get(k).samePixels(ffmpeg.frames().get(k)), "frame " + k);
        }
    }

    @Test
    void oddSizesKeepTheirExactSizeInEveryReader() throws IOException {
        Video source = VideoReader.read(sharedVideo("carphone_pristine.mp4"), ReadOptions.firstFrames(2));
        List<Frame> odd = source.frames().stream().map(f -> corner(f, 17, 9)).toList();
        Video video = new Video(new VideoFormat(17, 9, 25, 1), odd);

        Path y4m = dir.resolve("odd.y4m");
        Y4mWriter.write(y4m, video);
        Path yuv = dir.resolve("odd.yuv");
        Files.write(yuv, concat(odd.get(0).toI420(), odd.get(1).toI420()));

        for (Video back : List.of(VideoReader.read(y4m, ReadOptions.all()),
                FfmpegVideoReader.read(y4m, null, 0), // FFmpeg's chroma rounding must agree with ours
                VideoReader.read(yuv, ReadOptions.raw(17, 9, 25, 1, 0)))) {
            assertEquals(video.format(), back.format());
            assertEquals(2, back.frameCount());
            for (int k = 0; k < 2; k++) {
                assertTrue(odd.get(k).samePixels(back.frames().get(k)), "frame " + k);
            }
        }
    }

    @Test
    void textFileNamedMp4IsNotAVideo() throws IOException {
        Path file = dir.resolve("notes.mp4");
        Files.writeString(file, "just some text, not a movie\n".repeat(20));
        assertMessage(file, ReadOptions.all(), "notes.mp4: not a readable media file");
    }

    @Test
    void rawYuvOfWrongLengthSaysSo() throws IOException {
        Path file = dir.resolve("short.yuv");
        Files.write(file, new byte[1000]);
        assertMessage(file, ReadOptions.raw(16, 16, 25, 1, 0),
                "length 1000 is not a whole number of 16x16 I420 frames (384 bytes each)");
        assertMessage(file, ReadOptions.all(), "needs the picture size");
    }

    @Test
    void otherFailuresHaveOneLineReasons() throws IOException {
        assertMessage(dir.resolve("missing.y4m"), ReadOptions.all(), "missing.y4m: file not found");
        Path txt = Files.writeString(dir.resolve("a.txt"), "x");
        assertMessage(txt, ReadOptions.all(), "unsupported file type '.txt'");
        Path empty = Files.writeString(dir.resolve("empty.y4m"), "YUV4MPEG2 W4 H4 F25:1\n", StandardCharsets.US_ASCII);
        assertMessage(empty, ReadOptions.all(), "empty.y4m: no video frames");
        Path zero = Files.write(dir.resolve("zero.yuv"), new byte[0]);
        assertMessage(zero, ReadOptions.raw(4, 4, 25, 1, 0), "zero.yuv: no video frames");
    }

    private static void assertMessage(Path file, ReadOptions opts, String expected) {
        MediaFormatException e = assertThrows(MediaFormatException.class, () -> VideoReader.read(file, opts));
        assertTrue(e.getMessage().contains(expected), "'" + e.getMessage() + "' should say " + expected);
        assertTrue(!e.getMessage().contains("\n"), "one line: " + e.getMessage());
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
