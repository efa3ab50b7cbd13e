package io.gvc.model.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import io.gvc.model.runtime.OnnxSession;
import io.gvc.model.runtime.OrtRuntime;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OnnxModelTest {

    @TempDir
    Path tmp;

    @Test
    void varintsAndFieldsEncodeAsProtobufSpecifies() {
        assertEquals("08ac02", HexFormat.of().formatHex(new ProtoWriter().int64(1, 300).toByteArray()));
        assertEquals("0801", HexFormat.of().formatHex(new ProtoWriter().int64(1, 1).toByteArray()));
        // negative int64: ten bytes, two's complement
        assertEquals("08ffffffffffffffffff01", HexFormat.of().formatHex(new ProtoWriter().int64(1, -1).toByteArray()));
        assertEquals("120161", HexFormat.of().formatHex(new ProtoWriter().string(2, "a").toByteArray()));
        assertEquals("150000803f", HexFormat.of().formatHex(new ProtoWriter().float32(2, 1f).toByteArray()));
        // field 20 (AttributeProto.type) needs a two-byte tag
        assertEquals("a00102", HexFormat.of().formatHex(new ProtoWriter().int32(20, 2).toByteArray()));
        assertEquals(2, ProtoWriter.varintSize(300));
    }

    private static float[] run(Path model, Map<String, float[]> in, Map<String, long[]> shapes, String out) throws Exception {
        OrtEnvironment env = OrtRuntime.environment();
        try (OrtSession s = env.createSession(model.toString(), new OrtSession.SessionOptions())) {
            java.util.Map<String, OnnxTensor> feed = new java.util.LinkedHashMap<>();
            try {
                for (var e : in.entrySet()) {
                    feed.put(e.getKey(), OnnxTensor.createTensor(env, FloatBuffer.wrap(e.getValue()), shapes.get(e.getKey())));
                }
                try (OrtSession.Result r = s.run(feed)) {
                    FloatBuffer fb = ((OnnxTensor) r.get(out).orElseThrow()).getFloatBuffer();
                    float[] v = new float[fb.remaining()];
                    fb.get(v);
                    return v;
                }
            } finally {
                feed.values().forEach(OnnxTensor::close);
            }
        }
    }

    @Test
    void addRunsExactlyWithSymbolicDims() throws Exception {
        OnnxGraph g = new OnnxGraph("add");
        g.input("a", ElemType.FLOAT, "N", 4).input("b", ElemType.FLOAT, "N", 4);
        g.node("Add", List.of("a", "b"), List.of("c"));
        g.output("c", ElemType.FLOAT, "N", 4);
        Path p = tmp.resolve("add.onnx");
        new OnnxModel(g).write(p);
        float[] a = {1.5f, -2f, 3.25f, 1e-7f, 0f, 7f, -0.5f, 100f};
        float[] b = {0.25f, 2f, 1f, 1f, -0f, 1e30f, 0.5f, -1e-3f};
        float[] c = run(p, Map.of("a", a, "b", b), Map.of("a", new long[] {2, 4}, "b", new long[] {2, 4}), "c");
        for (int i = 0; i < a.length; i++) {
            assertEquals(Float.floatToIntBits(a[i] + b[i]), Float.floatToIntBits(c[i]), "element " + i);
        }
        try (OnnxSession s = OrtRuntime.open(p)) {
            var info = s.inputs().get("a");
            assertArrayEquals(new long[] {-1, 4}, info.shape());
            assertEquals("N", info.dimNames()[0]);
            assertEquals(ElemType.FLOAT, info.type());
            assertEquals("[N, 4]", info.shapeString());
        }
    }

    @Test
    void matMulWithInitializerAndAttributesRunsExactly() throws Exception {
        // y = Gemm(x, W^T, bias; alpha = 0.5, transB = 1), then Reshape with an int64 initializer,
        // plus a Constant (tensor attribute) and a Constant with value_floats (floats attribute).
        OnnxGraph g = new OnnxGraph("mm");
        g.input("x", ElemType.FLOAT, 2, 3);
        g.initializer("W", new float[] {1, 2, 3, 4, 5, 6}, 2, 3); // [out=2, in=3], used transposed
        g.initializerInt64("flat", new long[] {4}, 1);
        g.node("Constant", List.of(), List.of("bias"), Attr.tensor("value", TensorData.floats("bias_v", new float[] {10, 20}, 2)));
        g.node("Gemm", List.of("x", "W", "bias"), List.of("y"), Attr.f("alpha", 0.5f), Attr.i("transB", 1));
        g.node("Reshape", List.of("y", "flat"), List.of("yflat"));
        g.node("Constant", List.of(), List.of("offs"), Attr.floats("value_floats", 1, 2, 3, 4));
        g.node("Add", List.of("yflat", "offs"), List.of("z"));
        g.node("MatMul", List.of("x", "Wt"), List.of("m"));
        g.initializer("Wt", new float[] {1, 4, 2, 5, 3, 6}, 3, 2);
        g.node("Transpose", List.of("m"), List.of("mt"), Attr.ints("perm", 1, 0));
        g.output("z", ElemType.FLOAT, 4);
        g.output("mt", ElemType.FLOAT, 2, 2);
        Path p = tmp.resolve("mm.onnx");
        new OnnxModel(g).write(p);
        float[] x = {1, 0, -1, 2, 1, 0};
        // x W^T = [[1-3, 4-6], [2+2, 8+5]] = [[-2, -2], [4, 13]]
        float[] z = run(p, Map.of("x", x), Map.of("x", new long[] {2, 3}), "z");
        assertArrayEquals(new float[] {0.5f * -2 + 10 + 1, 0.5f * -2 + 20 + 2, 0.5f * 4 + 10 + 3, 0.5f * 13 + 20 + 4}, z);
        float[] mt = run(p, Map.of("x", x), Map.of("x", new long[] {2, 3}), "mt");
        assertArrayEquals(new float[] {-2, 4, -2, 13}, mt);
    }

    @Test
    void serialisationIsDeterministic() {
        OnnxGraph g1 = new OnnxGraph("g");
        OnnxGraph g2 = new OnnxGraph("g");
        for (OnnxGraph g : List.of(g1, g2)) {
            g.input("x", ElemType.FLOAT, "L", 3);
            g.initializer("w", new float[] {1, 2, 3}, 3);
            g.op("Mul", List.of("x", "w"));
            g.output("mul_0", ElemType.FLOAT, "L", 3);
        }
        assertArrayEquals(new OnnxModel(g1).toBytes(), new OnnxModel(g2).toBytes());
    }

    @Test
    void bigInitializersGoToExternalDataAndLoad() throws Exception {
        int n = 3000; // 12000 bytes: above the threshold below
        float[] w = new float[n];
        for (int i = 0; i < n; i++) {
            w[i] = (float) Math.sin(i * 0.37) * 3;
        }
        OnnxGraph g = new OnnxGraph("ext");
        g.input("x", ElemType.FLOAT, n);
        g.initializer("w_big", w, n);
        g.initializer("w_small", new float[] {2f}, 1);
        g.node("Mul", List.of("x", "w_big"), List.of("xw"));
        g.node("Mul", List.of("xw", "w_small"), List.of("y"));
        g.output("y", ElemType.FLOAT, n);
        Path dir = Files.createDirectories(tmp.resolve("extmodel"));
        Path p = dir.resolve("model.onnx");
        int external = new OnnxModel(g).write(p, "model.onnx.data", 1024);
        assertEquals(1, external);
        Path data = dir.resolve("model.onnx.data");
        assertTrue(Files.isRegularFile(data));
        assertEquals(4L * n, Files.size(data)); // first tensor at offset 0, no padding needed
        assertTrue(Files.size(p) < 1000, "the proto keeps only the small tensor, got " + Files.size(p) + " bytes");
        ByteBuffer raw = ByteBuffer.wrap(Files.readAllBytes(data)).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(w[17], raw.getFloat(17 * 4));
        String proto = new String(Files.readAllBytes(p), java.nio.charset.StandardCharsets.ISO_8859_1);
        assertTrue(proto.contains("location") && proto.contains("model.onnx.data") && proto.contains("length"));

        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = i % 7 - 3;
        }
        float[] y = run(p, Map.of("x", x), Map.of("x", new long[] {n}), "y");
        for (int i = 0; i < n; i++) {
            assertEquals(x[i] * w[i] * 2f, y[i], 0f, "element " + i);
        }
        // moving the pair together keeps it loadable: the location is relative
        Path moved = Files.createDirectories(tmp.resolve("moved"));
        Files.move(p, moved.resolve("model.onnx"));
        Files.move(data, moved.resolve("model.onnx.data"));
        float[] y2 = run(moved.resolve("model.onnx"), Map.of("x", x), Map.of("x", new long[] {n}), "y");
        assertArrayEquals(y, y2);
    }

    @Test
    void secondExternalTensorIsPageAligned() throws Exception {
        OnnxGraph g = new OnnxGraph("ext2");
        g.input("x", ElemType.FLOAT, 1000);
        float[] a = new float[1000], b = new float[1000];
        java.util.Arrays.fill(a, 2f);
        for (int i = 0; i < b.length; i++) {
            b[i] = i;
        }
        g.initializer("a", a, 1000).initializer("b", b, 1000);
        g.node("Mul", List.of("x", "a"), List.of("xa"));
        g.node("Add", List.of("xa", "b"), List.of("y"));
        g.output("y", ElemType.FLOAT, 1000);
        Path p = tmp.resolve("ext2.onnx");
        assertEquals(2, new OnnxModel(g).write(p, "ext2.bin", 1));
        assertEquals(4096 + 4000, Files.size(tmp.resolve("ext2.bin")));
        float[] x = new float[1000];
        java.util.Arrays.fill(x, 1.5f);
        float[] y = run(p, Map.of("x", x), Map.of("x", new long[] {1000}), "y");
        for (int i = 0; i < 1000; i++) {
            assertEquals(3f + i, y[i], 0f);
        }
        assertFalse(Files.exists(tmp.resolve("unused.bin")));
        assertEquals(0, new OnnxModel(g).write(tmp.resolve("inline.onnx"), "unused.bin", Long.MAX_VALUE));
        assertFalse(Files.exists(tmp.resolve("unused.bin")), "no data file when nothing is external");
    }

    @Test
    void tensorInfoReportsFixedAndSymbolicDims() throws Exception {
        OnnxGraph g = new OnnxGraph("id");
        g.input("v", ElemType.FLOAT, 1, "C", 5);
        g.node("Identity", List.of("v"), List.of("w"));
        g.output("w", ElemType.FLOAT, 1, "C", 5);
        Path p = tmp.resolve("id.onnx");
        new OnnxModel(g).write(p);
        try (OrtSession s = OrtRuntime.environment().createSession(p.toString())) {
            TensorInfo ti = (TensorInfo) s.getInputInfo().get("v").getInfo();
            assertArrayEquals(new long[] {1, -1, 5}, ti.getShape());
            assertEquals("C", ti.getDimensionNames()[1]);
        }
    }
}
