package io.gvc.codec.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gvc.codec.bitstream.BitstreamException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The runner reports what it must: typed refusals by field, anything else with a replayable example. */
class BitstreamFuzzerTest {

    static final List<byte[]> STREAMS = List.of(new byte[64], new byte[80]);

    @Test
    void refusalsAreCountedByFieldAndUntypedExceptionsAreFindingsWithTheirSeed() {
        // refuses even seeds by field, throws an untyped exception on the 7th mutation, decodes the rest
        int[] calls = {0};
        FuzzTally t = BitstreamFuzzer.run("test", STREAMS, MutationKind.RAW, 10, 500, file -> {
            int i = calls[0]++;
            if (i == 7) {
                throw new IllegalStateException("boom");
            }
            if (i % 2 == 0) {
                throw new BitstreamException("stream.field" + (i % 4), "refused");
            }
        }, 60_000, done -> { });
        assertEquals(10, t.mutations());
        assertEquals(4, t.decoded()); // 1, 3, 5, 9
        assertEquals(5, t.refused());
        assertEquals(3, t.refusedByField().get("stream.field0")); // 0, 4, 8
        assertEquals(2, t.refusedByField().get("stream.field2")); // 2, 6
        assertEquals(1, t.others());
        String example = t.otherExample().values().iterator().next();
        assertTrue(example.startsWith("test raw seed 507 (iteration 7, stream 1): "), example);
        assertTrue(example.endsWith("-> java.lang.IllegalStateException: boom"), example);
        assertFalse(t.clean());
    }

    @Test
    void aDecodeSlowerThanTheBoundIsAFinding() {
        FuzzTally t = BitstreamFuzzer.run("test", STREAMS, MutationKind.RAW, 2, 0, file -> {
            long until = System.nanoTime() + 5_000_000L; // 5 ms against a bound of 1 ms
            while (System.nanoTime() < until) {
                Thread.onSpinWait();
            }
        }, 1, done -> { });
        assertEquals(2, t.decoded());
        assertEquals(2, t.slow());
        assertFalse(t.clean());
    }

    @Test
    void aMutationIsReplayedFromItsSeed() {
        byte[] in = new byte[100];
        StringBuilder a = new StringBuilder(), b = new StringBuilder();
        byte[] x = MutationKind.RAW.apply(in, new MutationRandom(42), a);
        byte[] y = MutationKind.RAW.apply(in, new MutationRandom(42), b);
        assertEquals(a.toString(), b.toString());
        assertTrue(java.util.Arrays.equals(x, y));
    }
}
