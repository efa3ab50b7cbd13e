package io.gvc.jobs.media;

import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;

import io.gvc.codec.frame.Frame;
import io.gvc.codec.frame.MediaFormatException;
import io.gvc.codec.frame.Video;
import io.gvc.codec.frame.Y4mWriter;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.FrameRecorder;

/**
 * Writes a video, choosing the format by extension: .y4m keeps every sample; .mp4 is H.264 from
 * x264 at CRF 10, near-lossless and small enough to view and share. H.264 cannot code an odd-sized
 * 4:2:0 picture, so an odd-sized video goes into .mp4 padded by one edge row or column.
 */
public final class VideoWriter {

    static final int MP4_CRF = 10;

    private VideoWriter() {
    }

    public static void write(Video video, Path out) throws IOException {
        String ext = VideoReader.extension(out);
        switch (ext) {
            case "y4m" -> Y4mWriter.write(out, video);
            case "mp4" -> writeMp4(video, out);
            default -> throw new MediaFormatException(out + ": cannot write '." + ext + "' (expected .y4m or .mp4)");
        }
    }

    private static void writeMp4(Video video, Path out) throws IOException {
        X26x.X264.encoder(); // JavaCV would quietly take another H.264 encoder (STACK.md trap 2)
        int width = X26x.X264.codedSide(video.format().width());
        int height = X26x.X264.codedSide(video.format().height());
        try (FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(out.toFile(), width, height, 0)) {
            recorder.setFormat("mp4");
            recorder.setVideoCodecName(X26x.X264.encoderName);
            recorder.setPixelFormat(AV_PIX_FMT_YUV420P);
            recorder.setFrameRate(video.format().fps());
            recorder.setVideoOption("crf", Integer.toString(MP4_CRF));
            recorder.setVideoOption("preset", "medium");
            recorder.start();
            for (Frame frame : video.frames()) {
                // one packed I420 buffer; JavaCV derives the chroma planes from the luma stride
                recorder.recordImage(width, height, org.bytedeco.javacv.Frame.DEPTH_UBYTE, 1, width,
                        AV_PIX_FMT_YUV420P, ByteBuffer.wrap(Fit.toSize(frame, width, height).toI420()));
            }
            recorder.stop();
        } catch (FrameRecorder.Exception e) {
            throw new IOException(out + ": writing mp4 failed (" + Ffmpeg.reason(e) + ")", e);
        }
    }
}
