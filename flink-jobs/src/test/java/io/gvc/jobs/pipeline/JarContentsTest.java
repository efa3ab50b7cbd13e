package io.gvc.jobs.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Flink job jar as built (runs after {@code package}, see flink-jobs/pom.xml): small, without
 * what the cluster provides or what a job must never carry, natives for linux-x86_64 only, and a
 * manifest main class that returns.
 */
class JarContentsTest {

    static final long MAX_BYTES = 80L * 1024 * 1024;
    /** Nothing under these: the broker and its Scala, test frameworks, JavaFX, Flink's own runtime, logging bindings. */
    static final List<String> FORBIDDEN = List.of("kafka/server/", "scala/", "org/junit/", "junit/",
            "org/opentest4j/", "javafx/", "com/sun/javafx/", "org/apache/kafka/common/test/", "io/gvc/kafka/broker/",
            "org/apache/flink/runtime/", "org/apache/flink/streaming/api/environment/", "org/apache/flink/api/common/",
            "org/apache/logging/log4j/", "org/slf4j/");
    /** Where each bundled library keeps its linux-x86_64 natives. */
    static final Pattern LINUX_X86_64 = Pattern.compile(
            "(^|/)(linux-x86_64(-gpl)?|linux-x64|linux/amd64|Linux/x86_64)/[^/]+$");
    static final Pattern NATIVE = Pattern.compile(".*\\.(so(\\.\\d+)*|dll|dylib|jnilib|a)$");

    static Path jar;
    static List<String> entries;

    @BeforeAll
    static void open() throws IOException {
        jar = Path.of(System.getProperty("gvc.flinkJobsJar", "target/gvc-flink-jobs.jar"));
        assertTrue(Files.isRegularFile(jar), jar + " is missing: run this test after mvn package");
        try (JarFile f = new JarFile(jar.toFile())) {
            entries = f.stream().map(ZipEntry::getName).toList();
        }
        System.out.printf("%s: %.1f MB, %d entries%n", jar, Files.size(jar) / 1e6, entries.size());
    }

    @Test
    void isUnder80Megabytes() throws IOException {
        assertTrue(Files.size(jar) < MAX_BYTES, jar + " is " + Files.size(jar) + " bytes, over " + MAX_BYTES);
    }

    @Test
    void holdsNoBrokerScalaJunitJavafxFlinkRuntimeOrLogging() {
        for (String prefix : FORBIDDEN) {
            List<String> found = entries.stream().filter(e -> e.startsWith(prefix)).limit(5).toList();
            assertTrue(found.isEmpty(), "the job jar holds " + prefix + "...: " + found);
        }
        // the broker's Scala classes live in the package kafka (kafka-clients has only kafka/kafka-version.properties there)
        List<String> brokerClasses = entries.stream().filter(e -> e.startsWith("kafka/") && e.endsWith(".class"))
                .limit(5).toList();
        assertTrue(brokerClasses.isEmpty(), "the job jar holds broker classes: " + brokerClasses);
    }

    @Test
    void nativesAreForLinuxX8664Only() {
        List<String> natives = entries.stream().filter(e -> NATIVE.matcher(e).matches()).toList();
        List<String> other = natives.stream().filter(e -> !LINUX_X86_64.matcher(e).find()).toList();
        assertTrue(other.isEmpty(), "natives for other platforms: " + other);
        // what the jobs load: FFmpeg (x264/x265 boundaries), JavaCPP, ONNX Runtime, Kafka's compressors
        for (String needed : List.of("org/bytedeco/ffmpeg/linux-x86_64-gpl/libavcodec", "org/bytedeco/javacpp/linux-x86_64/",
                "ai/onnxruntime/native/linux-x64/libonnxruntime.so", "linux/amd64/libzstd-jni")) {
            assertTrue(natives.stream().anyMatch(e -> e.startsWith(needed)), "no " + needed + "* in " + natives);
        }
    }

    @Test
    void holdsBothJobsTheirOperatorsCodecsAndConnector() {
        Set<String> all = Set.copyOf(entries);
        for (String e : List.of("io/gvc/jobs/pipeline/EncodeJob.class", "io/gvc/jobs/pipeline/DecodeJob.class",
                "io/gvc/jobs/pipeline/FlinkJobs.class", "io/gvc/operators/encode/KeyframeChainFunction.class",
                "io/gvc/operators/encode/AtomSearchFunction.class", "io/gvc/operators/order/Reorderer.class",
                "io/gvc/boundary/X265IntraCodec.class", "io/gvc/model/learned/manifest.json",
                "org/apache/flink/connector/kafka/sink/KafkaSink.class",
                "org/apache/kafka/clients/producer/KafkaProducer.class")) {
            assertTrue(all.contains(e), "the job jar lacks " + e);
        }
    }

    @Test
    void registersTheBoundaryCodecsLazily() throws IOException {
        try (JarFile f = new JarFile(jar.toFile())) {
            String services = new String(f.getInputStream(
                    f.getEntry("META-INF/services/io.gvc.codec.intra.IntraCodecProvider")).readAllBytes(),
                    StandardCharsets.UTF_8);
            assertEquals(Set.of("io.gvc.boundary.X264Provider", "io.gvc.boundary.X265Provider"),
                    services.lines().map(String::trim).filter(l -> !l.isEmpty()).collect(Collectors.toSet()));
        }
    }

    @Test
    void manifestMainClassPrintsUsageAndReturns() throws Exception {
        try (JarFile f = new JarFile(jar.toFile())) {
            Manifest m = f.getManifest();
            assertEquals(FlinkJobs.class.getName(), m.getMainAttributes().getValue("Main-Class"));
        }
        // java -jar as a web-UI or REST run without an entry class would call it: no Flink on the class
        // path is needed to print the usage, and it ends normally
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process p = new ProcessBuilder(java.toString(), "-jar", jar.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(2, TimeUnit.MINUTES), "java -jar did not end");
        assertEquals(0, p.exitValue(), out);
        assertTrue(out.contains("io.gvc.jobs.pipeline.EncodeJob") && out.contains("io.gvc.jobs.pipeline.DecodeJob"), out);
    }

    @Test
    void clusterLibHoldsTheNativeLibrariesJars() throws IOException {
        Path lib = Path.of(System.getProperty("gvc.clusterLib", "target/cluster-lib"));
        List<String> names = new ArrayList<>();
        try (Stream<Path> s = Files.list(lib)) {
            s.forEach(p -> names.add(p.getFileName().toString()));
        }
        for (String prefix : List.of("javacpp-", "ffmpeg-", "onnxruntime-")) {
            assertTrue(names.stream().anyMatch(n -> n.startsWith(prefix)), "no " + prefix + "* in " + lib + ": " + names);
        }
        assertTrue(names.stream().anyMatch(n -> n.matches("ffmpeg-.*-linux-x86_64-gpl\\.jar")), names.toString());
        assertTrue(names.stream().anyMatch(n -> n.matches("javacpp-.*-linux-x86_64\\.jar")), names.toString());
        assertEquals(5, names.size(), names.toString());
    }
}
