package io.gvc.scene;



/**
 * A 3x5 pixel font for the synthetic scene's captions (score, clock, team names): enough letters to
 * look like a broadcast graphic at 176x144, drawn with integer scale so the text stays crisp and
 * perfectly still, as a real broadcast overlay is.
 */
final class TinyFont {

    static final int GLYPH_W = 3;
    static final int GLYPH_H = 5;
    /** Horizontal step per character, in font pixels (one pixel gap). */
    static final int ADVANCE = 4;

    /** 15-bit masks, bit 14 = top-left, row-major; 0 = blank. */
    private static final int[] GLYPHS = new int[128];

    static {
        def('0', "###", "#.#", "#.#", "#.#", "###");
        def('1', ".#.", "##.", ".#.", ".#.", "###");
        def('2', "###", "..#", "###", "#..", "###");
        def('3', "###", "..#", "###", "..#", "###");
        def('4', "#.#", "#.#", "###", "..#", "..#");
        def('5', "###", "#..", "###", "..#", "###");
        def('6', "###", "#..", "###", "#.#", "###");
        def('7', "###", "..#", "..#", ".#.", ".#.");
        def('8', "###", "#.#", "###", "#.#", "###");
        def('9', "###", "#.#", "###", "..#", "###");
        def(':', "...", ".#.", "...", ".#.", "...");
        def('-', "...", "...", "###", "...", "...");
        def('A', ".#.", "#.#", "###", "#.#", "#.#");
        def('B', "##.", "#.#", "##.", "#.#", "##.");
        def('C', ".##", "#..", "#..", "#..", ".##");
        def('D', "##.", "#.#", "#.#", "#.#", "##.");
        def('E', "###", "#..", "##.", "#..", "###");
        def('G', ".##", "#..", "#.#", "#.#", ".##");
        def('H', "#.#", "#.#", "###", "#.#", "#.#");
        def('I', "###", ".#.", ".#.", ".#.", "###");
        def('K', "#.#", "#.#", "##.", "#.#", "#.#");
        def('L', "#..", "#..", "#..", "#..", "###");
        def('N', "##.", "#.#", "#.#", "#.#", "#.#");
        def('O', ".#.", "#.#", "#.#", "#.#", ".#.");
        def('R', "##.", "#.#", "##.", "#.#", "#.#");
        def('S', ".##", "#..", ".#.", "..#", "##.");
        def('T', "###", ".#.", ".#.", ".#.", ".#.");
        def('U', "#.#", "#.#", "#.#", "#.#", "###");
        def('V', "#.#", "#.#", "#.#", "#.#", ".#.");
        def('W', "#.#", "#.#", "#.#", "###", "#.#");
        def('Y', "#.#", "#.#", ".#.", ".#.", ".#.");
    }

    private TinyFont() {
    }

    private static void def(char c, String... rows) {
        int m = 0;
        for (String row : rows) {
            for (int i = 0; i < GLYPH_W; i++) {
                m = (m << 1) | (row.charAt(i) == '#' ? 1 : 0);
            }
        }
        GLYPHS[c] = m;
    }

    static int glyph(char c) {
        return c < GLYPHS.length ? GLYPHS[c] : 0;
    }

    /** Width in pixels of {@code text} at {@code scale}, without the trailing gap. */
    static int width(String text, int scale) {
        return text.isEmpty() ? 0 : (text.length() * ADVANCE - 1) * scale;
    }

    /** Draws {@code text} with its top-left corner at (x, y). */
    static void draw(RgbCanvas canvas, String text, int x, int y, int scale, int colour) {
        for (int i = 0; i < text.length(); i++) {
            drawMask(canvas, glyph(text.charAt(i)), x + i * ADVANCE * scale, y, scale, colour, 1.0);
        }
    }

    /** Draws a 3x5 mask (bit 14 top-left), e.g. a made-up glyph for advertising "text". */
    static void drawMask(RgbCanvas canvas, int mask, int x, int y, int scale, int colour, double alpha) {
        for (int row = 0; row < GLYPH_H; row++) {
            for (int col = 0; col < GLYPH_W; col++) {
                if ((mask >> (14 - row * GLYPH_W - col) & 1) != 0) {
                    canvas.fillRect(x + col * scale, y + row * scale, x + (col + 1) * scale, y + (row + 1) * scale,
                            colour, alpha);
                }
            }
        }
    }
}
