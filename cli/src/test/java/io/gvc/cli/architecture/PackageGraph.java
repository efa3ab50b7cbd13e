package io.gvc.cli.architecture;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Which io.gvc package refers to which, built from the compiled main classes of every GVC module on
 * the class path, with the class-level references behind each arrow kept for the error message.
 */
final class PackageGraph {

    /** package -> package it refers to -> "Class -> Class" references that make the arrow. */
    private final Map<String, Map<String, Set<String>>> arrows = new TreeMap<>();
    private final Set<String> classes = new TreeSet<>();

    /** An empty graph; {@link #add} fills it. */
    PackageGraph() {
    }

    /**
     * Reads every class under io/gvc in the class path roots that hold main code: each module's
     * {@code target/classes} or its jar, never a {@code test-classes} folder. A class seen in more than
     * one root (a shaded jar repeats its dependencies) counts once.
     */
    static PackageGraph ofMainClasses(ClassLoader loader) throws IOException {
        PackageGraph g = new PackageGraph();
        Enumeration<URL> roots = loader.getResources("io/gvc");
        while (roots.hasMoreElements()) {
            URL url = roots.nextElement();
            if (url.toString().contains("/test-classes/")) {
                continue;
            }
            g.readRoot(url);
        }
        return g;
    }

    private void readRoot(URL url) throws IOException {
        URI uri;
        try {
            uri = url.toURI();
        } catch (URISyntaxException e) {
            throw new IOException("class path root " + url, e);
        }
        if ("jar".equals(uri.getScheme())) {
            try (FileSystem jar = FileSystems.newFileSystem(uri, Map.of())) {
                readTree(jar.getPath("/io/gvc"));
            } catch (java.nio.file.FileSystemAlreadyExistsException e) {
                readTree(FileSystems.getFileSystem(uri).getPath("/io/gvc"));
            }
        } else {
            readTree(Path.of(uri));
        }
    }

    private void readTree(Path dir) throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(dir)) {
            files = walk.filter(p -> p.toString().endsWith(".class")).toList();
        }
        for (Path file : files) {
            String name = dir.getParent().getParent().relativize(file).toString().replace('\\', '/')
                    .replace('/', '.').replaceAll("\\.class$", "");
            if (!classes.add(name)) {
                continue;
            }
            byte[] bytes;
            try (InputStream in = Files.newInputStream(file)) {
                bytes = in.readAllBytes();
            }
            for (String ref : ClassReferences.of(bytes)) {
                add(name, ref);
            }
        }
    }

    /** Records that class {@code from} refers to class {@code to} (binary names). */
    void add(String from, String to) {
        classes.add(from);
        String fromPackage = ClassReferences.packageOf(from), toPackage = ClassReferences.packageOf(to);
        if (!toPackage.equals(fromPackage)) {
            arrows.computeIfAbsent(fromPackage, k -> new TreeMap<>()).computeIfAbsent(toPackage, k -> new TreeSet<>())
                    .add(from + " -> " + to);
        }
    }

    int classCount() {
        return classes.size();
    }

    /** Packages of the classes read: unlike {@link #packages}, not those only referred to by them. */
    Set<String> readPackages() {
        Set<String> read = new TreeSet<>();
        classes.forEach(c -> read.add(ClassReferences.packageOf(c)));
        return read;
    }

    /** Packages read and packages referred to. */
    Set<String> packages() {
        Set<String> all = new TreeSet<>(arrows.keySet());
        arrows.values().forEach(m -> all.addAll(m.keySet()));
        classes.forEach(c -> all.add(ClassReferences.packageOf(c)));
        return all;
    }

    /** The class references behind the arrow {@code from -> to}, empty if there is none. */
    Set<String> references(String from, String to) {
        return arrows.getOrDefault(from, Map.of()).getOrDefault(to, Set.of());
    }

    /** Drops one class's references to a package (an arrow known and reported elsewhere). */
    void ignore(String className, String toPackage) {
        Map<String, Set<String>> out = arrows.get(ClassReferences.packageOf(className));
        Set<String> refs = out == null ? null : out.get(toPackage);
        if (refs != null) {
            refs.removeIf(r -> r.startsWith(className + " -> ") || r.startsWith(className + "$"));
            if (refs.isEmpty()) {
                out.remove(toPackage);
            }
        }
    }

    /** The strongly connected groups of two or more packages (Tarjan): each is at least one cycle. */
    List<Set<String>> cycles() {
        Map<String, Integer> index = new HashMap<>(), low = new HashMap<>();
        Deque<String> stack = new ArrayDeque<>();
        Set<String> onStack = new TreeSet<>();
        List<Set<String>> out = new ArrayList<>();
        for (String p : packages()) {
            if (!index.containsKey(p)) {
                connect(p, index, low, stack, onStack, out);
            }
        }
        return out;
    }

    private void connect(String v, Map<String, Integer> index, Map<String, Integer> low, Deque<String> stack,
            Set<String> onStack, List<Set<String>> out) {
        index.put(v, index.size());
        low.put(v, index.get(v));
        stack.push(v);
        onStack.add(v);
        for (String w : arrows.getOrDefault(v, Map.of()).keySet()) {
            if (!index.containsKey(w)) {
                connect(w, index, low, stack, onStack, out);
                low.put(v, Math.min(low.get(v), low.get(w)));
            } else if (onStack.contains(w)) {
                low.put(v, Math.min(low.get(v), index.get(w)));
            }
        }
        if (low.get(v).equals(index.get(v))) {
            Set<String> group = new TreeSet<>();
            String w;
            do {
                w = stack.pop();
                onStack.remove(w);
                group.add(w);
            } while (!w.equals(v));
            if (group.size() > 1) {
                out.add(group);
            }
        }
    }

    /** A readable account of a group: every arrow inside it with the classes that make it. */
    String describe(Set<String> group) {
        StringBuilder sb = new StringBuilder("packages " + group + " form a cycle:\n");
        for (String from : group) {
            for (String to : group) {
                Set<String> refs = references(from, to);
                if (!refs.isEmpty()) {
                    sb.append("  ").append(from).append(" -> ").append(to).append(":\n");
                    refs.forEach(r -> sb.append("      ").append(r).append('\n'));
                }
            }
        }
        return sb.toString();
    }
}
