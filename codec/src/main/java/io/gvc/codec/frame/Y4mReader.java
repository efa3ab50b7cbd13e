package io.gvc.codec.frame;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reads YUV4MPEG2 (y4m): one text header line, then frames that each start with a FRAME line and
 * carry the raw Y, U and V planes.
 *
 * <p>Only 8-bit 4:2:0 is accepted: C420, C420jpeg, C420paldv, C420mpeg2, or no C tag, which the
 * format defines as 4:2:0. The variants differ only in where chroma is sited, not in how samples are
 * laid out, so all of them load as the same {@link Frame}. Interlacing (I) and pixel aspect (A) are
 * checked for syntax and otherwise ignored: the codec treats every frame as a progressive picture.
 *
 * <p>Frames are numbered from 0 in error messages, as in {@link Video#frames()}.
 */
public final class Y4mReader implements Closeable {

    static final String MAGIC = "YUV4MPEG2";
    static final String FRAME = "FRAME";
    private static final Set<String> CHROMA_420 = Set.of("420", "420jpeg", "420paldv", "420mpeg2");
    private static final String INTERLACE_MODES = "ptbm?";
    /** Longest header line accepted; real ones are under 100 bytes, so much more means a broken file. */
    private static final int MAX_LINE = 4096;

    private final InputStream in;
    private final String source;
    private final VideoFormat format;
    private int framesRead;

    /** Reads the stream header at once, so that {@link #format()} is known before any frame. */
    public Y4mReader(InputStream in, String source) throws IOException {
        this.in = in;
        this.source = source;
        if (!expect(MAGIC)) {
            throw fail("empty file, expected a " + MAGIC + " header");
        }
        this.format = parseHeader(restOfLine("stream header"));
    }

    public static Y4mReader open(Path file) throws IOException {
        InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        try {
            return new Y4mReader(in, file.toString());
        } catch (IOException | RuntimeException e) {
            in.close();
            throw e;
        }
    }

    /** Reads up to {@code maxFrames} frames (all of them when {@code maxFrames <= 0}). */
    public static Video read(Path file, int maxFrames) throws IOException {
        try (Y4mReader reader = open(file)) {
            List<Frame> frames = new ArrayList<>();
            Frame frame;
            while ((maxFrames <= 0 || frames.size() < maxFrames) && (frame = reader.next()) != null) {
                frames.add(frame);
            }
            return new Video(reader.format(), frames);
        }
    }

    public VideoFormat format() {
        return format;
    }

    /** The next frame, or null at the end of the stream. */
    public Frame next() throws IOException {
        if (!expect(FRAME)) {
            return null;
        }
        restOfLine("FRAME header of frame " + framesRead); // frame parameters carry nothing we use
        int w = format.width(), h = format.height();
        byte[] y = new byte[w * h];
        byte[] u = new byte[Frame.chromaWidth(w) * Frame.chromaHeight(h)];
        byte[] v = new byte[u.length];
        readPlane(y, 0);
        readPlane(u, y.length);
        readPlane(v, y.length + u.length);
        framesRead++;
        return new Frame(w, h, y, u, v);
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    private VideoFormat parseHeader(String params) throws MediaFormatException {
        Integer width = null, height = null;
        // y4m without F is legal but rare; 25 fps is what FFmpeg assumes too.
        int fpsNum = 25, fpsDen = 1;
        for (String tag : params.split(" ")) {
            if (tag.isEmpty()) {
                continue;
            }
            String value = tag.substring(1);
            switch (tag.charAt(0)) {
                case 'W' -> width = positive(tag, value);
                case 'H' -> height = positive(tag, value);
                case 'F' -> {
                    int[] rate = ratio(tag, value);
                    if (rate[0] > 0 && rate[1] > 0) {
                        fpsNum = rate[0];
                        fpsDen = rate[1];
                    } else if (rate[0] != 0 || rate[1] != 0) { // F0:0 means "unknown"
                        throw fail("bad frame rate tag " + tag);
                    }
                }
                case 'I' -> {
                    if (value.length() != 1 || INTERLACE_MODES.indexOf(value.charAt(0)) < 0) {
                        throw fail("bad interlace tag " + tag);
                    }
                }
                case 'A' -> ratio(tag, value);
                case 'C' -> {
                    if (!CHROMA_420.contains(value)) {
                        throw fail("unsupported chroma format " + tag
                                + ": only 8-bit 4:2:0 (C420, C420jpeg, C420paldv, C420mpeg2) is read");
                    }
                }
                default -> { } // X extensions and any later tags carry nothing the codec uses
            }
        }
        if (width == null) {
            throw fail("header has no W (width) tag");
        }
        if (height == null) {
            throw fail("header has no H (height) tag");
        }
        try {
            return new VideoFormat(width, height, fpsNum, fpsDen);
        } catch (IllegalArgumentException e) {
            throw fail(e.getMessage());
        }
    }

    private int positive(String tag, String value) throws MediaFormatException {
        try {
            int n = Integer.parseInt(value);
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below with the tag
        }
        throw fail("bad header tag " + tag + ", expected a positive number");
    }

    private int[] ratio(String tag, String value) throws MediaFormatException {
        int colon = value.indexOf(':');
        try {
            if (colon > 0) {
                int num = Integer.parseInt(value.substring(0, colon));
                int den = Integer.parseInt(value.substring(colon + 1));
                if (num >= 0 && den >= 0) {
                    return new int[] {num, den};
                }
            }
        } catch (NumberFormatException e) {
            // reported below with the tag
        }
        throw fail("bad header tag " + tag + ", expected two numbers as in " + tag.charAt(0) + "30000:1001");
    }

    /**
     * Reads the keyword that starts a header line. False at a clean end of stream; a partial or
     * different word is an error.
     */
    private boolean expect(String literal) throws IOException {
        byte[] got = in.readNBytes(literal.length());
        if (got.length == 0) {
            return false;
        }
        String what = literal.equals(MAGIC) ? "stream header" : "FRAME header of frame " + framesRead;
        String text = new String(got, StandardCharsets.ISO_8859_1);
        if (!text.equals(literal)) {
            if (got.length < literal.length() && literal.startsWith(text)) {
                throw fail("truncated " + what);
            }
            throw fail(literal.equals(MAGIC)
                    ? "not a " + MAGIC + " file (bad magic '" + printable(text) + "')"
                    : "expected " + what + ", found '" + printable(text) + "'");
        }
        return true;
    }

    /** The rest of a header line after its keyword: empty, or a space followed by tags. */
    private String restOfLine(String what) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw fail("truncated " + what + " (no end of line)");
            }
            if (line.length() == MAX_LINE) {
                throw fail(what + " has no end of line within " + MAX_LINE + " bytes");
            }
            line.append((char) b);
        }
        if (line.length() > 0 && line.charAt(0) != ' ') {
            throw fail("bad " + what + ": keyword followed by '" + printable(line.toString()) + "'");
        }
        return line.toString();
    }

    private void readPlane(byte[] plane, int offsetInFrame) throws IOException {
        int n = in.readNBytes(plane, 0, plane.length);
        if (n < plane.length) {
            int frameBytes = Frame.i420Size(format.width(), format.height());
            throw fail("truncated frame " + framesRead + ": " + (offsetInFrame + n) + " of " + frameBytes
                    + " bytes");
        }
    }

    private MediaFormatException fail(String problem) {
        return new MediaFormatException(source + ": " + problem);
    }

    private static String printable(String s) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < s.length() && i < 16; i++) {
            char c = s.charAt(i);
            out.append(c >= 32 && c < 127 ? c : '?');
        }
        return out.toString();
    }
}
