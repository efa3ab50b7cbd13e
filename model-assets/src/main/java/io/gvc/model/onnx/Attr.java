package io.gvc.model.onnx;

/** A node attribute (AttributeProto): one of int, float, string, ints, floats or tensor. */
public sealed interface Attr {

    String name();

    record Int(String name, long value) implements Attr {
    }

    record Flt(String name, float value) implements Attr {
    }

    record Str(String name, String value) implements Attr {
    }

    record Ints(String name, long[] values) implements Attr {
        public Ints {
            values = values.clone();
        }
    }

    record Floats(String name, float[] values) implements Attr {
        public Floats {
            values = values.clone();
        }
    }

    record Tensor(String name, TensorData value) implements Attr {
    }

    static Attr i(String name, long v) {
        return new Int(name, v);
    }

    static Attr f(String name, float v) {
        return new Flt(name, v);
    }

    static Attr s(String name, String v) {
        return new Str(name, v);
    }

    static Attr ints(String name, long... v) {
        return new Ints(name, v);
    }

    static Attr floats(String name, float... v) {
        return new Floats(name, v);
    }

    static Attr tensor(String name, TensorData v) {
        return new Tensor(name, v);
    }
}
