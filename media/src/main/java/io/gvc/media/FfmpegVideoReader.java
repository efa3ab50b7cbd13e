package io.gvc.media;

import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;

import io.gvc.boundary.AvFrames;
import io.gvc.boundary.Ffmpeg;
import io.gvc.codec.frame.Frame;
import io.gvc.codec.frame.MediaFormatException;
import io.gvc.codec.frame.Video;
import io.gvc.codec.frame.VideoFormat;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.FrameGrabber;

/**
 * Decodes any file FFmpeg can demux into yuv420p frames at the coded size (FFmpeg converts other
 * pixel formats; odd sizes stay odd, with chroma rounded up). Display rotation in the container is
 * not applied: frames come out as coded.
 */
public final class FfmpegVideoReader {

    private FfmpegVideoReader() {
    }

    /**
     * Reads up to {@code maxFrames} frames (all when {@code maxFrames <= 0}). {@code demuxer} forces
     * FFmpeg's input format (e.g. "hevc" for a raw stream); null lets FFmpeg probe.
     */
    public static Video read(Path file, String demuxer, int maxFrames) throws MediaFormatException {
        Ffmpeg.init();
        try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(file.toFile())) {
            if (demuxer != null) {
                grabber.setFormat(demuxer);
            }
            grabber.setPixelFormat(AV_PIX_FMT_YUV420P);
            try {
                grabber.start();
            } catch (FrameGrabber.Exception e) {
                throw new MediaFormatException(file + ": not a readable media file (" + Ffmpeg.reason(e) + ")", e);
            }
            if (grabber.getVideoStream() < 0 || grabber.getImageWidth() <= 0) {
                throw new MediaFormatException(file + ": no video stream");
            }
            VideoFormat format = format(file, grabber);
            List<Frame> frames = new ArrayList<>();
            while (maxFrames <= 0 || frames.size() < maxFrames) {
                org.bytedeco.javacv.Frame image = grabber.grabImage();
                if (image == null) {
                    break;
                }
                frames.add(toFrame(image));
            }
            return new Video(format, frames);
        } catch (FrameGrabber.Exception e) {
            throw new MediaFormatException(file + ": decoding failed (" + Ffmpeg.reason(e) + ")", e);
        } catch (IllegalArgumentException e) { // a frame of another size than the stream's
            throw new MediaFormatException(file + ": " + e.getMessage(), e);
        }
    }

    private static VideoFormat format(Path file, FFmpegFrameGrabber grabber) throws MediaFormatException {
        AVStream stream = grabber.getFormatContext().streams(grabber.getVideoStream());
        // The average rate is right for constant-rate files and the honest single number for
        // variable-rate ones; r_frame_rate is a guess at the timestamp grid (90000/1 for some phones).
        AVRational rate = valid(stream.avg_frame_rate()) ? stream.avg_frame_rate() : stream.r_frame_rate();
        // A stream that states no rate at all (some raw elementary streams) gets FFmpeg's default.
        int num = valid(rate) ? rate.num() : 25, den = valid(rate) ? rate.den() : 1;
        int gcd = BigInteger.valueOf(num).gcd(BigInteger.valueOf(den)).intValue();
        try {
            return new VideoFormat(grabber.getImageWidth(), grabber.getImageHeight(), num / gcd, den / gcd);
        } catch (IllegalArgumentException e) {
            throw new MediaFormatException(file + ": " + e.getMessage(), e);
        }
    }

    private static boolean valid(AVRational r) {
        return r.num() > 0 && r.den() > 0;
    }

    /** JavaCV keeps the converted picture, with FFmpeg's own plane pointers, in {@code opaque}. */
    private static Frame toFrame(org.bytedeco.javacv.Frame image) {
        if (!(image.opaque instanceof AVFrame picture)) {
            throw new IllegalStateException("this JavaCV version does not hand out the AVFrame of a grabbed image");
        }
        return AvFrames.toFrame(picture);
    }
}
