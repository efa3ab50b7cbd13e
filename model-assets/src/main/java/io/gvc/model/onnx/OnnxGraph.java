package io.gvc.model.onnx;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builder for one ONNX graph (GraphProto): typed inputs and outputs, constant initializers and the
 * nodes, which must be added in topological order. Names of values are plain strings as in ONNX.
 *
 * <pre>{@code
 * OnnxGraph g = new OnnxGraph("add");
 * g.input("a", ElemType.FLOAT, "N", 4).input("b", ElemType.FLOAT, "N", 4);
 * g.node("Add", List.of("a", "b"), List.of("c"));
 * g.output("c", ElemType.FLOAT, "N", 4);
 * }</pre>
 */
public final class OnnxGraph {

    /** A declared value: name, element type and shape ({@code null} shape = unknown rank). */
    public record ValueInfo(String name, ElemType type, Dim[] shape) {
        public ValueInfo {
            shape = shape == null ? null : shape.clone();
        }

        @Override
        public String toString() {
            return name + ":" + type.spelling() + (shape == null ? "[?]" : Arrays.toString(shape));
        }
    }

    /** One operator application (NodeProto). */
    public record Node(String opType, String domain, String name, List<String> inputs, List<String> outputs,
                       List<Attr> attrs) {
        public Node {
            inputs = List.copyOf(inputs);
            outputs = List.copyOf(outputs);
            attrs = List.copyOf(attrs);
        }
    }

    private final String name;
    private String docString = "";
    private final List<ValueInfo> inputs = new ArrayList<>();
    private final List<ValueInfo> outputs = new ArrayList<>();
    private final List<ValueInfo> valueInfos = new ArrayList<>();
    private final Map<String, TensorData> initializers = new LinkedHashMap<>();
    private final List<Node> nodes = new ArrayList<>();
    private int autoName;

    public OnnxGraph(String name) {
        this.name = name;
    }

    public String name() {
        return name;
    }

    public OnnxGraph doc(String doc) {
        this.docString = doc == null ? "" : doc;
        return this;
    }

    public String docString() {
        return docString;
    }

    /** Declares a graph input; dims are numbers (fixed) or strings (symbolic), see {@link Dim#from}. */
    public OnnxGraph input(String name, ElemType type, Object... dims) {
        inputs.add(new ValueInfo(name, type, Dim.all(dims)));
        return this;
    }

    public OnnxGraph output(String name, ElemType type, Object... dims) {
        outputs.add(new ValueInfo(name, type, Dim.all(dims)));
        return this;
    }

    /** Optional type annotation of an intermediate value. */
    public OnnxGraph valueInfo(String name, ElemType type, Object... dims) {
        valueInfos.add(new ValueInfo(name, type, Dim.all(dims)));
        return this;
    }

    public OnnxGraph initializer(TensorData t) {
        if (initializers.putIfAbsent(t.name(), t) != null) {
            throw new IllegalArgumentException("initializer " + t.name() + " defined twice");
        }
        return this;
    }

    public OnnxGraph initializer(String name, float[] data, long... dims) {
        return initializer(TensorData.floats(name, data, dims));
    }

    public OnnxGraph initializerInt64(String name, long[] data, long... dims) {
        return initializer(TensorData.int64s(name, data, dims));
    }

    /** Adds a node with explicit outputs. */
    public OnnxGraph node(String opType, List<String> in, List<String> out, Attr... attrs) {
        nodes.add(new Node(opType, "", opType + "_" + nodes.size(), in, out, Arrays.asList(attrs)));
        return this;
    }

    /** Adds a single-output node and returns the generated (or given) output name, for chaining expressions. */
    public String op(String opType, List<String> in, Attr... attrs) {
        String out = opType.toLowerCase() + "_" + (autoName++);
        node(opType, in, List.of(out), attrs);
        return out;
    }

    /** Single-output node with a chosen output name. */
    public String op(String opType, String outName, List<String> in, Attr... attrs) {
        node(opType, in, List.of(outName), attrs);
        return outName;
    }

    public List<ValueInfo> inputs() {
        return Collections.unmodifiableList(inputs);
    }

    public List<ValueInfo> outputs() {
        return Collections.unmodifiableList(outputs);
    }

    public List<ValueInfo> valueInfos() {
        return Collections.unmodifiableList(valueInfos);
    }

    public List<TensorData> initializers() {
        return List.copyOf(initializers.values());
    }

    public List<Node> nodes() {
        return Collections.unmodifiableList(nodes);
    }
}
