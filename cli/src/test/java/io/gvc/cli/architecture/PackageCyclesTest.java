package io.gvc.cli.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * No package import cycle in the main code of any GVC module. The cli module (the gvc command
 * line) depends on every other module but integration-tests (which has no main code), so its test
 * class path holds all main classes, and {@link #readsEveryPackageWithMainSources} checks that it
 * does. The check reads the compiled classes (so a fully qualified name counts as much as an import)
 * and fails naming the classes behind each arrow of a cycle.
 */
class PackageCyclesTest {

    private static PackageGraph graph;

    @BeforeAll
    static void readClasses() throws IOException {
        graph = PackageGraph.ofMainClasses(PackageCyclesTest.class.getClassLoader());
    }

    @Test
    void readsTheMainClassesOfEveryModule() {
        // read, not only referred to: io.gvc.cli.demo refers to flink-jobs' io.gvc.jobs.pipeline, which
        // would count even if flink-jobs' classes were missing from the class path
        Set<String> packages = graph.readPackages();
        // one package of each module, so that a class path change cannot make the check vacuous
        for (String p : List.of("io.gvc.codec.bitstream", "io.gvc.model.prior", "io.gvc.kafka.formats",
                "io.gvc.kafka.broker", "io.gvc.operators.encode", "io.gvc.boundary", "io.gvc.media", "io.gvc.scene",
                "io.gvc.eval", "io.gvc.eval.baseline", "io.gvc.eval.bdrate", "io.gvc.cluster", "io.gvc.jobs.pipeline",
                "io.gvc.cli", "io.gvc.cli.demo", "io.gvc.cli.training")) {
            assertTrue(packages.contains(p), "no classes of " + p + " found on the class path");
        }
        assertFalse(packages.stream().anyMatch(p -> p.equals("io.gvc.cli.architecture")),
                "test classes must not be read as main code");
        assertTrue(graph.classCount() > 300, "only " + graph.classCount() + " classes read");
    }

    /**
     * Every package with main sources in any module folder beside this one is read: a new module the
     * cli module does not depend on would otherwise escape the check unnoticed.
     */
    @Test
    void readsEveryPackageWithMainSources() throws IOException {
        Path root = Path.of("").toAbsolutePath().getParent();
        Set<String> sourcePackages = new TreeSet<>();
        try (Stream<Path> modules = Files.list(root)) {
            for (Path src : modules.map(m -> m.resolve("src/main/java")).filter(Files::isDirectory).toList()) {
                try (Stream<Path> walk = Files.walk(src)) {
                    walk.filter(f -> f.toString().endsWith(".java"))
                            .map(f -> src.relativize(f.getParent()).toString().replace(File.separatorChar, '.'))
                            .forEach(sourcePackages::add);
                }
            }
        }
        assertTrue(sourcePackages.size() > 40, "found only " + sourcePackages + " under " + root);
        Set<String> missing = new TreeSet<>(sourcePackages);
        missing.removeAll(graph.readPackages());
        assertTrue(missing.isEmpty(), "main packages not on the cli module's class path, so not checked: " + missing);
    }

    @Test
    void noPackageCycle() {
        List<Set<String>> cycles = graph.cycles();
        if (!cycles.isEmpty()) {
            fail(cycles.stream().map(graph::describe).collect(Collectors.joining("\n")));
        }
    }

    @Test
    void findsEveryCycleAndOnlyCycles() {
        PackageGraph g = new PackageGraph();
        g.add("a.A", "b.B");
        g.add("b.B", "c.C");
        g.add("c.C", "a.Other"); // a -> b -> c -> a
        g.add("d.D", "a.A"); // into the cycle, not part of it
        g.add("e.E", "f.F");
        g.add("f.F", "e.E2"); // a second, separate cycle
        g.add("g.G", "g.H"); // same package: no arrow
        List<Set<String>> cycles = g.cycles();
        assertEquals(2, cycles.size(), cycles::toString);
        assertTrue(cycles.contains(Set.of("a", "b", "c")), cycles::toString);
        assertTrue(cycles.contains(Set.of("e", "f")), cycles::toString);
        assertTrue(g.describe(Set.of("e", "f")).contains("f.F -> e.E2"));
        g.ignore("f.F", "e");
        assertEquals(List.of(Set.of("a", "b", "c")), g.cycles());
    }

    @Test
    void readPackagesLeaveOutPackagesOnlyReferredTo() {
        PackageGraph g = new PackageGraph();
        g.add("a.A", "b.B");
        assertEquals(Set.of("a", "b"), g.packages());
        assertEquals(Set.of("a"), g.readPackages());
    }

    /** Refers to engine classes only by fully qualified names, in a field, a generic signature and code. */
    @SuppressWarnings("unused")
    private static final class Fixture {
        io.gvc.codec.frame.Frame frame;
        List<io.gvc.codec.variant.Variant> variants;

        Object writer() {
            return new io.gvc.codec.bitstream.BitWriter();
        }
    }

    @Test
    void readsReferencesFromFieldsSignaturesAndCode() throws IOException {
        byte[] bytes;
        try (var in = PackageCyclesTest.class.getResourceAsStream("PackageCyclesTest$Fixture.class")) {
            bytes = in.readAllBytes();
        }
        Set<String> refs = ClassReferences.of(bytes);
        assertTrue(refs.containsAll(Set.of("io.gvc.codec.frame.Frame", "io.gvc.codec.variant.Variant",
                "io.gvc.codec.bitstream.BitWriter")), refs::toString);
    }
}
