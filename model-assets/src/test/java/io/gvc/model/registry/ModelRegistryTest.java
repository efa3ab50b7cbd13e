package io.gvc.model.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gvc.codec.bitstream.CodingConfig;
import io.gvc.codec.frame.VideoFormat;
import io.gvc.codec.prior.FlowPrior;
import io.gvc.codec.prior.GaussianDctPrior;
import io.gvc.codec.variant.Variant;
import io.gvc.model.manifest.ManifestLoader;
import io.gvc.model.runtime.SessionConfig;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The one registry: shipped and installed models described without being opened, each variant's
 * default for encoders, and for decoders the model a stream names, matched by id and hash.
 */
class ModelRegistryTest {

    @TempDir
    Path tmp;
    private String cacheBefore;

    @BeforeEach
    void useATemporaryCache() {
        cacheBefore = System.getProperty("gvc.cache");
        System.setProperty("gvc.cache", tmp.resolve("cache").toString());
    }

    @AfterEach
    void restore() {
        if (cacheBefore == null) {
            System.clearProperty("gvc.cache");
        } else {
            System.setProperty("gvc.cache", cacheBefore);
        }
    }

    /** The shipped spectrum with another fitted_from line: the same prior under another hash. */
    static Path priorFile(Path dir, String fittedFrom) throws IOException {
        String text;
        try (InputStream in = ModelRegistryTest.class.getResourceAsStream(ShippedModels.SPECTRUM_RESOURCE)) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String changed = text.replaceFirst("(?m)^fitted_from .*$", "fitted_from " + fittedFrom);
        assertNotEquals(text, changed);
        Files.createDirectories(dir);
        return Files.writeString(dir.resolve(GaussDctModelKind.PRIOR_FILE), changed);
    }

    static CodingConfig streamOf(String modelId, String sha256) {
        return new CodingConfig(Variant.FLF2V, new VideoFormat(32, 32, 25, 1), 5, 2, 2, 256, 8, 2, 3f, 3f, 1L,
                modelId, CodingConfig.hashPrefix(sha256));
    }

    @Test
    void theShippedModelsAreKnownByIdAndHashWithoutOpeningThem() throws Exception {
        ModelRegistry r = ModelRegistry.shipped();
        assertEquals(List.of("gvc-gauss-dct-onnx", "gvc-learned-picture-3", "gvc-learned-bridge-1", GaussianDctPrior.ID),
                r.models().stream().map(InstalledModel::id).toList());
        assertTrue(!Files.exists(tmp.resolve("cache")), "describing extracts no model folder");
        // each variant's default: learned-bridge for FLF2V, learned for I2V, reference for T2V
        assertEquals("gvc-learned-bridge-1", r.encodingModel(Variant.FLF2V).id());
        assertEquals("gvc-learned-picture-3", r.encodingModel(Variant.I2V).id());
        assertEquals("gvc-gauss-dct-onnx", r.encodingModel(Variant.T2V).id());
        assertNull(r.encodingChoice());
        // the described hash is the one the opened prior reports, which is what streams carry
        InstalledModel reference = r.encodingModel(Variant.T2V);
        FlowPrior opened = reference.open(SessionConfig.cpu());
        try {
            assertEquals(reference.sha256(), opened.sha256());
            assertSame(reference, r.streamModel(streamOf(opened.id(), opened.sha256())));
        } finally {
            ((AutoCloseable) opened).close();
        }
    }

    @Test
    void anEncoderCodesEveryVariantWithTheNamedModel() throws IOException {
        ModelRegistry java = ModelRegistry.forEncoding(ShippedModels.JAVA);
        for (Variant v : Variant.values()) {
            assertEquals(GaussianDctPrior.ID, java.encodingModel(v).id());
        }
        Path file = priorFile(tmp.resolve("mine"), "a test");
        ModelRegistry mine = ModelRegistry.forEncoding(file.toString());
        assertEquals(file.toString(), mine.encodingModel(Variant.T2V).source());
        assertEquals(mine.encodingModel(Variant.FLF2V), mine.streamModel(streamOf(GaussianDctPrior.ID,
                mine.encodingModel(Variant.FLF2V).sha256())), "what it encodes with, it can decode");
        IOException notAModel = assertThrows(IOException.class, () -> ModelRegistry.forEncoding(tmp.toString()));
        assertTrue(notAModel.getMessage().contains("not a model (expected a folder with manifest.json"),
                notAModel.getMessage());
    }

    @Test
    void aDecodersModelOptionOnlyAddsPlacesToSearch() throws IOException {
        Path models = tmp.resolve("models");
        priorFile(models.resolve("one"), "model one");
        priorFile(models.resolve("two"), "model two");
        Files.createDirectories(models.resolve("not-a-model"));
        ModelRegistry r = ModelRegistry.forDecoding(models.toString());
        assertEquals(6, r.models().size(), "4 shipped + 2 found in the folder's sub-folders");
        InstalledModel two = r.models().get(5);
        assertEquals(models.resolve("two").toString(), two.source());
        // the stream decides: a stream of model two finds it, a stream of a shipped model the shipped one
        assertSame(two, r.streamModel(streamOf(GaussianDctPrior.ID, two.sha256())));
        InstalledModel learned = r.models().get(1), bridge = r.models().get(2);
        assertSame(learned, r.streamModel(streamOf(learned.id(), learned.sha256())));
        assertSame(bridge, r.streamModel(streamOf(bridge.id(), bridge.sha256())));
        // and the encoder's defaults stay the shipped ones
        assertEquals(bridge, r.encodingModel(Variant.FLF2V));
        assertEquals(learned, r.encodingModel(Variant.I2V));
        // a shipped name adds nothing
        assertEquals(4, ModelRegistry.forDecoding(ShippedModels.JAVA).models().size());
    }

    @Test
    void aStreamOfAModelNotInstalledHereIsRefusedNamingItsIdAndHash() throws IOException {
        ModelRegistry r = ModelRegistry.shipped();
        String sha = "0123456789abcdef" + "0".repeat(48);
        ModelNotInstalledException e = assertThrows(ModelNotInstalledException.class,
                () -> r.streamModel(streamOf("someone-elses-model", sha)));
        assertEquals("someone-elses-model", e.modelId());
        assertEquals("0123456789abcdef", e.hashPrefix());
        assertTrue(e.getMessage().startsWith("stream needs model 'someone-elses-model' (sha256 0123456789abcdef...),"
                + " which is not installed here (known: gvc-gauss-dct-onnx (sha256 "), e.getMessage());
        // checked by hash: the shipped learned model's id with another hash is not the shipped model
        String learned = r.encodingModel(Variant.FLF2V).id();
        ModelNotInstalledException other = assertThrows(ModelNotInstalledException.class,
                () -> r.streamModel(streamOf(learned, sha)));
        assertTrue(other.getMessage().contains("'" + learned + "' (sha256 0123456789abcdef...)"), other.getMessage());
    }

    @Test
    void describingAnOnnxModelReadsItsManifestOnly() throws IOException {
        // a model folder whose velocity file ONNX Runtime cannot load: describing it works, opening refuses it
        Path dir = Files.createDirectories(tmp.resolve("broken"));
        Path shipped = ShippedModels.folder(ShippedModels.REFERENCE);
        Files.copy(shipped.resolve(ManifestLoader.MANIFEST), dir.resolve(ManifestLoader.MANIFEST));
        Files.writeString(dir.resolve("velocity.onnx"), "not an ONNX model");
        ModelRegistry r = ModelRegistry.forDecoding(dir.toString());
        InstalledModel m = r.models().get(4);
        assertEquals("gvc-gauss-dct-onnx", m.id());
        assertEquals(r.models().get(0).sha256(), m.sha256(), "the hash comes from the manifest");
        IOException e = assertThrows(IOException.class, () -> m.open(SessionConfig.cpu()));
        assertTrue(e.getMessage().startsWith("model gvc-gauss-dct-onnx (" + dir + "): velocity.onnx (velocity): sha256 "
                + "mismatch"), e.getMessage());
    }

    @Test
    void aModelOptionNamingNothingIsRefused() {
        IOException e = assertThrows(IOException.class, () -> ModelRegistry.forDecoding("no/such/model"));
        assertEquals("model no/such/model: no such file or folder, and not a shipped model's name (reference, learned,"
                + " learned-bridge, java)", e.getMessage());
        IOException empty = assertThrows(IOException.class, () -> ModelRegistry.forDecoding(tmp.toString()));
        assertTrue(empty.getMessage().contains("neither a model nor a folder of models"), empty.getMessage());
    }
}
