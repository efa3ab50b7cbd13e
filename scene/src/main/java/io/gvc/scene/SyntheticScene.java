package io.gvc.scene;

import io.gvc.codec.frame.Frame;
import io.gvc.codec.frame.Video;
import io.gvc.codec.frame.VideoFormat;
import java.util.ArrayList;
import java.util.List;

/**
 * A synthetic broadcast-like scene the project renders itself, so the live pipeline can run with
 * no input file: a football stadium seen by a slowly panning camera (sky with drifting clouds, a
 * stand full of spectators, advertising boards, a striped pitch with its lines), players of two
 * teams and a referee running at different speeds, a bouncing ball, and broadcast graphics that
 * stay fixed on screen (score box with a running clock, a "LIVE" bug).
 *
 * <p>It is a pure function of (size, frame index, seed): the same seed gives the same bytes on
 * every JVM (Philox4x32 for the scene's parameters, integer hashing for textures, StrictMath for
 * the paths), and any frame can be rendered alone, so a live feed of any length needs no memory.
 * Motion is per frame: the scene assumes {@value #SCENE_FPS} frames per second of match time
 * (its clock); at other frame rates it plays faster or slower.
 *
 * <p>The scene is designed at 144 lines (176x144 shows it as intended) and scales with the
 * height; a wider picture shows more of the stadium. Sizes must be even (I420 chroma is made of
 * whole 2x2 blocks).
 */
public final class SyntheticScene {

    /** Frames per second of match time: the score box clock ticks once per this many frames. */
    public static final int SCENE_FPS = 25;

    private SyntheticScene() {
    }

    /** {@code frames} frames of the scene for {@code seed}, frame i identical to {@link #frame}(w, h, i, seed). */
    public static Video render(int width, int height, int fpsNum, int fpsDen, int frames, long seed) {
        checkSize(width, height);
        VideoFormat format = new VideoFormat(width, height, fpsNum, fpsDen);
        if (frames < 1) {
            throw new IllegalArgumentException("a synthetic video needs at least one frame, got " + frames);
        }
        SceneParams params = SceneParams.of(seed);
        List<Frame> out = new ArrayList<>(frames);
        for (int i = 0; i < frames; i++) {
            out.add(paint(width, height, i, params));
        }
        return new Video(format, out);
    }

    /** Frame {@code index} (from 0) of the scene for {@code seed}. */
    public static Frame frame(int width, int height, int index, long seed) {
        checkSize(width, height);
        if (index < 0) {
            throw new IllegalArgumentException("frame index must be >= 0, got " + index);
        }
        return paint(width, height, index, SceneParams.of(seed));
    }

    private static Frame paint(int width, int height, int index, SceneParams params) {
        SceneView view = new SceneView(width, height, index, params);
        RgbCanvas canvas = new RgbCanvas(width, height);
        SceneBackground.paint(canvas, view);
        ScenePlayers.paint(canvas, view);
        ScoreBug.paint(canvas, view);
        return canvas.toFrame();
    }

    private static void checkSize(int width, int height) {
        if (width < 2 || height < 2 || width > VideoFormat.MAX_SIDE || height > VideoFormat.MAX_SIDE) {
            throw new IllegalArgumentException("synthetic scene size must be 2.." + VideoFormat.MAX_SIDE
                    + " per side, got " + width + "x" + height);
        }
        if (width % 2 != 0 || height % 2 != 0) {
            throw new IllegalArgumentException("synthetic scene size must be even (whole 2x2 chroma blocks), got "
                    + width + "x" + height);
        }
    }
}
