package io.gvc.media;

import io.gvc.codec.frame.Frame;
import io.gvc.codec.frame.MediaFormatException;
import io.gvc.codec.frame.Video;
import io.gvc.codec.frame.Y4mWriter;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Writes a video, choosing the format by extension: .y4m keeps every sample; .mp4 is H.264
 * ({@link Mp4Writer}: near-lossless, odd sizes padded by one edge row or column).
 */
public final class VideoWriter {

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
        try (Mp4Writer w = Mp4Writer.create(out, video.format())) {
            for (Frame frame : video.frames()) {
                w.write(frame);
            }
        }
    }
}
