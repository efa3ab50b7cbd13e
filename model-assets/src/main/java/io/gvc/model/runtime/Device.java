package io.gvc.model.runtime;

import java.util.Locale;

/**
 * Where a session should run: {@code cpu}, {@code cuda} (device 0) or {@code cuda:N}. A CUDA request
 * is a wish: when the CUDA provider cannot be added (the CPU-only ONNX Runtime jar, no GPU, no
 * driver) the session falls back to the CPU and says so (see {@link OnnxSession#provider()}).
 */
public record Device(Kind kind, int index) {

    public enum Kind { CPU, CUDA }

    public static final Device CPU = new Device(Kind.CPU, 0);

    public Device {
        if (index < 0) {
            throw new IllegalArgumentException("device index must be >= 0, got " + index);
        }
    }

    public static Device cuda(int index) {
        return new Device(Kind.CUDA, index);
    }

    /** Parses "cpu", "cuda" or "cuda:N" (case-insensitive). */
    public static Device parse(String s) {
        String k = s.trim().toLowerCase(Locale.ROOT);
        if (k.equals("cpu")) {
            return CPU;
        }
        if (k.equals("cuda") || k.equals("gpu")) {
            return cuda(0);
        }
        if (k.startsWith("cuda:")) {
            try {
                return cuda(Integer.parseInt(k.substring(5)));
            } catch (NumberFormatException e) {
                // fall through to the error below
            }
        }
        throw new IllegalArgumentException("unknown device '" + s + "' (cpu, cuda or cuda:N)");
    }

    @Override
    public String toString() {
        return kind == Kind.CPU ? "cpu" : "cuda:" + index;
    }
}
