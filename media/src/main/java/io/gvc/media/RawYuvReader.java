package io.gvc.media;

import io.gvc.codec.frame.Frame;
import io.gvc.codec.frame.MediaFormatException;
import io.gvc.codec.frame.Video;
import io.gvc.codec.frame.VideoFormat;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Headerless I420 (yuv420p) files: frames back to back, size and rate given by the caller. */
final class RawYuvReader {

    private RawYuvReader() {
    }

    static Video read(Path file, ReadOptions opts) throws IOException {
        if (opts.width() == null || opts.height() == null) {
            throw new MediaFormatException(file + ": a raw .yuv file needs the picture size (width and height)");
        }
        if (opts.fpsNum() == null || opts.fpsDen() == null) {
            throw new MediaFormatException(file + ": a raw .yuv file needs the frame rate");
        }
        VideoFormat format;
        try {
            format = new VideoFormat(opts.width(), opts.height(), opts.fpsNum(), opts.fpsDen());
        } catch (IllegalArgumentException e) {
            throw new MediaFormatException(file + ": " + e.getMessage(), e);
        }
        // A length that is not a multiple of the frame size almost always means a wrong size.
        long frameBytes = Frame.i420Size(format.width(), format.height());
        long length = Files.size(file);
        if (length % frameBytes != 0) {
            throw new MediaFormatException(file + ": length " + length + " is not a whole number of "
                    + format.width() + "x" + format.height() + " I420 frames (" + frameBytes + " bytes each)");
        }
        long available = length / frameBytes;
        int count = (int) (opts.maxFrames() > 0 ? Math.min(available, opts.maxFrames()) : available);

        List<Frame> frames = new ArrayList<>(count);
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            for (int k = 0; k < count; k++) {
                byte[] i420 = in.readNBytes((int) frameBytes);
                if (i420.length < frameBytes) { // the file shrank while we read it
                    throw new MediaFormatException(file + ": truncated frame " + k);
                }
                frames.add(Frame.fromI420(i420, 0, format.width(), format.height()));
            }
        }
        return new Video(format, frames);
    }
}
