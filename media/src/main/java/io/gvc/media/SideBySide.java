package io.gvc.media;

import io.gvc.codec.frame.Frame;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * Pictures next to each other in one PNG, each under its label: "source | GVC | x265" in the
 * evaluation report and the live demo.
 *
 * <p>Frames are YUV 4:2:0 and shown with the BT.601 limited-range ("TV range") matrix, the range the
 * test clips and x264/x265 outputs use; the chroma sample of each 2x2 block is reused for its four
 * pixels (nearest neighbour: what the samples say, no smoothing). Panels may differ in size; they are
 * top-aligned on a dark background. Labels wider than their panel wrap at spaces.
 */
public final class SideBySide {

    /** Space between panels and around the picture, in pixels. */
    static final int GAP = 4;
    private static final Color BACKGROUND = new Color(32, 32, 32);

    private SideBySide() {
    }

    /**
     * Writes {@code panels} left to right into {@code png}, {@code labels.get(i)} drawn above panel i.
     *
     * @throws IllegalArgumentException when there are no panels or the label count differs
     * @throws UncheckedIOException     when the file cannot be written (unchecked, so that callers such
     *                                  as the live demo's operators need no throws clause)
     */
    public static void write(Path png, List<Frame> panels, List<String> labels) {
        BufferedImage image = render(panels, labels);
        try {
            Path parent = png.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            if (!ImageIO.write(image, "png", png.toFile())) {
                throw new IOException("no PNG writer in this Java runtime");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(png + ": " + e.getMessage(), e);
        }
    }

    /** The composed picture, as {@link #write} saves it. */
    static BufferedImage render(List<Frame> panels, List<String> labels) {
        if (panels.isEmpty() || panels.size() != labels.size()) {
            throw new IllegalArgumentException("need one label per panel and at least one panel, got "
                    + panels.size() + " panels and " + labels.size() + " labels");
        }
        // headless: the report is made on servers without a display
        System.setProperty("java.awt.headless", "true");
        Font font = new Font(Font.SANS_SERIF, Font.PLAIN, 13);
        int width = GAP, height = 0;
        for (Frame f : panels) {
            width += f.width() + GAP;
            height = Math.max(height, f.height());
        }
        BufferedImage probe = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
        Graphics2D pg = probe.createGraphics();
        FontMetrics fm = pg.getFontMetrics(font);
        pg.dispose();
        List<List<String>> lines = new ArrayList<>();
        int maxLines = 1;
        for (int i = 0; i < panels.size(); i++) {
            lines.add(wrap(labels.get(i), fm, panels.get(i).width()));
            maxLines = Math.max(maxLines, lines.get(i).size());
        }
        int labelHeight = maxLines * fm.getHeight() + GAP;
        BufferedImage image = new BufferedImage(width, GAP + labelHeight + height + GAP, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setColor(BACKGROUND);
            g.fillRect(0, 0, image.getWidth(), image.getHeight());
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setFont(font);
            g.setColor(Color.WHITE);
            int x = GAP;
            for (int i = 0; i < panels.size(); i++) {
                Frame f = panels.get(i);
                // a word longer than its panel is cut at the panel's edge rather than run into the next
                Graphics2D clip = (Graphics2D) g.create(x, GAP, f.width(), labelHeight);
                for (int l = 0; l < lines.get(i).size(); l++) {
                    clip.drawString(lines.get(i).get(l), 0, fm.getAscent() + l * fm.getHeight());
                }
                clip.dispose();
                image.setRGB(x, GAP + labelHeight, f.width(), f.height(), toRgb(f), 0, f.width());
                x += f.width() + GAP;
            }
        } finally {
            g.dispose();
        }
        return image;
    }

    /** Splits a label at spaces into lines no wider than {@code width} where the words allow. */
    static List<String> wrap(String label, FontMetrics fm, int width) {
        List<String> out = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : label.split(" ")) {
            String candidate = line.length() == 0 ? word : line + " " + word;
            if (line.length() > 0 && fm.stringWidth(candidate) > width) {
                out.add(line.toString());
                line = new StringBuilder(word);
            } else {
                line = new StringBuilder(candidate);
            }
        }
        out.add(line.toString());
        return out;
    }

    /** Packed 0xRRGGBB pixels of a frame, BT.601 limited range. */
    static int[] toRgb(Frame f) {
        int w = f.width(), h = f.height(), cw = f.chromaWidth();
        byte[] ys = f.y(), us = f.u(), vs = f.v();
        int[] out = new int[w * h];
        for (int r = 0; r < h; r++) {
            for (int c = 0; c < w; c++) {
                int ci = (r >> 1) * cw + (c >> 1);
                double y = 1.164383 * ((ys[r * w + c] & 0xFF) - 16);
                double u = (us[ci] & 0xFF) - 128;
                double v = (vs[ci] & 0xFF) - 128;
                int red = clamp(y + 1.596027 * v);
                int green = clamp(y - 0.391762 * u - 0.812968 * v);
                int blue = clamp(y + 2.017232 * u);
                out[r * w + c] = (red << 16) | (green << 8) | blue;
            }
        }
        return out;
    }

    private static int clamp(double x) {
        long r = Math.round(x);
        return (int) Math.max(0, Math.min(255, r));
    }
}
