package io.gvc.model.runtime;

/**
 * How to open an ONNX Runtime session. The defaults favour reproducibility: one intra-op thread,
 * one inter-op thread, sequential execution and ORT's deterministic-compute flag, so that the same
 * inputs give the same bits on every run (VelocityField's contract). More intra-op threads are fine
 * for speed as long as encoder and decoder use the same count: the count is part of the setting.
 *
 * @param device         requested device (falls back to CPU when CUDA is unavailable)
 * @param intraOpThreads threads inside one operator (fixed, never 0 = "all cores")
 * @param optimize       graph optimisation level: true = ORT_ENABLE_ALL, false = ORT_ENABLE_BASIC
 */
public record SessionConfig(Device device, int intraOpThreads, boolean optimize) {

    public SessionConfig {
        if (device == null) {
            device = Device.CPU;
        }
        if (intraOpThreads < 1) {
            throw new IllegalArgumentException("intra-op threads must be >= 1 (a fixed count), got " + intraOpThreads);
        }
    }

    public static SessionConfig cpu() {
        return new SessionConfig(Device.CPU, 1, true);
    }

    public static SessionConfig of(String device, int intraOpThreads) {
        return new SessionConfig(Device.parse(device), intraOpThreads, true);
    }

    public SessionConfig withDevice(Device d) {
        return new SessionConfig(d, intraOpThreads, optimize);
    }

    public SessionConfig withThreads(int n) {
        return new SessionConfig(device, n, optimize);
    }
}
