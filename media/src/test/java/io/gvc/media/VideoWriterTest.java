package io.gvc.media;

import static io.gvc.media.MediaTestSupport.psnrY;
import static io.gvc.media.MediaTestSupport.sharedVideo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gvc.codec.frame.Frame;
import io.gvc.codec.frame.MediaFormatException;
import io.gvc.codec.frame.Video;
import io.gvc.codec.frame.VideoFormat;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VideoWriterTest {

    @TempDir
    Path dir;

    private static Video carphone() throws IOException {
        return VideoReader.read(sharedVideo("carphone_pristine.mp4"), ReadOptions.firstFrames(5));
    }

    @Test
    void y4mKeepsEverySample() throws IOException {
        Video carphone = carphone();
        Path out = dir.resolve("c.y4m");
        VideoWriter.write(carphone, out);
        Video back = VideoReader.read(out, ReadOptions.all());
        assertEquals(carphone.format(), back.format());
        for (int k = 0; k < carphone.frameCount(); k++) {
            assertTrue(carphone.frames().get(k).samePixels(back.frames().get(k)), "frame " + k);
        }
    }

    @Test
    void mp4IsNearLossless() throws IOException {
        Video carphone = carphone();
        Path out = dir.resolve("c.mp4");
        VideoWriter.write(carphone, out);
        Video back = VideoReader.read(out, ReadOptions.all());
        assertEquals(carphone.format(), back.format());
        assertEquals(carphone.frameCount(), back.frameCount());
        double psnr = psnrY(carphone, back);
        assertTrue(psnr > 45, "PSNR-Y " + psnr);
    }

    @Test
    void unknownExtensionIsRefused() {
        Video grey = new Video(new VideoFormat(16, 16, 25, 1), List.of(Frame.grey(16, 16)));
        assertThrows(MediaFormatException.class, () -> VideoWriter.write(grey, dir.resolve("c.gif")));
    }
}
