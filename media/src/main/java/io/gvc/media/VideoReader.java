package io.gvc.media;

import io.gvc.codec.frame.MediaFormatException;
import io.gvc.codec.frame.Video;
import io.gvc.codec.frame.Y4mReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;

/**
 * Reads a video file into memory as yuv420p frames, choosing the reader by extension: .y4m (plain
 * Java), .yuv (raw I420, size and rate from {@link ReadOptions}), and container files through FFmpeg.
 * Every failure is a {@link MediaFormatException} whose message names the file and the reason.
 */
public final class VideoReader {

    private static final Set<String> CONTAINERS = Set.of("mp4", "mkv", "webm", "mov", "avi");

    private VideoReader() {
    }

    public static Video read(Path in, ReadOptions opts) throws IOException {
        if (!Files.exists(in)) {
            throw new MediaFormatException(in + ": file not found");
        }
        if (!Files.isRegularFile(in)) {
            throw new MediaFormatException(in + ": not a regular file");
        }
        String ext = extension(in);
        Video video;
        if (ext.equals("y4m")) {
            video = Y4mReader.read(in, opts.maxFrames());
        } else if (ext.equals("yuv")) {
            video = RawYuvReader.read(in, opts);
        } else if (CONTAINERS.contains(ext)) {
            video = FfmpegVideoReader.read(in, null, opts.maxFrames());
        } else {
            throw new MediaFormatException(in + ": unsupported file type '." + ext
                    + "' (expected .y4m, .yuv, .mp4, .mkv, .webm, .mov or .avi)");
        }
        if (video.frameCount() == 0) {
            throw new MediaFormatException(in + ": no video frames");
        }
        return video;
    }

    public static String extension(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }
}
