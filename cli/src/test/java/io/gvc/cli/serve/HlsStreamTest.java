package io.gvc.cli.serve;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gvc.cli.ingest.FrameSource;
import io.gvc.codec.frame.Frame;
import io.gvc.codec.frame.VideoFormat;
import io.gvc.kafka.formats.DecodedGop;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.junit.jupiter.api.Test;

/** Decoded GOPs to HLS: the playlist FFmpeg's own HLS demuxer reads back, frame for frame. */
class HlsStreamTest {

    static final VideoFormat FORMAT = new VideoFormat(96, 64, 25, 1);
    static final long T0 = 1_767_225_600_000_000L; // 2026-01-01T00:00:00Z in µs

    static DecodedGop gop(FrameSource src, long seq, long first, int count) {
        List<Frame> frames = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            frames.add(src.frame(first + i));
        }
        long capture = T0 + first * 1_000_000L / 25;
        return new DecodedGop("cam1", seq, first, capture, capture + 500_000, 96, 64, frames);
    }

    static boolean add(HlsStream s, DecodedGop g) throws java.io.IOException {
        return s.add(g, FORMAT, g.captureTimeMicros());
    }

    @Test
    void threeGopsPlayBackAsOneTimelineWithTheirCaptureTimes() throws Exception {
        FrameSource src = FrameSource.synthetic(96, 64, 25, 1, 49, 1);
        Path dir = Path.of("target", "hls-stream-test", "cam1");
        HlsStream s = new HlsStream("cam1", LivePlaylist.UNBOUNDED, dir);
        assertTrue(add(s, gop(src, 0, 0, 17)));
        assertTrue(add(s, gop(src, 1, 17, 16)));
        assertFalse(add(s, gop(src, 1, 17, 16)), "a repeated GOP is not packaged twice");
        assertTrue(add(s, gop(src, 2, 33, 16)));
        s.end();
        String m3u8 = Files.readString(dir.resolve("index.m3u8"));
        assertEquals(s.playlist(), m3u8);
        assertTrue(m3u8.contains("#EXT-X-PLAYLIST-TYPE:EVENT\n"), m3u8);
        assertTrue(m3u8.contains("#EXT-X-MEDIA-SEQUENCE:0\n"), m3u8);
        assertTrue(m3u8.contains("#EXT-X-MAP:URI=\"init-0.mp4\"\n"), m3u8);
        assertFalse(m3u8.contains("#EXT-X-DISCONTINUITY\n"), m3u8);
        assertTrue(m3u8.contains("#EXT-X-PROGRAM-DATE-TIME:2026-01-01T00:00:00.000Z\n#EXTINF:0.68000,\nseg-0.m4s\n"), m3u8);
        assertTrue(m3u8.contains("#EXT-X-PROGRAM-DATE-TIME:2026-01-01T00:00:00.680Z\n#EXTINF:0.64000,\nseg-1.m4s\n"), m3u8);
        assertTrue(m3u8.contains("#EXT-X-PROGRAM-DATE-TIME:2026-01-01T00:00:01.320Z\n#EXTINF:0.64000,\nseg-2.m4s\n"), m3u8);
        assertTrue(m3u8.endsWith("#EXT-X-ENDLIST\n"), m3u8);
        assertEquals(49, s.framesPackaged());
        assertArrayEquals(Files.readAllBytes(dir.resolve("seg-1.m4s")), s.file("seg-1.m4s"));

        // FFmpeg's HLS demuxer: every picture, at its place on the timeline, close to the source
        List<Long> times = new ArrayList<>();
        double worst = Double.MAX_VALUE;
        try (FFmpegFrameGrabber g = new FFmpegFrameGrabber(dir.resolve("index.m3u8").toString())) {
            g.setPixelFormat(org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P);
            g.start();
            org.bytedeco.javacv.Frame f;
            while ((f = g.grabImage()) != null) {
                times.add(f.timestamp);
                byte[] y = new byte[96 * 64];
                var buf = (java.nio.ByteBuffer) f.image[0];
                for (int r = 0; r < 64; r++) {
                    buf.position(r * f.imageStride);
                    buf.get(y, r * 96, 96);
                }
                worst = Math.min(worst, psnr(src.frame(times.size() - 1).y(), y));
            }
        }
        assertEquals(49, times.size());
        long first = times.get(0);
        for (int i = 0; i < times.size(); i++) {
            assertEquals(i * 40_000L, times.get(i) - first, 1, "frame " + i + " sits at i / 25 s");
        }
        assertTrue(worst > 35, "x264 at CRF " + io.gvc.media.CmafGopEncoder.CRF + " is near-transparent: worst luma PSNR " + worst);
    }

    @Test
    void theWindowSlidesAndAGapIsADiscontinuity() throws Exception {
        FrameSource src = FrameSource.synthetic(96, 64, 25, 1, 200, 2);
        HlsStream s = new HlsStream("cam1", 2, null);
        add(s, gop(src, 0, 0, 17));
        add(s, gop(src, 1, 17, 16));
        add(s, gop(src, 3, 49, 16)); // GOP 2 never came
        String m3u8 = s.playlist();
        assertTrue(m3u8.contains("#EXT-X-MEDIA-SEQUENCE:1\n"), m3u8);
        assertFalse(m3u8.contains("seg-0.m4s"), m3u8);
        assertTrue(m3u8.contains("seg-1.m4s\n#EXT-X-DISCONTINUITY\n#EXT-X-PROGRAM-DATE-TIME"), m3u8);
        assertFalse(m3u8.contains("#EXT-X-PLAYLIST-TYPE"), m3u8);
        assertNotNull(s.file("seg-0.m4s"), "a segment that just left the window is still served");
        add(s, gop(src, 4, 65, 16));
        add(s, gop(src, 5, 81, 16));
        assertTrue(s.playlist().contains("#EXT-X-DISCONTINUITY-SEQUENCE:1\n"), s.playlist());
        assertNull(s.file("seg-0.m4s"), "two windows later it is gone");
        assertNotNull(s.file("seg-2.m4s"));
    }

    static double psnr(byte[] a, byte[] b) {
        double sse = 0;
        for (int i = 0; i < a.length; i++) {
            int d = (a[i] & 0xFF) - (b[i] & 0xFF);
            sse += d * d;
        }
        return sse == 0 ? 100 : 10 * Math.log10(255.0 * 255.0 * a.length / sse);
    }
}
