package io.gvc.eval;

import io.gvc.codec.frame.Video;
import java.nio.file.Path;

/**
 * A clip as every codec of the sweep sees it: decoded once, cut to --frames, the same frames for all.
 *
 * @param name     unique short name, the folder of its files in --out
 * @param snapshot index of the frame shown side by side
 */
public record EvalClip(String name, Path path, Video video, int snapshot) {

    public int frames() {
        return video.frameCount();
    }

    public int width() {
        return video.format().width();
    }

    public int height() {
        return video.format().height();
    }
}
