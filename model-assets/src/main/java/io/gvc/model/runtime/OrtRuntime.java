package io.gvc.model.runtime;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtLoggingLevel;
import java.nio.file.Path;

/**
 * The process-wide ONNX Runtime environment and the entry point for opening sessions. ONNX Runtime
 * unpacks its native libraries into {@code java.io.tmpdir} (STACK.md trap 9): tests point that at
 * {@code target/}.
 */
public final class OrtRuntime {

    private static volatile OrtEnvironment env;

    private OrtRuntime() {
    }

    /** The shared environment (created on first use, never closed: ORT allows one per process). */
    public static OrtEnvironment environment() {
        OrtEnvironment e = env;
        if (e == null) {
            synchronized (OrtRuntime.class) {
                e = env;
                if (e == null) {
                    e = OrtEnvironment.getEnvironment(OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR, "gvc");
                    env = e;
                }
            }
        }
        return e;
    }

    /** Opens a session on the model file (external data files are found beside it). */
    public static OnnxSession open(Path model, SessionConfig config) throws OrtException {
        return OnnxSession.open(model, config);
    }

    public static OnnxSession open(Path model) throws OrtException {
        return OnnxSession.open(model, SessionConfig.cpu());
    }

    /** ONNX Runtime's version string, e.g. 1.24.2. */
    public static String version() {
        return environment().getVersion();
    }
}
