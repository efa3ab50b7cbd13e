package io.gvc.model;

import io.gvc.codec.frame.Frame;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Test helpers: where ../shared is, and a tiny y4m reader (independent of the codec's). */
public final class TestSupport {

    private TestSupport() {
    }

    /** ../shared as the parent pom passes it (gvc.shared), else ../../shared from the module; null if absent. */
    public static Path shared() {
        String p = System.getProperty("gvc.shared");
        Path dir = p != null && !p.isBlank() ? Path.of(p) : Path.of("..", "..", "shared");
        if (!Files.isDirectory(dir)) {
            dir = Path.of("..", "shared");
        }
        return Files.isDirectory(dir) ? dir.toAbsolutePath().normalize() : null;
    }

    /** Frame {@code index} of an 8-bit 4:2:0 y4m file. */
    public static Frame y4mFrame(Path file, int index) throws IOException {
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
             DataInputStream in = new DataInputStream(raw)) {
            String header = line(in);
            int w = 0, h = 0;
            for (String tok : header.split(" ")) {
                if (tok.startsWith("W")) {
                    w = Integer.parseInt(tok.substring(1));
                } else if (tok.startsWith("H")) {
                    h = Integer.parseInt(tok.substring(1));
                } else if (tok.startsWith("C") && !tok.startsWith("C420")) {
                    throw new IOException("only 4:2:0 y4m: " + tok);
                }
            }
            byte[] buf = new byte[Frame.i420Size(w, h)];
            for (int f = 0; f <= index; f++) {
                String fl = line(in);
                if (!fl.startsWith("FRAME")) {
                    throw new IOException("expected FRAME, got " + fl);
                }
                in.readFully(buf);
            }
            return Frame.fromI420(buf, 0, w, h);
        }
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder sb = new StringBuilder();
        int c;
        while ((c = in.read()) >= 0 && c != '\n') {
            sb.append((char) c);
        }
        if (c < 0 && sb.length() == 0) {
            throw new IOException("unexpected end of file");
        }
        return new String(sb.toString().getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.US_ASCII);
    }
}
