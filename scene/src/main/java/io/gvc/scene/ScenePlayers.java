package io.gvc.scene;

import static io.gvc.scene.RgbCanvas.rgb;



/**
 * The moving objects of one frame: players of both teams and the referee (ellipses for body,
 * shorts, legs and head, each with its own path and speed, legs cycling as they run), and the
 * bouncing ball with its shadow. Drawn far to near so nearer ones overlap farther ones.
 */
final class ScenePlayers {

    private static final int SHADOW = rgb(0, 0, 0);
    private static final int REF_SHIRT = rgb(240, 140, 40);
    private static final int REF_SHORTS = rgb(25, 25, 25);
    private static final int SOCKS = rgb(235, 235, 235);
    private static final int[] SKIN = {rgb(236, 192, 160), rgb(196, 144, 108), rgb(120, 84, 60)};
    private static final int BALL = rgb(250, 250, 250);

    private ScenePlayers() {
    }

    static void paint(RgbCanvas c, SceneView v) {
        SceneParams p = v.params;
        int n = SceneParams.PLAYERS;
        double t = v.index;
        double[] gx = new double[n + 1];
        double[] foot = new double[n + 1];
        for (int i = 0; i < n; i++) {
            gx[i] = v.unit * (p.gx0[i] + p.ax[i] * SceneView.sin(2 * Math.PI * t / p.px[i] + p.phx[i]));
            double f = p.yf0[i] + p.ay[i] * SceneView.sin(2 * Math.PI * t / p.py[i] + p.phy[i]);
            foot[i] = v.pitchRow(Math.max(0.08, Math.min(0.97, f)));
        }
        double[] b = p.ball;
        gx[n] = v.unit * (b[0] * SceneView.sin(2 * Math.PI * t / b[1] + b[4])
                + b[2] * SceneView.sin(2 * Math.PI * t / b[3]));
        foot[n] = v.pitchRow(0.5 + 0.32 * SceneView.sin(2 * Math.PI * t / b[5] + b[6]));

        // far to near: a tiny insertion sort on foot row, ties by index (deterministic)
        int[] order = new int[n + 1];
        for (int i = 0; i <= n; i++) {
            int j = i;
            while (j > 0 && foot[order[j - 1]] > foot[i]) {
                order[j] = order[j - 1];
                j--;
            }
            order[j] = i;
        }
        for (int k = 0; k <= n; k++) {
            int i = order[k];
            if (i == n) {
                ball(c, v, gx[n], foot[n], t, b[7]);
            } else {
                player(c, v, i, gx[i], foot[i], t);
            }
        }
    }

    private static void player(RgbCanvas c, SceneView v, int i, double gx, double foot, double t) {
        SceneParams p = v.params;
        double s = 1.3 * v.unit * v.depth(foot);   // players a little larger than life: readable at 144 lines
        double x = v.screenX(gx, foot);
        if (x < -12 * s || x > v.width + 12 * s) {
            return;
        }
        int team = SceneParams.teamOf(i);
        int shirt = team == SceneParams.REFEREE ? REF_SHIRT : team == 0 ? p.home.shirt() : p.away.shirt();
        int shorts = team == SceneParams.REFEREE ? REF_SHORTS : team == 0 ? p.home.shorts() : p.away.shorts();
        double stride = SceneView.sin(2 * Math.PI * t / p.runPeriod[i]);

        c.fillEllipse(x, foot, 3.4 * s, 1.0 * s, SHADOW, 0.35);
        c.fillEllipse(x - (0.9 + 0.7 * stride) * s, foot - 2.0 * s, 0.65 * s, 2.1 * s, SOCKS, 1);
        c.fillEllipse(x + (0.9 + 0.7 * stride) * s, foot - 2.0 * s, 0.65 * s, 2.1 * s, SOCKS, 1);
        c.fillEllipse(x, foot - 4.6 * s, 2.0 * s, 1.5 * s, shorts, 1);
        c.fillEllipse(x, foot - 7.6 * s, 2.3 * s, 2.9 * s, shirt, 1);
        c.fillEllipse(x, foot - 11.4 * s, 1.25 * s, 1.35 * s, SKIN[i % SKIN.length], 1);
    }

    private static void ball(RgbCanvas c, SceneView v, double gx, double foot, double t, double bouncePeriod) {
        double s = v.unit * v.depth(foot);
        double x = v.screenX(gx, foot);
        double lift = 7 * s * Math.abs(SceneView.sin(Math.PI * t / bouncePeriod));
        c.fillEllipse(x, foot, 1.4 * s, 0.5 * s, SHADOW, 0.4);
        c.fillEllipse(x, foot - 1.1 * s - lift, 1.1 * s, 1.1 * s, BALL, 1);
    }
}
