package io.gvc.codec.frame;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes YUV4MPEG2 (y4m) with the header FFmpeg writes for yuv420p (C420jpeg), so that the files
 * read back unchanged in FFmpeg, x264, x265 and our {@link Y4mReader}. Frames are progressive with
 * square pixels: the codec knows nothing else to record.
 */
public final class Y4mWriter implements Closeable {

    private static final byte[] FRAME_LINE = (Y4mReader.FRAME + "\n").getBytes(StandardCharsets.US_ASCII);

    private final OutputStream out;
    private final VideoFormat format;

    /** Writes the stream header at once. */
    public Y4mWriter(OutputStream out, VideoFormat format) throws IOException {
        this.out = out;
        this.format = format;
        String header = Y4mReader.MAGIC + " W" + format.width() + " H" + format.height()
                + " F" + format.fpsNum() + ":" + format.fpsDen() + " Ip A1:1 C420jpeg XYSCSS=420JPEG\n";
        out.write(header.getBytes(StandardCharsets.US_ASCII));
    }

    public static Y4mWriter create(Path file, VideoFormat format) throws IOException {
        OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
        try {
            return new Y4mWriter(out, format);
        } catch (IOException | RuntimeException e) {
            out.close();
            throw e;
        }
    }

    public static void write(Path file, Video video) throws IOException {
        try (Y4mWriter writer = create(file, video.format())) {
            for (Frame frame : video.frames()) {
                writer.write(frame);
            }
        }
    }

    public void write(Frame frame) throws IOException {
        if (frame.width() != format.width() || frame.height() != format.height()) {
            throw new IllegalArgumentException("frame is " + frame.width() + "x" + frame.height()
                    + " in a " + format.width() + "x" + format.height() + " y4m stream");
        }
        out.write(FRAME_LINE);
        out.write(frame.y());
        out.write(frame.u());
        out.write(frame.v());
    }

    /** Pushes the frames written so far to the stream (a pipe to a player). */
    public void flush() throws IOException {
        out.flush();
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
