package io.gvc.model.runtime;

import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.gvc.model.onnx.ElemType;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Reusable input and output tensors of one {@link OnnxSession} at fixed shapes: the caller writes
 * float32 values into {@link #input}, calls {@link #run}, and reads float32 values from
 * {@link #output}. Nothing is allocated per run for float32 tensors: inputs and pinned outputs are
 * OnnxTensors over direct buffers that ORT reads and writes in place. float16, bfloat16, int32 and
 * int64 tensors keep a float32 staging buffer and are converted on each run (round to nearest
 * even; integers rounded). Not thread-safe: one binding per caller.
 */
public final class Binding implements AutoCloseable {

    private static final class Slot {
        final String name;
        final ElemType type;
        final long[] shape;
        final int n;
        ByteBuffer direct;
        OnnxTensor tensor;
        FloatBuffer staging; // float32 view the caller sees

        Slot(String name, ElemType type, long[] shape) {
            this.name = name;
            this.type = type;
            this.shape = shape.clone();
            long count = 1;
            for (long d : shape) {
                if (d < 0) {
                    throw new IllegalArgumentException(name + ": shape " + Arrays.toString(shape) + " is not concrete");
                }
                count *= d;
            }
            if (count * Math.max(4, type.bytes()) > Integer.MAX_VALUE) {
                throw new IllegalArgumentException(name + ": " + count + " elements is too many for one buffer");
            }
            this.n = (int) count;
        }
    }

    private final OnnxSession session;
    private final Map<String, Slot> inputs = new LinkedHashMap<>();
    private final Map<String, Slot> pinned = new LinkedHashMap<>();
    private final Map<String, FloatBuffer> copied = new LinkedHashMap<>();
    private final Map<String, OnnxTensor> inputTensors = new LinkedHashMap<>();
    private final Map<String, OnnxTensor> pinnedTensors = new LinkedHashMap<>();
    private final Set<String> requested = new LinkedHashSet<>();
    private boolean closed;

    Binding(OnnxSession session, Map<String, long[]> inputShapes, Map<String, long[]> outputShapes) throws OrtException {
        this.session = session;
        try {
            for (TensorSpec spec : session.inputs().values()) {
                long[] shape = inputShapes.get(spec.name());
                if (shape == null) {
                    throw new IllegalArgumentException("no shape given for model input '" + spec.name() + "'");
                }
                Slot s = slot(spec, shape);
                inputs.put(s.name, s);
                inputTensors.put(s.name, s.tensor);
            }
            for (String name : inputShapes.keySet()) {
                if (!session.inputs().containsKey(name)) {
                    throw new IllegalArgumentException("model has no input '" + name + "' (inputs: "
                            + session.inputs().keySet() + ")");
                }
            }
            for (TensorSpec spec : session.outputs().values()) {
                long[] shape = outputShapes.get(spec.name());
                if (shape == null) {
                    requested.add(spec.name());
                } else {
                    Slot s = slot(spec, shape);
                    pinned.put(s.name, s);
                    pinnedTensors.put(s.name, s.tensor);
                }
            }
        } catch (OrtException | RuntimeException e) {
            close();
            throw e;
        }
    }

    private Slot slot(TensorSpec spec, long[] shape) throws OrtException {
        if (spec.type() == null) {
            throw new IllegalArgumentException(spec.name() + ": unsupported element type " + spec.ortType());
        }
        if (spec.rank() != shape.length) {
            throw new IllegalArgumentException(spec.name() + ": model has rank " + spec.rank() + " " + spec.shapeString()
                    + ", binding asked for " + Arrays.toString(shape));
        }
        for (int i = 0; i < shape.length; i++) {
            if (spec.shape()[i] >= 0 && spec.shape()[i] != shape[i]) {
                throw new IllegalArgumentException(spec.name() + ": dimension " + i + " is fixed at " + spec.shape()[i]
                        + " in the model, binding asked for " + shape[i]);
            }
        }
        Slot s = new Slot(spec.name(), spec.type(), shape);
        OnnxJavaType jt;
        switch (spec.type()) {
            case FLOAT -> jt = OnnxJavaType.FLOAT;
            case FLOAT16 -> jt = OnnxJavaType.FLOAT16;
            case BFLOAT16 -> jt = OnnxJavaType.BFLOAT16;
            case INT32 -> jt = OnnxJavaType.INT32;
            case INT64 -> jt = OnnxJavaType.INT64;
            default -> throw new IllegalArgumentException(spec.name() + ": unsupported element type "
                    + spec.type().spelling() + " (float32, float16, bfloat16, int32, int64)");
        }
        s.direct = ByteBuffer.allocateDirect(Math.max(1, s.n * spec.type().bytes())).order(ByteOrder.nativeOrder());
        if (s.n == 0) {
            s.direct.limit(0);
        }
        s.tensor = OnnxTensor.createTensor(OrtRuntime.environment(), s.direct, shape, jt);
        s.staging = spec.type() == ElemType.FLOAT ? s.direct.asFloatBuffer() : FloatBuffer.allocate(s.n);
        return s;
    }

    /** The float32 buffer of input {@code name} (capacity = its element count); write before {@link #run}. */
    public FloatBuffer input(String name) {
        Slot s = inputs.get(name);
        if (s == null) {
            throw new IllegalArgumentException("no input '" + name + "' (inputs: " + inputs.keySet() + ")");
        }
        return s.staging.clear();
    }

    public long[] inputShape(String name) {
        return inputs.get(name).shape.clone();
    }

    /** The float32 values of output {@code name} from the last {@link #run}. */
    public FloatBuffer output(String name) {
        Slot s = pinned.get(name);
        if (s != null) {
            return s.staging.clear();
        }
        FloatBuffer f = copied.get(name);
        if (f == null) {
            throw new IllegalArgumentException("no output '" + name + "' yet (outputs: " + session.outputs().keySet() + ")");
        }
        return f.duplicate().clear();
    }

    /** Runs the model on the current input buffers. */
    public void run() throws OrtException {
        if (closed) {
            throw new IllegalStateException("binding closed");
        }
        for (Slot s : inputs.values()) {
            toNative(s);
        }
        try (OrtSession.Result r = session.ort().run(inputTensors, requested, pinnedTensors)) {
            for (Slot s : pinned.values()) {
                fromNative(s);
            }
            for (String name : requested) {
                OnnxValue v = r.get(name).orElseThrow(() -> new OrtException("output " + name + " missing"));
                if (!(v instanceof OnnxTensor t)) {
                    throw new OrtException("output " + name + " is not a tensor");
                }
                FloatBuffer src = t.getFloatBuffer();
                if (src == null) {
                    throw new OrtException("output " + name + " of type " + t.getInfo().type + " cannot be read as float");
                }
                FloatBuffer dst = copied.get(name);
                if (dst == null || dst.capacity() != src.remaining()) {
                    dst = FloatBuffer.allocate(src.remaining());
                    copied.put(name, dst);
                }
                dst.clear();
                dst.put(src);
                dst.flip();
            }
        }
    }

    /** Copies a slot's float32 staging values into its native tensor (nothing for float32, which shares it). */
    private static void toNative(Slot s) {
        NativeElement e = NativeElement.of(s.type);
        if (e == null) {
            return; // the staging buffer is the tensor's memory
        }
        for (int i = 0; i < s.n; i++) {
            e.put(s.direct, i, s.staging.get(i));
        }
    }

    /** Copies a pinned output's native values into its float32 staging buffer (nothing for float32). */
    private static void fromNative(Slot s) {
        NativeElement e = NativeElement.of(s.type);
        if (e == null) {
            return; // ORT wrote into the staging buffer's memory
        }
        for (int i = 0; i < s.n; i++) {
            s.staging.put(i, e.get(s.direct, i));
        }
    }

    /** How a float32 value is stored in a tensor of another element type, and read back: one row per type. */
    private enum NativeElement {
        FLOAT16 {
            void put(ByteBuffer d, int i, float v) {
                d.putShort(2 * i, Half.toFloat16(v));
            }

            float get(ByteBuffer d, int i) {
                return Half.fromFloat16(d.getShort(2 * i));
            }
        },
        BFLOAT16 {
            void put(ByteBuffer d, int i, float v) {
                d.putShort(2 * i, Half.toBfloat16(v));
            }

            float get(ByteBuffer d, int i) {
                return Half.fromBfloat16(d.getShort(2 * i));
            }
        },
        INT32 {
            void put(ByteBuffer d, int i, float v) {
                d.putInt(4 * i, Math.round(v));
            }

            float get(ByteBuffer d, int i) {
                return d.getInt(4 * i);
            }
        },
        INT64 {
            void put(ByteBuffer d, int i, float v) {
                d.putLong(8 * i, Math.round((double) v));
            }

            float get(ByteBuffer d, int i) {
                return d.getLong(8 * i);
            }
        };

        abstract void put(ByteBuffer d, int i, float v);

        abstract float get(ByteBuffer d, int i);

        /** The conversion for {@code type}; null for float32, which needs none. */
        static NativeElement of(ElemType type) {
            return switch (type) {
                case FLOAT -> null;
                case FLOAT16 -> FLOAT16;
                case BFLOAT16 -> BFLOAT16;
                case INT32 -> INT32;
                case INT64 -> INT64;
                default -> throw new IllegalStateException(type.toString());
            };
        }
    }

    @Override
    public void close() {
        closed = true;
        for (Slot s : inputs.values()) {
            if (s.tensor != null) {
                s.tensor.close();
            }
        }
        for (Slot s : pinned.values()) {
            if (s.tensor != null) {
                s.tensor.close();
            }
        }
        inputs.clear();
        pinned.clear();
        inputTensors.clear();
        pinnedTensors.clear();
    }
}
