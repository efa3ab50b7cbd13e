package io.gvc.scene;

import static io.gvc.scene.RgbCanvas.rgb;

import java.util.Locale;

/**
 * The broadcast graphics that stay put while the camera pans: a score box top left (team colours,
 * names, score, a running match clock) and a "LIVE" bug top right. Integer positions and scale, no
 * anti-aliasing: a real overlay is pixel-exact and identical from frame to frame, except the clock.
 */
final class ScoreBug {

    private static final int BOX = rgb(18, 26, 64);
    private static final int CLOCK_BOX = rgb(8, 10, 24);
    private static final int INK = rgb(250, 250, 250);
    private static final int LIVE = rgb(210, 20, 30);

    private ScoreBug() {
    }

    static void paint(RgbCanvas c, SceneView v) {
        SceneParams p = v.params;
        int k = Math.max(1, (int) Math.round(v.unit));       // font pixel size
        int pad = k, x0 = 3 * k, y0 = 3 * k;
        int h = TinyFont.GLYPH_H * k + 2 * pad;
        String home = p.home.name(), away = p.away.name();
        String score = p.homeGoals + "-" + p.awayGoals;
        int seconds = p.kickoffSeconds + v.index / SyntheticScene.SCENE_FPS;
        String clock = String.format(Locale.ROOT, "%02d:%02d", (seconds / 60) % 100, seconds % 60);

        int chip = 2 * k;
        int x = x0;
        int wMain = chip + pad + TinyFont.width(home, k) + 3 * k + TinyFont.width(score, k) + 3 * k
                + TinyFont.width(away, k) + pad + chip;
        c.fillRect(x0, y0, x0 + wMain, y0 + h, BOX, 0.88);
        c.fillRect(x, y0, x + chip, y0 + h, p.home.shirt(), 1);
        x += chip + pad;
        TinyFont.draw(c, home, x, y0 + pad, k, INK);
        x += TinyFont.width(home, k) + 3 * k;
        TinyFont.draw(c, score, x, y0 + pad, k, INK);
        x += TinyFont.width(score, k) + 3 * k;
        TinyFont.draw(c, away, x, y0 + pad, k, INK);
        x += TinyFont.width(away, k) + pad;
        c.fillRect(x, y0, x + chip, y0 + h, p.away.shirt(), 1);
        x += chip;
        int wClock = TinyFont.width(clock, k) + 2 * pad;
        c.fillRect(x, y0, x + wClock, y0 + h, CLOCK_BOX, 0.9);
        TinyFont.draw(c, clock, x + pad, y0 + pad, k, INK);

        String live = "LIVE";
        int wLive = TinyFont.width(live, k) + 2 * pad;
        int lx = v.width - 3 * k - wLive;
        if (lx > x + 2 * k) {                                 // skip it when the picture is too narrow
            c.fillRect(lx, y0, lx + wLive, y0 + h, LIVE, 0.85);
            TinyFont.draw(c, live, lx + pad, y0 + pad, k, INK);
        }
    }
}
