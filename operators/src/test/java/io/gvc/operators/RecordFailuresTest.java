package io.gvc.operators;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OrtException;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.junit.jupiter.api.Test;

/** A record's fault becomes a dead letter; the slot's fault (memory, files, the model runtime's device) fails the task. */
class RecordFailuresTest {

    @Test
    void whatTheEngineRefusesIsTheRecordsFault() throws Exception {
        assertTrue(RecordFailures.isRecordFault(new IllegalArgumentException("width 1 is below 16")));
        assertTrue(RecordFailures.isRecordFault(new IllegalStateException("no latent for 1x1")));
        assertTrue(RecordFailures.isRecordFault(new ArithmeticException("/ by zero")));
        assertTrue(RecordFailures.isRecordFault(new ArrayIndexOutOfBoundsException(3)));
        assertTrue(RecordFailures.isRecordFault(new IllegalStateException("model m failed at t=0.5",
                new OrtException("shape mismatch on input x"))), "a shape the network refuses");
        assertEquals("refused: width 1 is below 16",
                RecordFailures.reasonOrRethrow("refused", new IllegalArgumentException("width 1 is below 16")));
    }

    @Test
    void memoryFilesAndTheDeviceAreTheSlotsFault() {
        assertFalse(RecordFailures.isRecordFault(new IOException("model learned: no such file or folder")));
        assertFalse(RecordFailures.isRecordFault(new UncheckedIOException(new IOException("disk"))));
        assertFalse(RecordFailures.isRecordFault(new IllegalStateException("wrapped", new OutOfMemoryError())));
        assertFalse(RecordFailures.isRecordFault(new IllegalStateException("model m failed at t=0.5",
                new OrtException("CUDA failure 2: out of memory"))));
        assertFalse(RecordFailures.isRecordFault(new IllegalStateException("cannot allocate tensors",
                new OrtException("Failed to allocate memory for requested buffer of size 1073741824"))));
        assertFalse(RecordFailures.isRecordFault(new RuntimeException("anything else")));
        IOException io = new IOException("gone");
        assertSame(io, assertThrows(IOException.class, () -> RecordFailures.reasonOrRethrow("x", io)));
    }
}
