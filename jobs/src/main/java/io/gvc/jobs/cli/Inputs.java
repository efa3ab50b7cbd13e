package io.gvc.jobs.cli;

import io.gvc.codec.frame.MediaFormatException;
import io.gvc.codec.frame.Video;
import io.gvc.jobs.media.ReadOptions;
import io.gvc.jobs.media.VideoReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reading the user's files, with every failure turned into a one-line BadInputException. */
final class Inputs {

    private Inputs() {
    }

    static Video video(Path in, int maxFrames, String size, String fps) throws BadInputException {
        ReadOptions opts;
        if (size != null) {
            String[] wh = size.toLowerCase(java.util.Locale.ROOT).split("x");
            String[] rate = (fps == null ? "25" : fps).split("/");
            try {
                opts = ReadOptions.raw(Integer.parseInt(wh[0]), Integer.parseInt(wh[1]), Integer.parseInt(rate[0]),
                        rate.length > 1 ? Integer.parseInt(rate[1]) : 1, maxFrames);
            } catch (RuntimeException e) {
                throw new BadInputException("--size must look like 176x144 and --fps like 25 or 30000/1001");
            }
        } else {
            opts = ReadOptions.firstFrames(maxFrames);
        }
        try {
            return VideoReader.read(in, opts);
        } catch (MediaFormatException e) {
            throw new BadInputException(e.getMessage(), e);
        } catch (IOException e) {
            throw new BadInputException(in + ": " + e.getMessage(), e);
        }
    }

    static byte[] bytes(Path in) throws BadInputException {
        try {
            return Files.readAllBytes(in);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new BadInputException(in + ": file not found");
        } catch (IOException e) {
            throw new BadInputException(in + ": " + e.getMessage(), e);
        }
    }
}
