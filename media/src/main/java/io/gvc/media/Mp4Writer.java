package io.gvc.media;

import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;

import io.gvc.boundary.Ffmpeg;
import io.gvc.boundary.Fit;
import io.gvc.boundary.X26x;
import io.gvc.codec.frame.Frame;
import io.gvc.codec.frame.VideoFormat;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.FrameRecorder;

/**
 * Writes an .mp4 frame by frame: H.264 from x264 at CRF {@value #CRF}, near-lossless and small
 * enough to view and share. H.264 cannot code an odd-sized 4:2:0 picture, so an odd-sized video is
 * padded by one edge row or column. The file is complete once {@link #close()} returns.
 */
public final class Mp4Writer implements Closeable {

    static final int CRF = 10;

    private final Path out;
    private final FFmpegFrameRecorder recorder;
    private final int width;
    private final int height;

    private Mp4Writer(Path out, FFmpegFrameRecorder recorder, int width, int height) {
        this.out = out;
        this.recorder = recorder;
        this.width = width;
        this.height = height;
    }

    public static Mp4Writer create(Path out, VideoFormat format) throws IOException {
        X26x.X264.encoder(); // JavaCV would quietly take another H.264 encoder (STACK.md trap 2)
        int width = X26x.X264.codedSide(format.width());
        int height = X26x.X264.codedSide(format.height());
        FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(out.toFile(), width, height, 0);
        try {
            recorder.setFormat("mp4");
            recorder.setVideoCodecName(X26x.X264.encoderName);
            recorder.setPixelFormat(AV_PIX_FMT_YUV420P);
            recorder.setFrameRate(format.fps());
            recorder.setVideoOption("crf", Integer.toString(CRF));
            recorder.setVideoOption("preset", "medium");
            recorder.start();
            return new Mp4Writer(out, recorder, width, height);
        } catch (FrameRecorder.Exception e) {
            try {
                recorder.close();
            } catch (FrameRecorder.Exception ignored) {
                // the start's failure is the one to report
            }
            throw new IOException(out + ": writing mp4 failed (" + Ffmpeg.reason(e) + ")", e);
        }
    }

    public void write(Frame frame) throws IOException {
        try {
            // one packed I420 buffer; JavaCV derives the chroma planes from the luma stride
            recorder.recordImage(width, height, org.bytedeco.javacv.Frame.DEPTH_UBYTE, 1, width,
                    AV_PIX_FMT_YUV420P, ByteBuffer.wrap(Fit.toSize(frame, width, height).toI420()));
        } catch (FrameRecorder.Exception e) {
            throw new IOException(out + ": writing mp4 failed (" + Ffmpeg.reason(e) + ")", e);
        }
    }

    @Override
    public void close() throws IOException {
        try {
            recorder.stop();
            recorder.close();
        } catch (FrameRecorder.Exception e) {
            throw new IOException(out + ": finishing mp4 failed (" + Ffmpeg.reason(e) + ")", e);
        }
    }
}
