package io.gvc.model.onnx;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * A constant tensor (an initializer, or the value of a tensor attribute): name, element type,
 * dimensions and its bytes, fixed-width little-endian in row-major order as ONNX's raw_data wants.
 */
public record TensorData(String name, ElemType type, long[] dims, ByteBuffer raw) {

    public TensorData {
        dims = dims.clone();
        long n = elements(dims);
        if (raw.remaining() != n * type.bytes()) {
            throw new IllegalArgumentException("tensor " + name + ": " + raw.remaining() + " bytes for " + n
                    + " elements of " + type.spelling());
        }
        raw = raw.slice().order(ByteOrder.LITTLE_ENDIAN).asReadOnlyBuffer().order(ByteOrder.LITTLE_ENDIAN);
    }

    public static long elements(long[] dims) {
        long n = 1;
        for (long d : dims) {
            n *= d;
        }
        return n;
    }

    public static TensorData floats(String name, float[] data, long... dims) {
        ByteBuffer b = ByteBuffer.allocate(4 * data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(data);
        return new TensorData(name, ElemType.FLOAT, dims, b);
    }

    public static TensorData int64s(String name, long[] data, long... dims) {
        ByteBuffer b = ByteBuffer.allocate(8 * data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.asLongBuffer().put(data);
        return new TensorData(name, ElemType.INT64, dims, b);
    }

    /** A float32 scalar (rank 0). */
    public static TensorData scalar(String name, float v) {
        return floats(name, new float[] {v});
    }

    public long byteSize() {
        return raw.remaining();
    }

    /** The bytes as an array (copies; only for tensors that fit one array). */
    public byte[] bytes() {
        byte[] b = new byte[raw.remaining()];
        raw.duplicate().get(b);
        return b;
    }
}
