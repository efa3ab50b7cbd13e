package io.gvc.cli.training;

import io.gvc.codec.frame.Video;
import io.gvc.codec.frame.Y4mWriter;
import io.gvc.media.ReadOptions;
import io.gvc.media.VideoReader;
import io.gvc.scene.SyntheticScene;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes pictures for training the learned prior (model-assets/training) as y4m, read the way the
 * codec reads its input:
 * <pre>
 *   java -cp cli/target/gvc-cli.jar io.gvc.cli.training.TrainingFrames clip IN.mp4 OUT.y4m [maxFrames]
 *   java -cp cli/target/gvc-cli.jar io.gvc.cli.training.TrainingFrames synthetic W H FRAMES SEED OUT.y4m
 * </pre>
 * The y4m files are training data: they stay out of the repository.
 */
public final class TrainingFrames {

    private TrainingFrames() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length >= 3 && args[0].equals("clip")) {
            int max = args.length > 3 ? Integer.parseInt(args[3]) : 0;
            Video v = VideoReader.read(Path.of(args[1]), new ReadOptions(max, null, null, null, null));
            write(Path.of(args[2]), v);
        } else if (args.length == 6 && args[0].equals("synthetic")) {
            Video v = SyntheticScene.render(Integer.parseInt(args[1]), Integer.parseInt(args[2]),
                    SyntheticScene.SCENE_FPS, 1, Integer.parseInt(args[3]), Long.parseLong(args[4]));
            write(Path.of(args[5]), v);
        } else {
            System.err.println("usage: TrainingFrames clip IN OUT.y4m [maxFrames] | synthetic W H FRAMES SEED OUT.y4m");
            System.exit(2);
        }
    }

    private static void write(Path out, Video v) throws Exception {
        if (out.getParent() != null) {
            Files.createDirectories(out.getParent());
        }
        Y4mWriter.write(out, v);
        System.err.println(out + ": " + v.frameCount() + " frames " + v.format().width() + "x" + v.format().height());
    }
}
