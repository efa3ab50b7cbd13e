package io.gvc.eval.baseline;

import static io.gvc.media.MediaTestSupport.corner;
import static io.gvc.media.MediaTestSupport.psnrY;
import static io.gvc.media.MediaTestSupport.sharedVideo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gvc.codec.frame.Video;
import io.gvc.codec.frame.VideoFormat;
import io.gvc.media.ReadOptions;
import io.gvc.media.VideoReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BaselineEncoderTest {

    @TempDir
    Path dir;

    @Test
    void x265AtLowCrfIsFaithfulAndCountsTheFile() throws IOException {
        Video foreman = VideoReader.read(sharedVideo("foreman_cif.y4m"), ReadOptions.firstFrames(10));
        Path out = dir.resolve("foreman.265");
        BaselineEncoder.Result result = BaselineEncoder.encode(foreman, "x265", 12, out);

        assertEquals(Files.size(out), result.bytes());
        assertEquals(foreman.format(), result.decoded().format());
        assertEquals(10, result.decoded().frameCount());
        double psnr = psnrY(foreman, result.decoded());
        assertTrue(psnr > 40, "PSNR-Y " + psnr);
        assertTrue(result.encodeSeconds() > 0 && result.decodeSeconds() > 0);
    }

    @Test
    void x264HandlesOddSizes() throws IOException {
        Video source = VideoReader.read(sharedVideo("carphone_pristine.mp4"), ReadOptions.firstFrames(5));
        Video odd = new Video(new VideoFormat(33, 17, 30000, 1001),
                source.frames().stream().map(f -> corner(f, 33, 17)).toList());
        BaselineEncoder.Result result = BaselineEncoder.encode(odd, "x264", 18, dir.resolve("odd.264"));

        assertEquals(odd.format(), result.decoded().format());
        assertEquals(5, result.decoded().frameCount());
        assertTrue(psnrY(odd, result.decoded()) > 35, "PSNR-Y " + psnrY(odd, result.decoded()));
    }
}
