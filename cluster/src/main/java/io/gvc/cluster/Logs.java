package io.gvc.cluster;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reading the processes' log files: their tails for error messages, a line they print when ready. */
final class Logs {

    private Logs() {
    }

    static String tail(Path file, int lines) {
        try {
            if (!Files.exists(file)) {
                return "(" + file + " does not exist)";
            }
            List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException | java.io.UncheckedIOException e) {
            return "(cannot read " + file + ": " + e.getMessage() + ")";
        }
    }

    /** The first group of the last line of {@code file} matching {@code pattern}, if any. */
    static Optional<String> lastMatch(Path file, Pattern pattern) {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            String found = null;
            for (String line : Files.readAllLines(file, StandardCharsets.ISO_8859_1)) {
                Matcher m = pattern.matcher(line);
                if (m.find()) {
                    found = m.group(1);
                }
            }
            return Optional.ofNullable(found);
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
