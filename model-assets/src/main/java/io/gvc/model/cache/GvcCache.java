package io.gvc.model.cache;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Where generated model files go (built LPIPS graphs, the extracted default model): never the
 * repository. {@code -Dgvc.cache=DIR}, else {@code $GVC_CACHE}, else {@code ~/.cache/gvc}.
 */
public final class GvcCache {

    private GvcCache() {
    }

    public static Path dir() {
        String p = System.getProperty("gvc.cache");
        if (p == null || p.isBlank()) {
            p = System.getenv("GVC_CACHE");
        }
        if (p == null || p.isBlank()) {
            return Path.of(System.getProperty("user.home"), ".cache", "gvc");
        }
        return Path.of(p);
    }

    /** {@code dir()/sub}, created if needed. */
    public static Path dir(String sub) throws IOException {
        return Files.createDirectories(dir().resolve(sub));
    }

    /**
     * Gives a file made by {@link Files#createTempFile} (owner-only) the usual rw-r--r-- mode, so that
     * committed and cached model files look like any other; no-op where POSIX modes do not exist.
     */
    public static void readableByAll(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system
        }
    }

    /** Writes {@code in} to {@code target} through a temporary file and an atomic rename (safe with concurrent writers). */
    public static void writeAtomically(InputStream in, Path target) throws IOException {
        Files.createDirectories(target.toAbsolutePath().getParent());
        Path tmp = Files.createTempFile(target.toAbsolutePath().getParent(), target.getFileName().toString(), ".part");
        try {
            Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
            readableByAll(tmp);
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
