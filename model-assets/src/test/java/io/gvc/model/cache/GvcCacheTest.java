package io.gvc.model.cache;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GvcCacheTest {

    @TempDir
    Path tmp;

    @Test
    void theSystemPropertyChoosesTheFolderAndSubFoldersAreMade() throws IOException {
        String before = System.getProperty("gvc.cache");
        try {
            System.setProperty("gvc.cache", tmp.toString());
            assertEquals(tmp, GvcCache.dir());
            Path sub = GvcCache.dir("lpips");
            assertEquals(tmp.resolve("lpips"), sub);
            assertTrue(Files.isDirectory(sub));
        } finally {
            if (before == null) {
                System.clearProperty("gvc.cache");
            } else {
                System.setProperty("gvc.cache", before);
            }
        }
    }

    @Test
    void writesAtomicallyReadableByAllLeavingNoPartFile() throws IOException {
        Path target = tmp.resolve("models/x/velocity.onnx");
        byte[] data = {1, 2, 3, 4, 5};
        GvcCache.writeAtomically(new ByteArrayInputStream(data), target);
        assertArrayEquals(data, Files.readAllBytes(target));
        byte[] again = {9};
        GvcCache.writeAtomically(new ByteArrayInputStream(again), target);
        assertArrayEquals(again, Files.readAllBytes(target), "replaces what was there");
        try (Stream<Path> files = Files.list(target.getParent())) {
            assertEquals(1, files.count(), "no temporary file left");
        }
        if (target.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(target)));
        }
    }
}
