package io.gvc.model.runtime;

import io.gvc.model.onnx.ElemType;
import java.util.Arrays;

/**
 * A model input or output as ONNX Runtime reports it: name, element type (null when ORT reports a
 * type this project has no name for) and shape, -1 for a dimension that is symbolic or unknown;
 * {@code dimNames[i]} is the symbolic name of dimension i, or "" when fixed or unnamed.
 */
public record TensorSpec(String name, ElemType type, String ortType, long[] shape, String[] dimNames) {

    public TensorSpec {
        shape = shape.clone();
        dimNames = dimNames.clone();
    }

    public int rank() {
        return shape.length;
    }

    /** Human-readable shape: fixed sizes as numbers, symbolic ones by name or '?'. */
    public String shapeString() {
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < shape.length; i++) {
            if (i > 0) {
                b.append(", ");
            }
            if (shape[i] >= 0) {
                b.append(shape[i]);
            } else {
                b.append(dimNames[i] == null || dimNames[i].isEmpty() ? "?" : dimNames[i]);
            }
        }
        return b.append(']').toString();
    }

    public String typeString() {
        return type == null ? ortType : type.spelling();
    }

    @Override
    public String toString() {
        return name + ":" + typeString() + shapeString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TensorSpec t && t.name.equals(name) && t.type == type && Arrays.equals(t.shape, shape)
                && Arrays.equals(t.dimNames, dimNames);
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + Arrays.hashCode(shape);
    }
}
