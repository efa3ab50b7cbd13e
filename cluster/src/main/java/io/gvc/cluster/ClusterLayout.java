package io.gvc.cluster;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The folders of one cluster under its home: everything it writes stays there, so tests leave
 * nothing in the user's home or the system temp folder (STACK.md trap 9).
 *
 * <pre>
 * home/conf           config.yaml, log4j.properties
 * home/log            one .log (log4j) and one .out (stdout and stderr) per process
 * home/checkpoints    retained checkpoints, one folder per job id
 * home/savepoints
 * home/tmp            java.io.tmpdir and io.tmp.dirs of every process (blobs, RPC jars, ONNX Runtime)
 * home/uploads        jars uploaded through the REST API
 * home/javacpp-cache  FFmpeg's natives, unpacked by JavaCPP
 * home/kafka          the broker's data, kept across its restarts
 * </pre>
 */
public record ClusterLayout(Path home) {

    public ClusterLayout {
        home = home.toAbsolutePath().normalize();
    }

    public Path conf() {
        return home.resolve("conf");
    }

    public Path logs() {
        return home.resolve("log");
    }

    public Path checkpoints() {
        return home.resolve("checkpoints");
    }

    public Path savepoints() {
        return home.resolve("savepoints");
    }

    public Path tmp() {
        return home.resolve("tmp");
    }

    public Path uploads() {
        return home.resolve("uploads");
    }

    public Path javacppCache() {
        return home.resolve("javacpp-cache");
    }

    public Path kafkaData() {
        return home.resolve("kafka");
    }

    /** log4j's file of process {@code name}. */
    public Path log(String name) {
        return logs().resolve(name + ".log");
    }

    /** Standard output and error of process {@code name}. */
    public Path console(String name) {
        return logs().resolve(name + ".out");
    }

    void create() throws IOException {
        for (Path p : new Path[] {conf(), logs(), checkpoints(), savepoints(), tmp(), uploads(), javacppCache(),
            kafkaData()}) {
            Files.createDirectories(p);
        }
    }
}
