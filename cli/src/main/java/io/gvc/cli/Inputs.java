package io.gvc.cli;

import io.gvc.codec.frame.MediaFormatException;
import io.gvc.codec.frame.Video;
import io.gvc.media.ReadOptions;
import io.gvc.media.VideoReader;
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
            int[] wh = PictureSizes.parseOrNull(size);
            int[] rate = FrameRates.parseOrNull(fps == null ? "25" : fps);
            try {
                if (wh == null || rate == null) {
                    throw new IllegalArgumentException("not a size and rate");
                }
                opts = ReadOptions.raw(wh[0], wh[1], rate[0], rate[1], maxFrames);
            } catch (IllegalArgumentException e) {
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

    /**
     * A clip of any kind the CLI reads: for a raw .yuv the size and rate come from {@code size} and
     * {@code fps}, else from a name like {@code clip_320x192_12fps.yuv} (the rate defaulting to 25);
     * other files describe themselves and ignore both.
     */
    static Video clip(Path in, int maxFrames, String size, String fps) throws BadInputException {
        String[] raw = rawSizeAndRate(in, size, fps);
        return raw == null ? video(in, maxFrames, null, null) : video(in, maxFrames, raw[0], raw[1]);
    }

    /** What {@link #clip} would refuse before reading a byte (a raw .yuv of unknown size), refused now. */
    static void checkClip(Path in, String size, String fps) throws BadInputException {
        rawSizeAndRate(in, size, fps);
    }

    /** Size and rate of a raw .yuv (rate null: 25), from the options or its name; null for other files. */
    private static String[] rawSizeAndRate(Path in, String size, String fps) throws BadInputException {
        String name = in.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        if (!name.endsWith(".yuv")) {
            return null;
        }
        String s = size, f = fps;
        java.util.regex.Matcher wh = java.util.regex.Pattern.compile("(\\d+)x(\\d+)").matcher(name);
        if (s == null && wh.find()) {
            s = wh.group(1) + "x" + wh.group(2);
        }
        java.util.regex.Matcher rate = java.util.regex.Pattern.compile("(\\d+)fps").matcher(name);
        if (f == null && rate.find()) {
            f = rate.group(1);
        }
        if (s == null) {
            throw new BadInputException(in + ": a raw .yuv needs --size WxH (or the size in its name)");
        }
        return new String[] {s, f};
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
