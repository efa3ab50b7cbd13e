package io.gvc.boundary;

import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_encoder_by_name;
import static org.bytedeco.ffmpeg.global.avutil.AV_LOG_ERROR;
import static org.bytedeco.ffmpeg.global.avutil.av_log_set_level;
import static org.bytedeco.ffmpeg.global.avutil.av_strerror;

import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bytedeco.ffmpeg.avcodec.AVCodec;

/**
 * What every FFmpeg user in this package, the media module and the evaluation needs: quiet logging,
 * checked encoders, readable errors.
 */
public final class Ffmpeg {

    private static final Pattern JAVACV_ERROR = Pattern.compile("error (-\\d+)");

    static {
        // At the default level FFmpeg dumps every opened stream and encoder banner to stderr.
        av_log_set_level(AV_LOG_ERROR);
    }

    private Ffmpeg() {
    }

    /** A failed FFmpeg call; the message says which call and FFmpeg's own reason. */
    static final class FfmpegException extends RuntimeException {
        FfmpegException(String message) {
            super(message);
        }
    }

    /** Loads the natives and sets the log level; every entry point calls it first. */
    public static void init() {
        // the work is in the static initialiser, which runs once
    }

    /**
     * The encoder called {@code name}, or an IllegalStateException. STACK.md trap 2: the LGPL FFmpeg
     * build has no x264 or x265, and JavaCV then quietly falls back to another encoder, so a codec
     * that depends on the name checks it before it codes anything.
     */
    public static AVCodec requireEncoder(String name) {
        init();
        AVCodec codec = avcodec_find_encoder_by_name(name);
        String found = codec == null ? null : codec.name().getString();
        if (!name.equals(found)) {
            throw new IllegalStateException("FFmpeg encoder " + name + " is not available (found "
                    + (found == null ? "none" : found) + "): put org.bytedeco:ffmpeg with classifier "
                    + "linux-x86_64-gpl on the class path, not the LGPL build");
        }
        return codec;
    }

    /** Returns {@code code} when it is not an error, else throws naming {@code call}. */
    static int check(int code, String call) {
        if (code < 0) {
            throw new FfmpegException(call + " failed: " + describe(code) + " (" + code + ")");
        }
        return code;
    }

    static String describe(int code) {
        byte[] text = new byte[256];
        av_strerror(code, text, text.length);
        int end = 0;
        while (end < text.length && text[end] != 0) {
            end++;
        }
        return new String(text, 0, end, StandardCharsets.UTF_8);
    }

    /**
     * FFmpeg's own words for the error code in a JavaCV exception ("avformat_open_input() error
     * -1094995529: Could not open input ... (Has setFormat() been called?)"), else its message.
     */
    public static String reason(Exception e) {
        Matcher m = JAVACV_ERROR.matcher(String.valueOf(e.getMessage()));
        return m.find() ? describe(Integer.parseInt(m.group(1))) : e.getMessage();
    }
}
