package io.gvc.operators;

import io.gvc.codec.bitstream.BitstreamException;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Tells a record's fault from the task manager's. The engine refuses what it cannot code or decode
 * (a 1x1 picture, a size its latent cannot take, a packet it cannot generate) with an unchecked
 * exception about the input; those records go to the dead letters and the stream goes on. What is
 * not about the record (an {@link Error} such as OutOfMemoryError, an I/O failure such as a model file
 * that is gone, ONNX Runtime running out of memory or losing its device) is rethrown, so the task
 * fails and Flink restores it from its checkpoint on a healthy slot. Other ONNX Runtime errors (a
 * shape the network refuses) are the record's.
 */
public final class RecordFailures {

    private RecordFailures() {
    }

    /** Whether {@code e}, thrown while processing one record, is that record's fault. */
    public static boolean isRecordFault(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof Error || t instanceof IOException || t instanceof UncheckedIOException || isOnnxRuntime(t)) {
                return false;
            }
        }
        return e instanceof IllegalArgumentException || e instanceof IllegalStateException
                || e instanceof ArithmeticException || e instanceof IndexOutOfBoundsException
                || e instanceof NegativeArraySizeException || e instanceof BitstreamException;
    }

    /** Rethrows {@code e} unless it is the record's fault; returns the dead letter's wording when it is. */
    public static String reasonOrRethrow(String what, Exception e) throws Exception {
        if (!isRecordFault(e)) {
            throw e;
        }
        return what + ": " + (e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName());
    }

    /** ONNX Runtime out of memory or without its device: the slot's fault, whatever the record. */
    private static boolean isOnnxRuntime(Throwable t) {
        if (!t.getClass().getName().equals("ai.onnxruntime.OrtException")) {
            return false;
        }
        String m = String.valueOf(t.getMessage()).toLowerCase(java.util.Locale.ROOT);
        return m.contains("out of memory") || m.contains("failed to allocate") || m.contains("cuda")
                || m.contains("cudnn");
    }
}
