package io.gvc.scene;

import static io.gvc.scene.RgbCanvas.mix;
import static io.gvc.scene.RgbCanvas.offset;
import static io.gvc.scene.RgbCanvas.rgb;
import static io.gvc.scene.RgbCanvas.scale;



/**
 * The static world behind the players, painted for one frame: sky with drifting clouds, a stand
 * full of spectators (a dense, high-detail texture, as a real crowd is for a codec), advertising
 * boards, and a striped pitch with its lines, all shifted by the camera pan.
 *
 * <p>Textures follow world coordinates, so the pan moves them as a whole; fine textures are sampled
 * twice per pixel horizontally (the pan is horizontal), which keeps sub-pixel motion from
 * shimmering.
 */
final class SceneBackground {

    private static final int SKY_TOP = rgb(92, 146, 220);
    private static final int SKY_LOW = rgb(178, 206, 238);
    private static final int CLOUD = rgb(246, 248, 252);
    private static final int ROOF = rgb(52, 54, 60);
    private static final int SEAT = rgb(40, 58, 105);
    private static final int STEP = rgb(88, 88, 92);
    private static final int[] SKIN = {rgb(236, 192, 160), rgb(196, 144, 108), rgb(120, 84, 60)};
    private static final int[] CROWD = {rgb(205, 40, 45), rgb(235, 235, 235), rgb(35, 70, 190), rgb(240, 200, 40),
        rgb(30, 30, 35), rgb(120, 120, 130), rgb(60, 130, 70), rgb(230, 120, 40), rgb(150, 40, 120)};
    private static final int[] BOARDS = {rgb(200, 20, 30), rgb(20, 60, 170), rgb(250, 200, 0), rgb(20, 20, 20),
        rgb(0, 140, 90), rgb(240, 240, 240), rgb(120, 0, 140)};
    private static final int GRASS_LIGHT = rgb(84, 156, 62);
    private static final int GRASS_DARK = rgb(64, 132, 50);
    private static final int HAZE = rgb(150, 175, 150);
    private static final int LINE = rgb(240, 244, 240);

    private SceneBackground() {
    }

    static void paint(RgbCanvas c, SceneView v) {
        for (int y = 0; y < v.height; y++) {
            if (y < v.skyEnd) {
                skyRow(c, v, y);
            } else if (y < v.standsEnd) {
                standsRow(c, v, y);
            } else if (y < v.pitchTop) {
                boardsRow(c, v, y);
            } else {
                pitchRow(c, v, y);
            }
        }
        pitchLines(c, v);
    }

    private static void skyRow(RgbCanvas c, SceneView v, int y) {
        double u = v.unit;
        int base = mix(SKY_TOP, SKY_LOW, (y + 0.5) / Math.max(1, v.skyEnd));
        // clouds are far away and drift with the wind: half the pan plus a slow drift
        double shift = 0.5 * v.camX + 0.04 * u * v.index;
        for (int x = 0; x < v.width; x++) {
            double n = SceneNoise.value((x + 0.5 + shift) / (22 * u), (y + 0.5) / (5 * u), v.params.salt ^ 0x51);
            c.set(x, y, n > 0.55 ? mix(base, CLOUD, Math.min(1, (n - 0.55) * 2.2)) : base);
        }
    }

    private static void standsRow(RgbCanvas c, SceneView v, int y) {
        double u = v.unit;
        double r = y + 0.5 - v.skyEnd;                    // row inside the stand
        if (r < 2 * u) {                                   // roof edge and its shadow
            for (int x = 0; x < v.width; x++) {
                c.set(x, y, ROOF);
            }
            return;
        }
        double tier = 6 * u, cellW = 2.4 * u, cellH = tier / 2;
        double inTier = (r - 2 * u) % tier;
        boolean step = inTier >= tier - Math.max(1, 0.7 * u);   // concrete step at each tier's foot
        int row = (int) Math.floor((r - 2 * u) / cellH);
        double fy = ((r - 2 * u) / cellH) - row;
        // the roof shades the upper rows
        double light = 0.62 + 0.38 * (r / Math.max(1, v.standsEnd - v.skyEnd));
        for (int x = 0; x < v.width; x++) {
            int col;
            if (step) {
                col = STEP;
            } else {
                int a = spectator(v, (x + 0.25 + v.camX) / cellW, row, fy);
                int b = spectator(v, (x + 0.75 + v.camX) / cellW, row, fy);
                col = mix(a, b, 0.5);
            }
            c.set(x, y, scale(col, light));
        }
    }

    /** The colour of a spectator's cell at (wx in cells, row), fy the height inside the cell (0 top). */
    private static int spectator(SceneView v, double wx, int row, double fy) {
        int col = (int) Math.floor(wx);
        double fx = wx - col;
        int h = SceneNoise.hash(col, row, v.params.salt);
        if ((h & 15) == 0) {
            return SEAT;                                   // an empty seat
        }
        if (((h >>> 24) & 31) == 0) {
            // a few spectators jump up and down: the crowd is never quite still
            double jump = SceneView.sin(2 * Math.PI * v.index / 18.0 + (h & 255));
            fy += jump > 0 ? 0.3 * jump : 0;
        }
        if (fy < 0.45) {
            return Math.abs(fx - 0.5) < 0.27 && fy > 0.05 ? SKIN[((h >>> 4) & 0x7fff) % SKIN.length] : SEAT;
        }
        int shirt = CROWD[((h >>> 8) & 0x7fff) % CROWD.length];
        return scale(shirt, 0.8 + 0.4 * (((h >>> 16) & 255) / 255.0));
    }

    private static void boardsRow(RgbCanvas c, SceneView v, int y) {
        double u = v.unit;
        int boardH = v.pitchTop - v.standsEnd;
        int k = Math.max(1, (int) Math.round(boardH / 7.0));  // text scale: five rows of glyph in the middle
        int textTop = v.standsEnd + (boardH - TinyFont.GLYPH_H * k) / 2;
        int textRow = y - textTop;
        double boardW = 48 * u;
        for (int x = 0; x < v.width; x++) {
            int a = boardPixel(v, x + 0.25 + v.camX, boardW, k, textRow);
            int b = boardPixel(v, x + 0.75 + v.camX, boardW, k, textRow);
            c.set(x, y, mix(a, b, 0.5));
        }
    }

    /** One sample of the boards at world x; the "text" is made-up glyphs, one board per brand. */
    private static int boardPixel(SceneView v, double wx, double boardW, int k, int textRow) {
        int board = (int) Math.floor(wx / boardW);
        double inBoard = wx - board * boardW;
        int h = SceneNoise.hash(board, 0x7B0A, v.params.salt);
        int bg = BOARDS[(h & 0x7fff) % BOARDS.length];
        if (inBoard < Math.max(1, 0.6 * v.unit)) {
            return rgb(15, 15, 15);                        // gap between boards
        }
        int ink = ((bg >> 8) & 255) > 150 ? rgb(20, 20, 20) : rgb(245, 245, 245);
        if (textRow < 0 || textRow >= TinyFont.GLYPH_H * k) {
            return bg;
        }
        int cellW = TinyFont.ADVANCE * k;
        int letter = (int) Math.floor(inBoard / cellW) - 1;
        int letters = (int) (boardW / cellW) - 2;
        if (letter < 0 || letter >= letters) {
            return bg;
        }
        int gx = (int) Math.floor(inBoard - (letter + 1) * cellW) / k;
        if (gx >= TinyFont.GLYPH_W) {
            return bg;
        }
        int gy = textRow / k;
        int mask = SceneNoise.hash(board, letter, v.params.salt ^ 0x7E47) & 0x7fff;
        return (mask >> (14 - gy * TinyFont.GLYPH_W - gx) & 1) != 0 ? ink : bg;
    }

    private static void pitchRow(RgbCanvas c, SceneView v, int y) {
        double u = v.unit;
        double d = v.depth(y + 0.5);
        double stripeW = 18 * u;
        double far = 1 - (y + 0.5 - v.pitchTop) / Math.max(1, v.height - v.pitchTop);
        for (int x = 0; x < v.width; x++) {
            double gx = v.groundX(x, y);
            double s = gx / stripeW;
            double fs = Math.floor(s);
            double f = s - fs;
            boolean light = (((long) fs) & 1) == 0;
            int own = light ? GRASS_LIGHT : GRASS_DARK, other = light ? GRASS_DARK : GRASS_LIGHT;
            // anti-aliased mowing edge: distance to the nearest stripe edge, in pixels
            double edge = Math.min(f, 1 - f) * stripeW * d;
            int col = mix(other, own, 0.5 + Math.min(edge, 0.5));
            double n = SceneNoise.value(gx / (2.5 * u), (y + 0.5) / (2 * u), v.params.salt ^ 0x6A55);
            col = offset(col, (int) Math.round((n - 0.5) * 14));
            c.set(x, y, mix(col, HAZE, 0.25 * far * far));
        }
    }

    /** Far touchline, halfway line, centre circle: white, anti-aliased, width growing with depth. */
    private static void pitchLines(RgbCanvas c, SceneView v) {
        double u = v.unit;
        double touch = v.pitchTop + 1.5 * u, half = 0.45 * u;
        for (int y = v.pitchTop; y < v.height; y++) {
            double cover = RgbCanvas.coverage(Math.abs(y + 0.5 - touch) - half);
            if (cover > 0) {
                for (int x = 0; x < v.width; x++) {
                    c.blend(x, y, LINE, 0.9 * cover);
                }
            }
            // the halfway line is the ground line gx = 0: vertical on screen, wider near the camera
            if (y + 0.5 >= touch) {
                double cx = v.screenX(0, y + 0.5), hw = 0.5 * u * v.depth(y + 0.5);
                int x0 = Math.max(0, (int) Math.floor(cx - hw - 1)), x1 = Math.min(v.width - 1, (int) Math.ceil(cx + hw + 1));
                for (int x = x0; x <= x1; x++) {
                    c.blend(x, y, LINE, 0.9 * RgbCanvas.coverage(Math.abs(x + 0.5 - cx) - hw));
                }
            }
        }
        double cy = v.pitchRow(0.5);
        double d = v.depth(cy);
        c.strokeEllipse(v.screenX(0, cy), cy, 32 * u * d, 11 * u * d, Math.max(0.8, 0.9 * u * d), LINE, 0.9);
    }
}
