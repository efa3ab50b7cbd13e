package io.gvc.scene;

import io.gvc.codec.prng.Philox4x32;

/**
 * Everything about a synthetic scene that depends on its seed and not on the frame: teams, score,
 * camera pan, each player's path, the ball's path and the texture key. Drawn from the project's
 * counter-based generator (Philox4x32), so a seed means the same scene on every JVM, and a single
 * frame can be rendered without rendering the ones before it.
 */
final class SceneParams {

    /** Players per team; plus one referee. */
    static final int PER_TEAM = 5;
    static final int PLAYERS = 2 * PER_TEAM + 1;
    static final int REFEREE = 2;

    /** Shirt colour, shorts colour and the three-letter name shown in the score box. */
    record Team(String name, int shirt, int shorts) {
    }

    static final Team[] TEAMS = {
        new Team("RED", RgbCanvas.rgb(205, 35, 40), RgbCanvas.rgb(240, 240, 240)),
        new Team("BLU", RgbCanvas.rgb(35, 70, 195), RgbCanvas.rgb(240, 240, 240)),
        new Team("YEL", RgbCanvas.rgb(240, 205, 40), RgbCanvas.rgb(30, 60, 140)),
        new Team("WHT", RgbCanvas.rgb(238, 238, 238), RgbCanvas.rgb(25, 25, 30)),
        new Team("SKY", RgbCanvas.rgb(115, 180, 235), RgbCanvas.rgb(245, 245, 245)),
        new Team("BLK", RgbCanvas.rgb(30, 30, 35), RgbCanvas.rgb(205, 35, 40)),
    };

    /** Key for the texture hash (crowd, boards, grass, clouds). */
    final int salt;
    final Team home;
    final Team away;
    final int homeGoals;
    final int awayGoals;
    /** Match clock at frame 0, in seconds. */
    final int kickoffSeconds;

    /** Camera pan: amplitude in design pixels, period in frames, phase in radians. */
    final double panAmplitude;
    final double panPeriod;
    final double panPhase;

    // Player paths, one entry per player: ground x = gx0 + ax sin(2 pi t / px + phx) (design pixels),
    // depth fraction = yf0 + ay sin(2 pi t / py + phy) of the pitch height; legs cycle every runPeriod frames.
    final double[] gx0 = new double[PLAYERS];
    final double[] ax = new double[PLAYERS];
    final double[] px = new double[PLAYERS];
    final double[] phx = new double[PLAYERS];
    final double[] yf0 = new double[PLAYERS];
    final double[] ay = new double[PLAYERS];
    final double[] py = new double[PLAYERS];
    final double[] phy = new double[PLAYERS];
    final double[] runPeriod = new double[PLAYERS];

    /** Ball path: two sines in x, one in depth, and a bounce. */
    final double[] ball = new double[8];

    private SceneParams(long seed) {
        Draws r = new Draws(seed);
        salt = r.nextInt();
        int h = r.below(TEAMS.length);
        int a = (h + 1 + r.below(TEAMS.length - 1)) % TEAMS.length;
        home = TEAMS[h];
        away = TEAMS[a];
        homeGoals = r.below(4);
        awayGoals = r.below(4);
        kickoffSeconds = 60 * (5 + r.below(80)) + r.below(60);
        panAmplitude = r.range(70, 120);
        panPeriod = r.range(500, 800);
        panPhase = r.range(0, 2 * Math.PI);
        for (int i = 0; i < PLAYERS; i++) {
            gx0[i] = r.range(-140, 140);
            ax[i] = r.range(10, 60);
            px[i] = r.range(140, 520);
            phx[i] = r.range(0, 2 * Math.PI);
            yf0[i] = r.range(0.2, 0.85);
            ay[i] = r.range(0.03, 0.15);
            py[i] = r.range(160, 600);
            phy[i] = r.range(0, 2 * Math.PI);
            runPeriod[i] = r.range(9, 15);
        }
        ball[0] = r.range(60, 100);   // slow swing amplitude
        ball[1] = r.range(240, 320);  // its period
        ball[2] = r.range(15, 35);    // quick passes
        ball[3] = r.range(60, 110);   // their period
        ball[4] = r.range(0, 2 * Math.PI);
        ball[5] = r.range(140, 220);  // depth period
        ball[6] = r.range(0, 2 * Math.PI);
        ball[7] = r.range(28, 44);    // bounce period
    }

    static SceneParams of(long seed) {
        return new SceneParams(seed);
    }

    /** int team of player i: 0 home, 1 away, 2 referee. */
    static int teamOf(int player) {
        return player == PLAYERS - 1 ? REFEREE : player % 2;
    }

    /** Uniform draws from consecutive Philox4x32 blocks. */
    private static final class Draws {
        private final Philox4x32 philox;
        private final int[] block = new int[4];
        private int counter;
        private int used = 4;

        Draws(long seed) {
            philox = Philox4x32.forSeed(seed);
        }

        int nextInt() {
            if (used == 4) {
                // a fixed second counter word keeps these draws apart from any other use of the seed
                philox.block(counter++, 0x5CE7E, 0, 0, block);
                used = 0;
            }
            return block[used++];
        }

        /** Uniform in [0, 1), 24 bits. */
        double next() {
            return (nextInt() >>> 8) / (double) (1 << 24);
        }

        double range(double lo, double hi) {
            return lo + (hi - lo) * next();
        }

        int below(int n) {
            return (int) (next() * n);
        }
    }
}
