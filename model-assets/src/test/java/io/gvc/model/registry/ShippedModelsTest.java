package io.gvc.model.registry;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gvc.model.manifest.LoadedModel;
import io.gvc.model.manifest.ManifestLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShippedModelsTest {

    @TempDir
    Path cache;
    private String before;

    @BeforeEach
    void useATemporaryCache() {
        before = System.getProperty("gvc.cache");
        System.setProperty("gvc.cache", cache.toString());
    }

    @AfterEach
    void restore() {
        if (before == null) {
            System.clearProperty("gvc.cache");
        } else {
            System.setProperty("gvc.cache", before);
        }
    }

    @Test
    void theReferenceModelIsExtractedOnceIntoTheCacheAsCommitted() throws IOException {
        Path dir = ShippedModels.folder(ShippedModels.REFERENCE);
        assertTrue(dir.startsWith(cache.resolve("models")), dir.toString());
        Path committed = Path.of("reference"); // the module's own folder: tests run in model-assets/
        for (String file : new String[] {ManifestLoader.MANIFEST, "velocity.onnx"}) {
            assertArrayEquals(Files.readAllBytes(committed.resolve(file)), Files.readAllBytes(dir.resolve(file)), file);
        }
        Path velocity = dir.resolve("velocity.onnx");
        FileTime first = Files.getLastModifiedTime(velocity);
        Files.setLastModifiedTime(velocity, FileTime.fromMillis(first.toMillis() - 60_000));
        FileTime marked = Files.getLastModifiedTime(velocity);
        assertEquals(dir, ShippedModels.folder(ShippedModels.REFERENCE), "keyed by the manifest's hash");
        assertEquals(marked, Files.getLastModifiedTime(velocity), "not written again");
        try (LoadedModel m = ManifestLoader.load(dir)) {
            assertEquals(ShippedModels.manifest(ShippedModels.REFERENCE).name(), m.manifest().name());
            assertEquals(ShippedModels.manifest(ShippedModels.REFERENCE).velocity().sha256(),
                    m.manifest().velocity().sha256(), "the jar's manifest is the folder's");
        }
    }

    @Test
    void readingAShippedManifestExtractsNothing() throws IOException {
        assertEquals("gvc-learned-picture-3", ShippedModels.manifest(ShippedModels.LEARNED).name());
        assertTrue(!Files.exists(cache.resolve("models")), "nothing extracted to read a manifest");
    }
}
