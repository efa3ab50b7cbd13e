package io.gvc.model.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gvc.codec.prior.FlowPrior;
import io.gvc.model.runtime.SessionConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one cache of opened priors: each model opened once, at most its capacity kept, the eldest closed. */
class OpenedModelsTest {

    @TempDir
    Path tmp;

    /** What a caller keeps per model, closed when the model is dropped. */
    static final class Kept implements AutoCloseable {
        final FlowPrior prior;
        boolean closed;

        Kept(FlowPrior prior) {
            this.prior = prior;
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    @Test
    void eachModelIsOpenedOnceAndTheLeastRecentlyUsedIsClosedBeyondTheCapacity() throws Exception {
        Path models = tmp.resolve("models");
        for (int i = 0; i < 3; i++) {
            ModelRegistryTest.priorFile(models.resolve("m" + i), "model " + i);
        }
        ModelRegistry r = ModelRegistry.forDecoding(models.toString());
        List<InstalledModel> mine = r.models().subList(3, 6);
        List<Kept> built = new ArrayList<>();
        try (OpenedModels<Kept> open = new OpenedModels<>(r, SessionConfig.cpu(), 2, p -> {
            Kept k = new Kept(p);
            built.add(k);
            return k;
        })) {
            Kept first = open.forStream(ModelRegistryTest.streamOf(mine.get(0).id(), mine.get(0).sha256()));
            assertEquals(mine.get(0).sha256(), first.prior.sha256());
            assertSame(first, open.get(mine.get(0)), "opened once");
            open.get(mine.get(1));
            assertEquals(2, built.size());
            open.get(mine.get(0)); // m0 used last: m1 is the eldest
            open.get(mine.get(2));
            assertEquals(List.of(mine.get(0).key(), mine.get(2).key()), open.open());
            assertTrue(built.get(1).closed, "m1 was dropped and closed");
            assertFalse(first.closed);
            Kept again = open.get(mine.get(1));
            assertEquals(4, built.size(), "a dropped model is opened again when needed");
            assertTrue(first.closed, "m0 was the eldest then");
            assertEquals(mine.get(1).sha256(), again.prior.sha256());
            assertEquals(2, open.open().size());
        }
        assertTrue(built.stream().allMatch(k -> k.closed), "close closes every model still open");
    }
}
