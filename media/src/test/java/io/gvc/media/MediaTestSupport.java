package io.gvc.media;

import io.gvc.codec.frame.Frame;
import io.gvc.codec.frame.Video;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/** Shared test data lookup and the PSNR used by the media tests. */
public final class MediaTestSupport {

    private MediaTestSupport() {
    }

    /** A clip from ../shared/data/video; the calling test is skipped when the data is absent. */
    public static Path sharedVideo(String name) {
        Path file = Path.of(System.getProperty("gvc.shared", "../../shared"), "data", "video", name);
        Assumptions.assumeTrue(Files.isRegularFile(file),
                () -> "shared test data not found at " + file.toAbsolutePath() + " (set -Dgvc.shared)");
        return file;
    }

    /** The frames at {@code positions} of a clip from ../shared/data/video (skipped when absent, as {@link #sharedVideo}). */
    public static Frame[] sharedFrames(String name, int... positions) throws IOException {
        int count = java.util.Arrays.stream(positions).max().orElse(0) + 1;
        Video v = VideoReader.read(sharedVideo(name), ReadOptions.firstFrames(count));
        return java.util.Arrays.stream(positions).mapToObj(v.frames()::get).toArray(Frame[]::new);
    }

    public static double psnrY(Frame a, Frame b) {
        double sse = 0;
        for (int i = 0; i < a.y().length; i++) {
            int d = (a.y()[i] & 0xFF) - (b.y()[i] & 0xFF);
            sse += d * d;
        }
        return sse == 0 ? Double.POSITIVE_INFINITY : 10 * Math.log10(255.0 * 255.0 * a.y().length / sse);
    }

    /** Mean of the per-frame PSNR-Y. */
    public static double psnrY(Video a, Video b) {
        double sum = 0;
        for (int k = 0; k < a.frameCount(); k++) {
            sum += Math.min(99, psnrY(a.frames().get(k), b.frames().get(k)));
        }
        return sum / a.frameCount();
    }

    /** The top-left corner of a frame: an odd-sized real picture for the odd-size tests. */
    public static Frame corner(Frame f, int width, int height) {
        byte[][] planes = new byte[3][];
        for (int p = 0; p < 3; p++) {
            int w = p == 0 ? width : Frame.chromaWidth(width), h = p == 0 ? height : Frame.chromaHeight(height);
            planes[p] = new byte[w * h];
            for (int r = 0; r < h; r++) {
                System.arraycopy(f.plane(p), r * f.planeWidth(p), planes[p], r * w, w);
            }
        }
        return new Frame(width, height, planes[0], planes[1], planes[2]);
    }
}
