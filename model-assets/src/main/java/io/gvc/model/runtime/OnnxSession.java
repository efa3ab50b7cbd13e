package io.gvc.model.runtime;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import io.gvc.model.onnx.ElemType;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One ONNX Runtime session on a model file, opened with deterministic settings (sequential
 * execution, fixed thread counts, deterministic compute) on the requested {@link Device}, falling
 * back to the CPU with a logged warning when CUDA cannot be used. Thread-safe like OrtSession: any
 * number of {@link Binding}s may run on it concurrently.
 */
public final class OnnxSession implements AutoCloseable {

    public static final String CPU_PROVIDER = "CPUExecutionProvider";
    public static final String CUDA_PROVIDER = "CUDAExecutionProvider";

    private static final System.Logger LOG = System.getLogger(OnnxSession.class.getName());

    private final Path model;
    private final SessionConfig config;
    private final OrtSession session;
    private final String provider;
    private final Map<String, TensorSpec> inputs;
    private final Map<String, TensorSpec> outputs;

    private OnnxSession(Path model, SessionConfig config, OrtSession session, String provider) throws OrtException {
        this.model = model;
        this.config = config;
        this.session = session;
        this.provider = provider;
        this.inputs = specs(session.getInputInfo());
        this.outputs = specs(session.getOutputInfo());
    }

    static OnnxSession open(Path model, SessionConfig config) throws OrtException {
        if (!Files.isRegularFile(model)) {
            throw new OrtException("model file not found: " + model);
        }
        String path = model.toAbsolutePath().toString();
        if (config.device().kind() == Device.Kind.CUDA) {
            OrtSession.SessionOptions opts = options(config);
            try {
                opts.addCUDA(config.device().index());
                OrtSession s = OrtRuntime.environment().createSession(path, opts);
                return new OnnxSession(model, config, s, CUDA_PROVIDER);
            } catch (OrtException | RuntimeException | UnsatisfiedLinkError e) {
                LOG.log(Level.WARNING, "CUDA device " + config.device().index() + " unavailable for " + model.getFileName()
                        + " (" + e.getMessage() + "); falling back to " + CPU_PROVIDER);
            } finally {
                opts.close();
            }
        }
        try (OrtSession.SessionOptions opts = options(config)) {
            OrtSession s = OrtRuntime.environment().createSession(path, opts);
            return new OnnxSession(model, config, s, CPU_PROVIDER);
        }
    }

    private static OrtSession.SessionOptions options(SessionConfig config) throws OrtException {
        OrtSession.SessionOptions o = new OrtSession.SessionOptions();
        try {
            o.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
            o.setIntraOpNumThreads(config.intraOpThreads());
            o.setInterOpNumThreads(1);
            o.setDeterministicCompute(true);
            o.setOptimizationLevel(config.optimize() ? OrtSession.SessionOptions.OptLevel.ALL_OPT
                    : OrtSession.SessionOptions.OptLevel.BASIC_OPT);
            // threads spin-wait by default; on a shared machine that burns the cores of other jobs
            o.addConfigEntry("session.intra_op.allow_spinning", "0");
            return o;
        } catch (OrtException | RuntimeException e) {
            o.close();
            throw e;
        }
    }

    private static Map<String, TensorSpec> specs(Map<String, NodeInfo> info) {
        Map<String, TensorSpec> out = new LinkedHashMap<>();
        for (NodeInfo n : info.values()) {
            if (n.getInfo() instanceof TensorInfo t) {
                ElemType type = elemType(t.onnxType);
                String[] names = t.getDimensionNames();
                long[] shape = t.getShape();
                String[] dimNames = new String[shape.length];
                for (int i = 0; i < shape.length; i++) {
                    dimNames[i] = names != null && i < names.length && names[i] != null ? names[i] : "";
                }
                out.put(n.getName(), new TensorSpec(n.getName(), type, t.onnxType.name()
                        .replace("ONNX_TENSOR_ELEMENT_DATA_TYPE_", "").toLowerCase(), shape, dimNames));
            } else {
                out.put(n.getName(), new TensorSpec(n.getName(), null, String.valueOf(n.getInfo()), new long[0],
                        new String[0]));
            }
        }
        return Collections.unmodifiableMap(out);
    }

    /** ORT's element type as ours (by name: the Java enum's numbering is not ONNX's), null if unknown. */
    static ElemType elemType(TensorInfo.OnnxTensorType t) {
        return switch (t) {
            case ONNX_TENSOR_ELEMENT_DATA_TYPE_FLOAT -> ElemType.FLOAT;
            case ONNX_TENSOR_ELEMENT_DATA_TYPE_FLOAT16 -> ElemType.FLOAT16;
            case ONNX_TENSOR_ELEMENT_DATA_TYPE_BFLOAT16 -> ElemType.BFLOAT16;
            case ONNX_TENSOR_ELEMENT_DATA_TYPE_DOUBLE -> ElemType.DOUBLE;
            case ONNX_TENSOR_ELEMENT_DATA_TYPE_INT64 -> ElemType.INT64;
            case ONNX_TENSOR_ELEMENT_DATA_TYPE_INT32 -> ElemType.INT32;
            case ONNX_TENSOR_ELEMENT_DATA_TYPE_INT8 -> ElemType.INT8;
            case ONNX_TENSOR_ELEMENT_DATA_TYPE_UINT8 -> ElemType.UINT8;
            case ONNX_TENSOR_ELEMENT_DATA_TYPE_BOOL -> ElemType.BOOL;
            default -> null;
        };
    }

    /** The execution provider the session really uses: CUDAExecutionProvider or CPUExecutionProvider. */
    public String provider() {
        return provider;
    }

    /** Whether CUDA was asked for but the session runs on the CPU. */
    public boolean fellBack() {
        return config.device().kind() == Device.Kind.CUDA && !CUDA_PROVIDER.equals(provider);
    }

    public SessionConfig config() {
        return config;
    }

    public Path model() {
        return model;
    }

    /** Inputs in model order. */
    public Map<String, TensorSpec> inputs() {
        return inputs;
    }

    public Map<String, TensorSpec> outputs() {
        return outputs;
    }

    /** The underlying ORT session, for callers that need the plain API. */
    public OrtSession ort() {
        return session;
    }

    /**
     * Pre-allocates reusable input and output tensors for the given concrete shapes (every model
     * input needs one; outputs without a shape are copied out of each result instead of pinned).
     */
    public Binding bind(Map<String, long[]> inputShapes, Map<String, long[]> outputShapes) throws OrtException {
        return new Binding(this, inputShapes, outputShapes);
    }

    @Override
    public void close() throws OrtException {
        session.close();
    }

    @Override
    public String toString() {
        return "OnnxSession[" + model.getFileName() + " on " + provider + ", " + config.intraOpThreads()
                + " thread(s), inputs " + inputs.values() + ", outputs " + outputs.values() + "]";
    }
}
