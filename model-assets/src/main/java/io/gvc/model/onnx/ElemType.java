package io.gvc.model.onnx;

import java.util.Locale;

/** ONNX tensor element types (TensorProto.DataType), with the spelling the manifest uses. */
public enum ElemType {
    FLOAT(1, "float32", 4),
    UINT8(2, "uint8", 1),
    INT8(3, "int8", 1),
    INT32(6, "int32", 4),
    INT64(7, "int64", 8),
    BOOL(9, "bool", 1),
    FLOAT16(10, "float16", 2),
    DOUBLE(11, "float64", 8),
    BFLOAT16(16, "bfloat16", 2);

    private final int code;
    private final String spelling;
    private final int bytes;

    ElemType(int code, String spelling, int bytes) {
        this.code = code;
        this.spelling = spelling;
        this.bytes = bytes;
    }

    /** The TensorProto.DataType number. */
    public int code() {
        return code;
    }

    /** Lower-case name as in manifests and numpy: float32, float16, bfloat16, int64, ... */
    public String spelling() {
        return spelling;
    }

    public int bytes() {
        return bytes;
    }

    /** Parses a manifest spelling; also accepts the enum name (FLOAT, FLOAT16). */
    public static ElemType parse(String s) {
        String k = s.trim().toLowerCase(Locale.ROOT);
        for (ElemType t : values()) {
            if (t.spelling.equals(k) || t.name().toLowerCase(Locale.ROOT).equals(k)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown dtype '" + s + "'");
    }
}
