package io.gvc.eval;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds files of the shared data folder (../shared beside the project root) for defaults such as the
 * LPIPS weights, which stay there and are never copied into the project or its jar.
 */
public final class SharedData {

    /** The LPIPS AlexNet weights, relative to the shared folder. */
    public static final String LPIPS_WEIGHTS = "models/lpips/lpips_alex_full_torchlayout.npz";

    private SharedData() {
    }

    /** {@code relative} in the first shared folder that has it, or null. */
    public static Path find(String relative) {
        for (Path dir : candidates()) {
            Path p = dir.resolve(relative);
            if (Files.isRegularFile(p)) {
                return p.normalize();
            }
        }
        return null;
    }

    /** -Dgvc.shared, $GVC_SHARED, ../shared beside the project that holds this code, ./../shared. */
    static List<Path> candidates() {
        List<Path> out = new ArrayList<>();
        String prop = System.getProperty("gvc.shared");
        if (prop != null && !prop.isBlank()) {
            out.add(Path.of(prop));
        }
        String env = System.getenv("GVC_SHARED");
        if (env != null && !env.isBlank()) {
            out.add(Path.of(env));
        }
        try {
            // the shaded cli/target/gvc-cli.jar, eval/target/classes and the eval jar are all three levels
            // below the project root
            Path code = Path.of(SharedData.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path root = code.toAbsolutePath().getParent().getParent().getParent();
            if (root != null) {
                out.add(root.resolveSibling("shared"));
            }
        } catch (Exception e) {
            // no code source (unusual class loaders): fall back to the working directory
        }
        out.add(Path.of("..", "shared"));
        return out;
    }
}
