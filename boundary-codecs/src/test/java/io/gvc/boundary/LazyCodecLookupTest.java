package io.gvc.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Asking for gvc-dct boundaries (as a live stream configured with {@code default.intra=gvc-dct}
 * does) loads nothing of FFmpeg or JavaCPP, although x264 and x265 are registered; asking for x265
 * does. Each case runs in a fresh class loader over this module's class path that records every
 * class it is asked for, as a Flink job's class loader would be.
 */
class LazyCodecLookupTest {

    @Test
    void gvcDctAndTheListOfCodecsLoadNoFfmpeg() throws Exception {
        List<String> loaded = run(loader -> {
            Class<?> codecs = Class.forName("io.gvc.codec.intra.IntraCodecs", true, loader);
            Object dct = codecs.getMethod("byId", String.class).invoke(null, "gvc-dct");
            assertEquals("gvc-dct", dct.getClass().getMethod("id").invoke(dct));
            assertEquals(Set.of("gvc-dct", "x264", "x265"), Set.copyOf((Set<?>) codecs.getMethod("ids").invoke(null)));
            assertEquals("x265", codecs.getMethod("defaultId").invoke(null));
            codecs.getMethod("requireKnown", String.class).invoke(null, "x264");
        });
        assertTrue(loaded.contains("io.gvc.boundary.X265Provider"), "the providers were not even looked up: " + loaded);
        List<String> native_ = loaded.stream().filter(n -> n.startsWith("org.bytedeco.")
                || n.equals("io.gvc.boundary.X26x") || n.equals("io.gvc.boundary.FfmpegIntraCodec")).toList();
        assertTrue(native_.isEmpty(), "looking up gvc-dct loaded " + native_);
    }

    @Test
    void x265LoadsFfmpeg() throws Exception {
        List<String> loaded = run(loader -> {
            Class<?> codecs = Class.forName("io.gvc.codec.intra.IntraCodecs", true, loader);
            Object x265 = codecs.getMethod("byId", String.class).invoke(null, "x265");
            assertEquals("x265", x265.getClass().getMethod("id").invoke(x265));
        });
        assertTrue(loaded.contains("org.bytedeco.ffmpeg.global.avcodec"), "x265 without FFmpeg? " + loaded);
    }

    interface Body {
        void accept(ClassLoader loader) throws Exception;
    }

    /** Runs {@code body} with a fresh recording loader as the context class loader (ServiceLoader's). */
    private static List<String> run(Body body) throws Exception {
        List<String> loaded = Collections.synchronizedList(new ArrayList<>());
        try (RecordingLoader loader = new RecordingLoader(classPath(), loaded)) {
            Thread t = Thread.currentThread();
            ClassLoader old = t.getContextClassLoader();
            t.setContextClassLoader(loader);
            try {
                body.accept(loader);
            } finally {
                t.setContextClassLoader(old);
            }
        }
        return loaded;
    }

    private static URL[] classPath() throws Exception {
        // surefire may hand the JVM a manifest-only jar; it names the real class path here
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<URL> urls = new ArrayList<>();
        for (String e : cp.split(File.pathSeparator)) {
            if (!e.isBlank()) {
                urls.add(Path.of(e).toUri().toURL());
            }
        }
        return urls.toArray(URL[]::new);
    }

    /** Loads the class path's classes itself (not from the test's loader) and notes each name asked for. */
    private static final class RecordingLoader extends URLClassLoader {
        private final List<String> loaded;

        RecordingLoader(URL[] urls, List<String> loaded) {
            super(urls, ClassLoader.getPlatformClassLoader());
            this.loaded = loaded;
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            loaded.add(name);
            return super.loadClass(name, resolve);
        }
    }

}
