package io.gvc.cli.architecture;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * No main class over {@value #MAX_LINES} lines in any module: a class that long does several jobs
 * (issue 15). Reads the sources of every module beside this one (tests run in the module's folder).
 */
class MainClassSizeTest {

    static final int MAX_LINES = 350;

    @Test
    void noMainClassIsOverTheLimit() throws IOException {
        Path root = Path.of("").toAbsolutePath().getParent();
        List<Path> sources;
        try (Stream<Path> walk = Files.walk(root, 1)) {
            sources = walk.map(m -> m.resolve("src/main/java")).filter(Files::isDirectory).toList();
        }
        assertTrue(sources.size() >= 8, "found only " + sources + " under " + root);
        List<String> over = new ArrayList<>();
        int files = 0;
        for (Path src : sources) {
            List<Path> java;
            try (Stream<Path> walk = Files.walk(src)) {
                java = walk.filter(p -> p.toString().endsWith(".java")).toList();
            }
            for (Path p : java) {
                files++;
                long lines;
                try (Stream<String> l = Files.lines(p)) {
                    lines = l.count();
                }
                if (lines > MAX_LINES) {
                    over.add(root.relativize(p) + ": " + lines + " lines");
                }
            }
        }
        assertTrue(files > 200, "read only " + files + " files");
        assertTrue(over.isEmpty(), "over " + MAX_LINES + " lines, split along their jobs: " + over);
    }
}
