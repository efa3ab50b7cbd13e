package io.gvc.cli.consume;

import io.gvc.codec.frame.Frame;
import io.gvc.codec.frame.MediaFormatException;
import io.gvc.codec.frame.VideoFormat;
import io.gvc.codec.frame.Y4mWriter;
import io.gvc.media.Mp4Writer;
import io.gvc.media.VideoReader;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;

/** Where consumed pictures go, frame by frame: a .y4m or .mp4 file, or y4m on standard output for a player. */
public interface PictureSink extends Closeable {

    /** The target that means standard output. */
    String STDOUT = "-";

    void write(Frame frame) throws IOException;

    /** Checks a target's extension before anything is read (.y4m, .mp4 or -). */
    static void checkTarget(String target) throws MediaFormatException {
        if (!target.equals(STDOUT)) {
            String ext = VideoReader.extension(Path.of(target));
            if (!ext.equals("y4m") && !ext.equals("mp4")) {
                throw new MediaFormatException(target + ": cannot write '." + ext + "' (expected .y4m, .mp4 or - for "
                        + "y4m on standard output)");
            }
        }
    }

    /** Opens {@code target} for pictures of {@code format}; standard output is flushed, never closed. */
    static PictureSink open(String target, VideoFormat format, OutputStream stdout) throws IOException {
        checkTarget(target);
        if (target.equals(STDOUT)) {
            OutputStream unclosable = new FilterOutputStream(stdout) {
                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    out.write(b, off, len);
                    checkPipe();
                }

                @Override
                public void flush() throws IOException {
                    out.flush();
                    checkPipe();
                }

                @Override
                public void close() throws IOException {
                    flush();
                }

                /** A PrintStream (System.out) swallows write errors: a player that quit shows up here. */
                private void checkPipe() throws IOException {
                    if (out instanceof PrintStream p && p.checkError()) {
                        throw new IOException("standard output is closed");
                    }
                }
            };
            return y4m(new Y4mWriter(new BufferedOutputStream(unclosable, 1 << 16), format), true);
        }
        Path file = Path.of(target);
        if (VideoReader.extension(file).equals("y4m")) {
            return y4m(Y4mWriter.create(file, format), false);
        }
        Mp4Writer mp4 = Mp4Writer.create(file, format);
        return new PictureSink() {
            @Override
            public void write(Frame frame) throws IOException {
                mp4.write(frame);
            }

            @Override
            public void close() throws IOException {
                mp4.close();
            }
        };
    }

    private static PictureSink y4m(Y4mWriter writer, boolean flushEachFrame) {
        return new PictureSink() {
            @Override
            public void write(Frame frame) throws IOException {
                writer.write(frame);
                if (flushEachFrame) {
                    writer.flush(); // a player shows each picture as it comes
                }
            }

            @Override
            public void close() throws IOException {
                writer.close();
            }
        };
    }
}
