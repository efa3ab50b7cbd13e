package io.gvc.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The state file of gvc cluster start, and how stop recognises the cluster's own processes. */
class StandaloneClusterStateTest {

    @TempDir
    Path home;

    @Test
    void aProcessCountsAsTheClustersOnlyIfItsCommandLineNamesTheClustersFolder() throws Exception {
        // a child that names this folder on its command line, like every process of a cluster does
        ChildJvm child = ChildJvm.start("sleeper", List.of("-Dgvc.test.home=" + home), System.getProperty(
                "java.class.path"), Sleeper.class.getName(), List.of(), home, home.resolve("sleeper.out"));
        try {
            assertTrue(StandaloneCluster.ours(child.pid(), home));
            assertFalse(StandaloneCluster.ours(child.pid(), home.resolve("other")), "another cluster's folder");
            assertFalse(StandaloneCluster.ours(ProcessHandle.current().pid(), home), "this JVM is not the cluster's");
        } finally {
            child.kill();
        }
        assertFalse(StandaloneCluster.ours(child.pid(), home), "a process that is gone");
    }

    @Test
    void stopWithoutAStartedClusterSaysSo() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> StandaloneCluster.stop(home.resolve("nothing"), Duration.ofSeconds(1)));
        assertEquals("no cluster was started in " + home.resolve("nothing") + " (no cluster.properties)",
                e.getMessage());
    }

    @Test
    void readsWhatStartWrote() throws Exception {
        Files.writeString(home.resolve(StandaloneCluster.STATE), """
                rest.port=8081
                kafka.bootstrap=localhost\\:9092
                processes=tm-1,jobmanager,kafka
                pid.tm-1=11
                pid.jobmanager=12
                pid.kafka=13
                """);
        StandaloneCluster.State s = StandaloneCluster.read(home).orElseThrow();
        assertEquals("http://localhost:8081", s.restUrl());
        assertEquals("localhost:9092", s.kafkaBootstrap());
        assertEquals(List.of("tm-1", "jobmanager", "kafka"), List.copyOf(s.pids().keySet()), "stop order");
        assertEquals(Map.of(), s.alive(), "none of these pids is a process of this folder");
        StandaloneCluster.checkNotRunning(home); // nothing alive: a new start may go ahead
    }

    /** Sleeps until killed. */
    public static final class Sleeper {
        public static void main(String[] args) throws InterruptedException {
            Thread.sleep(Long.MAX_VALUE);
        }
    }
}
