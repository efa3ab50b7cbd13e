package io.gvc.media;

import static io.gvc.media.TestFrames.flat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gvc.codec.frame.Frame;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The public side-by-side helper the report and the live demo share. */
class SideBySideTest {

    @Test
    void panelsSitNextToEachOtherUnderTheirLabels(@TempDir Path dir) throws Exception {
        Frame white = flat(40, 30, 235, 128, 128);
        Frame black = flat(20, 16, 16, 128, 128);
        Frame red = flat(24, 24, 81, 90, 240); // BT.601 limited-range red
        Path png = dir.resolve("sub/side.png");
        SideBySide.write(png, List.of(white, black, red), List.of("source", "a much longer label that wraps", "x265"));
        BufferedImage img = ImageIO.read(png.toFile());
        assertEquals(4 + 40 + 4 + 20 + 4 + 24 + 4, img.getWidth());
        int top = img.getHeight() - 4 - 30; // panels are top-aligned under the label strip
        assertTrue(top > 4 + 13, "room for the labels");
        assertEquals(0xFFFFFF, img.getRGB(4 + 10, top + 10) & 0xFFFFFF);
        assertEquals(0x000000, img.getRGB(4 + 40 + 4 + 5, top + 5) & 0xFFFFFF);
        int rgb = img.getRGB(4 + 40 + 4 + 20 + 4 + 5, top + 5);
        assertTrue(((rgb >> 16) & 0xFF) > 240 && ((rgb >> 8) & 0xFF) < 15 && (rgb & 0xFF) < 15,
                Integer.toHexString(rgb));
    }

    @Test
    void longLabelsWrapAtSpacesWithinThePanelWidth() {
        java.awt.image.BufferedImage probe = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
        java.awt.FontMetrics fm = probe.createGraphics().getFontMetrics(new java.awt.Font(java.awt.Font.SANS_SERIF,
                java.awt.Font.PLAIN, 13));
        List<String> lines = SideBySide.wrap("a much longer label that wraps", fm, fm.stringWidth("a much longer"));
        assertEquals("a much longer label that wraps", String.join(" ", lines), "no word lost");
        assertTrue(lines.size() >= 2, lines.toString());
        for (String l : lines) {
            assertTrue(fm.stringWidth(l) <= fm.stringWidth("a much longer") || !l.contains(" "), l);
        }
        assertEquals(List.of("unbreakable_word_wider_than_the_panel"),
                SideBySide.wrap("unbreakable_word_wider_than_the_panel", fm, 5), "a lone word stays whole");
    }

    @Test
    void needsOneLabelPerPanel(@TempDir Path dir) {
        Frame f = flat(8, 8, 100, 128, 128);
        assertThrows(IllegalArgumentException.class,
                () -> SideBySide.write(dir.resolve("x.png"), List.of(f, f), List.of("one")));
        assertThrows(IllegalArgumentException.class, () -> SideBySide.write(dir.resolve("x.png"), List.of(), List.of()));
    }
}
