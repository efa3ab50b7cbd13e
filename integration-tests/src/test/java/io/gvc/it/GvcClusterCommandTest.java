package io.gvc.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gvc.cli.GvcCli;
import io.gvc.cluster.FlinkRest;
import io.gvc.cluster.StandaloneCluster;
import io.gvc.kafka.props.ClientProperties;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Test;

/**
 * {@code gvc cluster start|status|stop} as a user runs them: start leaves a broker, a JobManager and
 * a TaskManager running and says where, status sees them, stop ends every one of them.
 */
class GvcClusterCommandTest {

    @Test
    void startStatusStop() throws Exception {
        StandaloneSupport.assumeBuilt();
        Path dir = StandaloneSupport.newHome("cli");
        String[] where = {"--dir", dir.toString()};
        try {
            assertEquals(0, GvcCli.run("cluster", "start", "--dir", dir.toString(), "--task-managers", "1",
                    "--flink-lib", StandaloneSupport.FLINK_LIB.toString(), "--native-lib",
                    StandaloneSupport.NATIVE_LIB != null ? StandaloneSupport.NATIVE_LIB.toString()
                            : "../flink-jobs/target/cluster-lib"));
            StandaloneCluster.State s = StandaloneCluster.read(dir).orElseThrow();
            assertEquals(Set.of("tm-1", "jobmanager", "kafka"), s.alive().keySet(), "all three running");

            String env = Files.readString(dir.resolve("cluster.env"), StandardCharsets.UTF_8);
            assertEquals("FLINK_REST=" + s.restUrl() + "\nKAFKA_BOOTSTRAP=" + s.kafkaBootstrap() + "\n", env);
            assertEquals(1, FlinkRest.at(s.restPort()).overview().path("taskmanagers").asInt());
            try (Admin admin = Admin.create(ClientProperties.local(s.kafkaBootstrap()).admin())) {
                Set<String> topics = admin.listTopics().names().get();
                assertTrue(topics.containsAll(Set.of("gvc.raw-gops", "gvc.bitstream", "gvc.decoded",
                        "gvc.dead-letters")), "the broker made the GVC topics: " + topics);
            }
            assertEquals(0, GvcCli.run("cluster", "status", where[0], where[1]));
            // a second start in the same folder is refused while the first runs
            assertEquals(3, GvcCli.run("cluster", "start", where[0], where[1]));

            assertEquals(0, GvcCli.run("cluster", "stop", where[0], where[1]));
            assertEquals(Map.of(), s.alive(), "every process stopped");
            assertEquals(1, GvcCli.run("cluster", "status", where[0], where[1]));
        } finally {
            StandaloneCluster.read(dir).ifPresent(s -> s.pids().values()
                    .forEach(pid -> ProcessHandle.of(pid).filter(h -> s.alive().containsValue(pid))
                            .ifPresent(ProcessHandle::destroyForcibly)));
        }
        assertTrue(Files.size(dir.resolve("log/jobmanager.log")) > 0, "logs stay in the cluster's folder");
        StandaloneCluster.stop(dir, Duration.ofSeconds(1)); // stopping again is harmless
    }
}
