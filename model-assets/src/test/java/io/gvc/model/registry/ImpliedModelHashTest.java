package io.gvc.model.registry;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gvc.codec.bitstream.CodingConfig;
import io.gvc.codec.bitstream.ImpliedConfig;
import java.io.IOException;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The model hashes a stream leaves out (bitstream version 14, {@link ImpliedConfig}) are those of
 * the models as shipped: a stream of a shipped model with its defaults writes no hash, and a decoder
 * still checks the implied one against the model it opens. A retrained shipped model fails here
 * until the table (and the bitstream version) follows it.
 */
class ImpliedModelHashTest {

    @Test
    void everyShippedModelHasItsOwnHashImplied() throws IOException {
        List<InstalledModel> shipped = ModelRegistry.shipped().models();
        assertEquals(4, shipped.size(), "the four shipped models");
        for (InstalledModel m : shipped) {
            byte[] implied = ImpliedConfig.modelHash(m.id()).orElseThrow(() -> new AssertionError(m.id()
                    + " has no implied hash"));
            assertArrayEquals(CodingConfig.hashPrefix(m.sha256()), implied, m.id() + ": shipped "
                    + m.sha256().substring(0, 16) + ", implied " + HexFormat.of().formatHex(implied));
        }
    }

    @Test
    void aModelThatIsNotShippedHasNoImpliedHash() {
        assertTrue(ImpliedConfig.modelHash("my-own-prior").isEmpty());
    }
}
