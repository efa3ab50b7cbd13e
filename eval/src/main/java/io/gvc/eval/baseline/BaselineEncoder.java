package io.gvc.eval.baseline;

import io.gvc.boundary.AvEncoder;
import io.gvc.boundary.Fit;
import io.gvc.boundary.X26x;
import io.gvc.codec.frame.Frame;
import io.gvc.codec.frame.Video;
import io.gvc.codec.frame.VideoFormat;
import io.gvc.media.FfmpegVideoReader;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Codes a clip with x264 or x265 at a constant rate factor: the conventional codec GVC is measured
 * against. Driven by CRF, not by a bitrate, because at short clips both undershoot a target badly
 * (STACK.md trap 12); the rate is read off the real output.
 *
 * <p>The output file is a raw Annex-B elementary stream (.264 / .265), not mp4: with no container,
 * the file size is exactly the bytes a decoder needs. As for the intra codecs, the SEI banners the
 * encoders write are dropped. Settings: preset medium, the encoder's defaults otherwise (GOP, B
 * frames, psy), one thread so that sizes repeat across machines; the timings are single-threaded.
 * Sizes the encoder cannot code (odd, or under x265's minimum) are coded padded and cropped after
 * decoding.
 */
public final class BaselineEncoder {

    /**
     * {@code bytes}: size of the written file; {@code decoded}: what a decoder makes of it, at the
     * input's size and format; times in seconds.
     */
    public record Result(long bytes, Video decoded, double encodeSeconds, double decodeSeconds) {
    }

    private BaselineEncoder() {
    }

    /** Codes {@code video} with {@code codec} ("x264" or "x265") at {@code crf} into {@code outFile}. */
    public static Result encode(Video video, String codec, int crf, Path outFile) throws IOException {
        X26x x26x = X26x.byId(codec);
        if (crf < 0 || crf > 51) {
            throw new IllegalArgumentException("crf must be 0..51, got " + crf);
        }
        if (video.frameCount() == 0) {
            throw new IllegalArgumentException("nothing to encode: the video has no frames");
        }
        VideoFormat in = video.format();
        int width = x26x.codedSide(in.width()), height = x26x.codedSide(in.height());
        VideoFormat coded = new VideoFormat(width, height, in.fpsNum(), in.fpsDen());
        long t0 = System.nanoTime();
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(outFile));
                AvEncoder encoder = new AvEncoder(x26x.encoder(), coded, x26x.options("medium", "crf=" + crf))) {
            for (Frame frame : video.frames()) {
                writePackets(out, x26x, encoder.encode(Fit.toSize(frame, width, height)));
            }
            writePackets(out, x26x, encoder.flush());
        }
        long t1 = System.nanoTime();
        Video stream = FfmpegVideoReader.read(outFile, x26x.demuxer, 0);
        long t2 = System.nanoTime();

        if (stream.frameCount() != video.frameCount()) {
            throw new IllegalStateException(outFile + " decodes to " + stream.frameCount() + " frames, "
                    + video.frameCount() + " were coded");
        }
        List<Frame> frames = new ArrayList<>(stream.frameCount());
        for (Frame frame : stream.frames()) {
            frames.add(Fit.toSize(frame, in.width(), in.height()));
        }
        return new Result(Files.size(outFile), new Video(in, frames), (t1 - t0) / 1e9, (t2 - t1) / 1e9);
    }

    private static void writePackets(OutputStream out, X26x codec, List<byte[]> packets) throws IOException {
        for (byte[] packet : packets) {
            out.write(codec.strip(packet));
        }
    }
}
