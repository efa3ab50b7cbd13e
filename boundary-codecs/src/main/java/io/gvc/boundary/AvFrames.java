package io.gvc.boundary;

import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;

import io.gvc.codec.frame.Frame;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.javacpp.BytePointer;

/**
 * Copies between our packed {@link Frame} and FFmpeg's AVFrame, whose rows are padded to a
 * per-plane line size.
 */
public final class AvFrames {

    private AvFrames() {
    }

    /** Writes {@code src} into {@code dst}, a writable yuv420p AVFrame of the same size. */
    static void fill(AVFrame dst, Frame src) {
        for (int p = 0; p < 3; p++) {
            int w = src.planeWidth(p), h = src.planeHeight(p), stride = dst.linesize(p);
            BytePointer data = dst.data(p);
            byte[] plane = src.plane(p);
            for (int r = 0; r < h; r++) {
                data.position((long) r * stride).put(plane, r * w, w);
            }
        }
    }

    /** The picture in {@code src}, which must be yuv420p. */
    public static Frame toFrame(AVFrame src) {
        if (src.format() != AV_PIX_FMT_YUV420P) {
            throw new IllegalStateException("expected a yuv420p picture from FFmpeg, got pixel format "
                    + src.format());
        }
        int w = src.width(), h = src.height();
        byte[][] planes = new byte[3][];
        for (int p = 0; p < 3; p++) {
            int pw = p == 0 ? w : Frame.chromaWidth(w), ph = p == 0 ? h : Frame.chromaHeight(h);
            int stride = src.linesize(p);
            if (stride < pw) {
                throw new IllegalStateException("plane " + p + " line size " + stride + " < width " + pw);
            }
            BytePointer data = src.data(p);
            planes[p] = new byte[pw * ph];
            for (int r = 0; r < ph; r++) {
                data.position((long) r * stride).get(planes[p], r * pw, pw);
            }
        }
        return new Frame(w, h, planes[0], planes[1], planes[2]);
    }
}
