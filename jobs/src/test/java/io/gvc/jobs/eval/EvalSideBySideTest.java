package io.gvc.jobs.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gvc.codec.frame.Frame;
import io.gvc.jobs.report.SideBySide;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The public side-by-side helper the report and the live demo share. */
class EvalSideBySideTest {

    @Test
    void panelsSitNextToEachOtherUnderTheirLabels(@TempDir Path dir) throws Exception {
        Frame white = EvalInterpTest.flat(40, 30, 235, 128, 128);
        Frame black = EvalInterpTest.flat(20, 16, 16, 128, 128);
        Frame red = EvalInterpTest.flat(24, 24, 81, 90, 240); // BT.601 limited-range red
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
    void needsOneLabelPerPanel(@TempDir Path dir) {
        Frame f = EvalInterpTest.flat(8, 8, 100, 128, 128);
        assertThrows(IllegalArgumentException.class,
                () -> SideBySide.write(dir.resolve("x.png"), List.of(f, f), List.of("one")));
        assertThrows(IllegalArgumentException.class, () -> SideBySide.write(dir.resolve("x.png"), List.of(), List.of()));
    }
}
