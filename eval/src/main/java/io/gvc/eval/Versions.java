package io.gvc.eval;

import java.util.LinkedHashMap;
import java.util.Map;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacpp.Loader;

/** The versions a sweep's numbers depend on, for the top of the report. */
final class Versions {

    private Versions() {
    }

    /** @param withOnnx whether ONNX Runtime ran (LPIPS or an ONNX prior); asking loads its native library */
    static Map<String, String> collect(String gvcVersion, String prior, boolean withOnnx) {
        Map<String, String> v = new LinkedHashMap<>();
        v.put("gvc", gvcVersion);
        v.put("prior", prior);
        v.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        v.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch"));
        v.put("cpus", Integer.toString(Runtime.getRuntime().availableProcessors()));
        try {
            int c = avcodec.avcodec_version();
            v.put("ffmpeg", avutil.av_version_info().getString() + " (libavcodec " + (c >> 16) + "."
                    + ((c >> 8) & 0xFF) + "." + (c & 0xFF) + ")");
            // x264 and x265 are the ones linked into this FFmpeg build; the build's version pins them
            v.put("x264_x265", "libx264/libx265 of org.bytedeco:ffmpeg " + version("org.bytedeco", "ffmpeg")
                    + " linux-x86_64-gpl, preset medium, CRF, one thread");
        } catch (RuntimeException | LinkageError e) {
            v.put("ffmpeg", "unavailable: " + e.getMessage());
        }
        v.put("javacpp", version("org.bytedeco", "javacpp"));
        v.put("xchart", version("org.knowm.xchart", "xchart"));
        if (withOnnx) {
            try {
                v.put("onnxruntime", ai.onnxruntime.OrtEnvironment.getEnvironment().getVersion());
            } catch (RuntimeException | LinkageError e) {
                v.put("onnxruntime", "unavailable: " + e.getMessage());
            }
        }
        return v;
    }

    private static String version(String group, String artifact) {
        try {
            String s = Loader.getVersion(group, artifact);
            return s == null ? "unknown" : s;
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }
}
