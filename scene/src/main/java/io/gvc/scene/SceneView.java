package io.gvc.scene;



/**
 * Where things are in one frame of the synthetic scene: the layout of sky, stands, advertising
 * boards and pitch for this picture size, the camera pan at this frame, and the pitch's fake
 * perspective. Everything is designed at 144 lines and scaled by {@link #unit}, so a larger picture
 * shows the same scene with more detail rather than a wider view.
 */
final class SceneView {

    static final double DESIGN_HEIGHT = 144;

    final int width;
    final int height;
    final int index;
    final SceneParams params;
    /** Pixels per design pixel. */
    final double unit;
    /** Camera pan, pixels: the whole world shifts left by this much. */
    final double camX;
    final int skyEnd;
    final int standsEnd;
    /** First row of the pitch (the boards end here). */
    final int pitchTop;

    SceneView(int width, int height, int index, SceneParams params) {
        this.width = width;
        this.height = height;
        this.index = index;
        this.params = params;
        this.unit = height / DESIGN_HEIGHT;
        // StrictMath: bit-identical on every JVM and CPU, unlike Math.sin's intrinsics
        this.camX = unit * params.panAmplitude
                * StrictMath.sin(2 * StrictMath.PI * index / params.panPeriod + params.panPhase);
        this.skyEnd = (int) Math.round(0.10 * height);
        this.standsEnd = (int) Math.round(0.355 * height);
        this.pitchTop = (int) Math.round(0.415 * height);
    }

    /**
     * Perspective scale at pitch row y (at the pixel centre): small at the far touchline, larger near
     * the camera. A ground point (gx, y) is at screen x = gx * depth(y) + width / 2 - camX.
     */
    double depth(double y) {
        return 0.45 + 0.85 * (y - pitchTop) / Math.max(1, height - pitchTop);
    }

    /** Screen x of ground coordinate gx (pixels at depth 1) at row y. */
    double screenX(double gx, double y) {
        return gx * depth(y) + width / 2.0 - camX;
    }

    /** Ground coordinate seen at pixel centre (x + 0.5, y + 0.5). */
    double groundX(int x, int y) {
        return (x + 0.5 + camX - width / 2.0) / depth(y + 0.5);
    }

    /** Screen row of a depth fraction f of the pitch (0 far touchline, 1 bottom of the picture). */
    double pitchRow(double f) {
        return pitchTop + f * (height - pitchTop);
    }

    static double sin(double x) {
        return StrictMath.sin(x);
    }
}
