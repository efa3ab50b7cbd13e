package io.gvc.operators;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.gvc.codec.CodecParams;
import io.gvc.codec.Progress;
import io.gvc.codec.StreamEncoder;
import io.gvc.codec.frame.Frame;
import io.gvc.codec.frame.Video;
import io.gvc.codec.frame.VideoFormat;
import io.gvc.kafka.formats.RawGop;
import io.gvc.kafka.formats.RawGopFormat;
import io.gvc.operators.encode.StreamConfig;
import io.gvc.operators.types.SourceRecord;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Small deterministic pictures, GOPs and records for the operator tests. */
public final class TestMedia {

    /** Capture time of frame 0, epoch microseconds. */
    public static final long T0 = 1_764_000_000_000_000L;
    public static final int FPS = 25;

    private TestMedia() {
    }

    /** GOPs of 5 frames, one thread, every other setting at the codec defaults (as gvc encode). */
    public static StreamConfig config() {
        return StreamConfig.defaults().with("default.gop-frames", "5").withThreads(1);
    }

    public static CodecParams params() {
        return config().settings("cam1").params();
    }

    /**
     * {@code count} frames of a textured picture panning right by 2 pixels per frame with a bright
     * square moving across it; integer arithmetic only, so every run sees the same samples.
     */
    public static Video video(int width, int height, int count) {
        List<Frame> frames = new ArrayList<>(count);
        int cw = Frame.chromaWidth(width), ch = Frame.chromaHeight(height);
        for (int t = 0; t < count; t++) {
            byte[] y = new byte[width * height];
            byte[] u = new byte[cw * ch];
            byte[] v = new byte[cw * ch];
            int sx = (3 * t) % Math.max(1, width - 8), sy = (2 * t) % Math.max(1, height - 8);
            for (int r = 0; r < height; r++) {
                for (int c = 0; c < width; c++) {
                    boolean square = c >= sx && c < sx + 8 && r >= sy && r < sy + 8;
                    y[r * width + c] = (byte) (square ? 220 : background(c + 2 * t, r));
                }
            }
            for (int r = 0; r < ch; r++) {
                for (int c = 0; c < cw; c++) {
                    u[r * cw + c] = (byte) (128 + (background(2 * c + 2 * t, 2 * r) - 128) / 6);
                    v[r * cw + c] = (byte) (128 - (background(2 * c + 2 * t + 5, 2 * r + 3) - 128) / 8);
                }
            }
            frames.add(new Frame(width, height, y, u, v));
        }
        return new Video(new VideoFormat(width, height, FPS, 1), frames);
    }

    private static int background(int x, int y) {
        int stripes = ((x / 5 + y / 7) & 1) * 30;
        int ramp = (x * 3 + y * 2) % 80;
        return 60 + stripes + ramp;
    }

    /** GOP {@code seq} of {@code video} as the ingest publishes it: frames [first, first + count). */
    public static RawGop rawGop(String stream, Video video, long seq, int first, int count) {
        return new RawGop(stream, seq, first, T0 + first * 1_000_000L / FPS, FPS, 1, video.format().width(),
                video.format().height(), video.frames().subList(first, first + count));
    }

    /** GOP {@code seq} of a GOP-of-5 FLF2V stream (frames 4k .. 4k+4). */
    public static RawGop flf2vGop(String stream, Video video, long seq) {
        int first = (int) seq * 4;
        return rawGop(stream, video, seq, first, Math.min(5, video.frameCount() - first));
    }

    /** The encoded stream gvc encode makes of {@code video} with {@link #params()} and the shipped prior. */
    public static StreamEncoder.Result encode(Video video) {
        return StreamEncoder.encode(video, params(), prior(), Progress.NONE);
    }

    /** A gvc.raw-gops record carrying {@code gop}, keyed by {@code key}. */
    public static SourceRecord rawRecord(String key, byte[] value) {
        return new SourceRecord("gvc.raw-gops", 0, 42, 1_764_000_000_000L,
                key == null ? null : key.getBytes(StandardCharsets.UTF_8), value, List.of());
    }

    public static SourceRecord rawRecord(RawGop gop) {
        return rawRecord(gop.streamId(), RawGopFormat.write(gop));
    }

    public static void assertSamePixels(Frame expected, Frame actual, String what) {
        assertEquals(expected.width(), actual.width(), what + ": width");
        assertEquals(expected.height(), actual.height(), what + ": height");
        assertArrayEquals(expected.y(), actual.y(), what + ": Y");
        assertArrayEquals(expected.u(), actual.u(), what + ": U");
        assertArrayEquals(expected.v(), actual.v(), what + ": V");
    }

    public static void assertSameFrames(List<Frame> expected, List<Frame> actual, String what) {
        assertEquals(expected.size(), actual.size(), what + ": frame count");
        for (int i = 0; i < expected.size(); i++) {
            assertSamePixels(expected.get(i), actual.get(i), what + ", frame " + i);
        }
    }

    private static io.gvc.codec.prior.FlowPrior prior;

    /** The prior the operators load by default for FLF2V (the shipped reference model through ONNX Runtime). */
    public static synchronized io.gvc.codec.prior.FlowPrior prior() {
        if (prior == null) {
            try {
                prior = PriorSource.shipped().open(io.gvc.codec.variant.Variant.FLF2V, null, 1);
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
        }
        return prior;
    }
}
