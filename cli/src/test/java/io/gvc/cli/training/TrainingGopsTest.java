package io.gvc.cli.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gvc.codec.frame.Video;
import io.gvc.codec.frame.Y4mWriter;
import io.gvc.scene.SyntheticScene;
import java.io.DataInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The prior's training GOPs are written in the layout model-assets/training/gop_dumps.py reads. */
class TrainingGopsTest {

    @TempDir
    Path tmp;

    @Test
    void writesEveryFlf2vGopInTheTrainingLayout() throws Exception {
        Video v = SyntheticScene.render(96, 64, SyntheticScene.SCENE_FPS, 1, 33, 5);
        Path clip = tmp.resolve("clip.y4m");
        Y4mWriter.write(clip, v);
        Path out = tmp.resolve("gops");
        TrainingGops.main(new String[] {clip.toString(), out.toString(), "scene-0.01", "0.01"});
        List<Path> files;
        try (Stream<Path> s = Files.list(out)) {
            files = s.sorted().toList();
        }
        // 33 frames at the default GOP of 17: two GOPs, each with coded latent frames to generate
        assertEquals(List.of(out.resolve("scene-0.01-0.bin"), out.resolve("scene-0.01-1.bin")), files);
        for (Path f : files) {
            try (InputStream raw = Files.newInputStream(f); DataInputStream in = new DataInputStream(raw)) {
                int l = in.readInt(), c = in.readInt(), h = in.readInt(), w = in.readInt(), n = in.readInt();
                assertEquals(6, c, "picture latent channels");
                assertEquals(17, n, "GOP frames");
                int previous = 0;
                for (int i = 0; i < l; i++) {
                    int pos = in.readInt();
                    assertTrue(pos > previous && pos < n - 1, "position " + pos + " inside the GOP, increasing");
                    previous = pos;
                }
                in.skipNBytes(l); // keyframe flags
                for (int i = 0; i < l; i++) {
                    float a = in.readFloat();
                    assertTrue(a > 0f && a < 1f, "alpha " + a);
                }
                long floats = (long) c * h * w * (2 + 2L * l);
                assertEquals(Files.size(f), 20 + 4L * l + l + 4L * l + 4 * floats, f + ": header, flags and latents");
            }
        }
    }
}
