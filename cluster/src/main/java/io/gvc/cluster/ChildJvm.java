package io.gvc.cluster;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One Java process this launcher started: a JobManager, a TaskManager or the broker. Its standard
 * output and error go to {@link #console()}; it stays alive when the launching JVM exits (that is
 * how {@code gvc cluster start} leaves a cluster running), so whoever starts one must stop it.
 */
public final class ChildJvm {

    private final String name;
    private final Process process;
    private final Path console;

    private ChildJvm(String name, Process process, Path console) {
        this.name = name;
        this.process = process;
        this.console = console;
    }

    /**
     * Starts {@code java <jvmOptions> -cp <classpath> <mainClass> <args>} in {@code workDir}, with
     * the same Java as this JVM.
     *
     * @param console file that receives the process's standard output and error (appended)
     */
    public static ChildJvm start(String name, List<String> jvmOptions, String classpath, String mainClass,
                                 List<String> args, Path workDir, Path console) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(javaExecutable().toString());
        cmd.addAll(jvmOptions);
        cmd.add("-cp");
        cmd.add(classpath);
        cmd.add(mainClass);
        cmd.addAll(args);
        Files.createDirectories(console.getParent());
        Files.writeString(console, "# " + String.join(" ", cmd) + "\n", StandardCharsets.UTF_8,
                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
        ProcessBuilder pb = new ProcessBuilder(cmd)
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(console.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        return new ChildJvm(name, pb.start(), console);
    }

    /** The java launcher of the running JVM, so every process of the cluster runs the same Java. */
    public static Path javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java");
    }

    public String name() {
        return name;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Where its standard output and error go. */
    public Path console() {
        return console;
    }

    /** SIGKILL, as a crashed machine or the kernel's OOM killer would: no shutdown hooks run. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    /**
     * SIGTERM (the process's shutdown hooks run: Flink deregisters, the broker closes its logs
     * cleanly), then SIGKILL if it has not exited within {@code grace}.
     *
     * @return true if it exited on its own within the grace period
     */
    public boolean stop(Duration grace) throws InterruptedException {
        if (!process.isAlive()) {
            return true;
        }
        process.destroy();
        if (process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
            return true;
        }
        kill();
        return false;
    }

    /** Stops it, swallowing interruption: for finally blocks and shutdown hooks. */
    public void stopQuietly(Duration grace) {
        try {
            stop(grace);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** Waits up to {@code timeout} for the process to exit; true if it has. */
    public boolean waitForExit(Duration timeout) throws InterruptedException {
        return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The exit code once it has exited. */
    public int exitValue() {
        return process.exitValue();
    }

    /** The last {@code lines} lines of its console, for error messages. */
    public String consoleTail(int lines) {
        return Logs.tail(console, lines);
    }

    @Override
    public String toString() {
        return name + " (pid " + pid() + (isAlive() ? "" : ", exited") + ")";
    }
}
