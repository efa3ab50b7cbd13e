package io.gvc.cli;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writing the user's output files: checked before any work starts (a path that cannot be written
 * is a bad-input error, exit 3, not an internal error after the work), and written through a
 * temporary file in the same folder that is renamed into place, so a failed run leaves no file.
 */
final class Outputs {

    private Outputs() {
    }

    /** Refuses, before any work, an output path that cannot be written: a folder, or a folder we cannot create or write in. */
    static void checkWritable(String option, Path out) throws BadInputException {
        if (Files.isDirectory(out)) {
            throw new BadInputException(option + " " + out + ": is a folder, not a file");
        }
        Path parent = out.toAbsolutePath().getParent();
        try {
            Files.createDirectories(parent);
        } catch (FileAlreadyExistsException e) {
            throw new BadInputException(option + " " + out + ": " + parent + " is not a folder");
        } catch (IOException | SecurityException e) {
            throw new BadInputException(option + " " + out + ": cannot create the folder " + parent + " ("
                    + describe(e) + ")");
        }
        if (Files.exists(out) && !Files.isWritable(out)) {
            throw new BadInputException(option + " " + out + ": the file exists and is not writable");
        }
        try {
            Files.delete(Files.createTempFile(parent, "." + out.getFileName() + ".probe-", ""));
        } catch (IOException | SecurityException e) {
            throw new BadInputException(option + " " + out + ": cannot write in " + parent + " (" + describe(e) + ")");
        }
    }

    /** Refuses, before any work, a video output the writer could not write (it writes .y4m and .mp4). */
    static void checkVideoExtension(String option, Path out) {
        String name = out.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        if (!name.endsWith(".y4m") && !name.endsWith(".mp4")) {
            throw new IllegalArgumentException(option + " " + out + ": expected a .y4m or .mp4 file name");
        }
    }

    /**
     * A temporary file beside {@code out} with the same extension (writers choose the format by it),
     * to write and then {@link #commit}.
     */
    static Path temporary(Path out) throws IOException {
        String name = out.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String base = dot > 0 ? name.substring(0, dot) : name, ext = dot > 0 ? name.substring(dot) : ".part";
        return Files.createTempFile(out.toAbsolutePath().getParent(), "." + base + ".part-", ext);
    }

    /** What writes a file to a path. */
    interface Writer {
        void write(Path to) throws IOException;
    }

    /** Writes {@code out} with {@code w} through a temporary file; nothing is left behind on failure. */
    static void write(Path out, Writer w) throws IOException {
        Path tmp = temporary(out);
        try {
            w.write(tmp);
            commit(tmp, out);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Renames {@code tmp} to {@code out} (atomically where the file system can). */
    static void commit(Path tmp, Path out) throws IOException {
        try {
            Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Writes {@code bytes} to {@code out} through a temporary file; nothing is left behind on failure. */
    static void write(Path out, byte[] bytes) throws IOException {
        write(out, to -> Files.write(to, bytes));
    }

    private static String describe(Exception e) {
        String m = e.getMessage();
        return e instanceof java.nio.file.AccessDeniedException ? "permission denied"
                : e.getClass().getSimpleName() + (m != null ? ": " + m : "");
    }
}
