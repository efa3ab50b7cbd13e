package io.gvc.kafka.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gvc.kafka.props.ClientProperties;
import io.gvc.kafka.topics.GvcTopics;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/**
 * A broker kept in one folder on one port is the same broker after a restart: its topics and
 * records are there, at the same bootstrap address (what a broker restart under a running
 * pipeline relies on).
 */
class EmbeddedKafkaRestartTest {

    @Test
    void restartOnTheSameFolderAndPortKeepsTopicsAndRecords() throws Exception {
        Path dir = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "kept-broker-");
        int port = freePort();
        GvcTopics topics = GvcTopics.defaults().withPrefix("restart.");
        String topic = topics.rawGops().name();

        String bootstrap;
        try (EmbeddedKafka first = EmbeddedKafka.builder(dir).dataDirectory(dir).port(port).start()) {
            bootstrap = first.bootstrapServers();
            assertEquals("localhost:" + port, bootstrap);
            first.installTopics(topics);
            produce(first.clientProperties(), topic, "before restart");
        }
        assertTrue(Files.exists(dir.resolve("gvc-cluster-id")), "the folder is kept, with its cluster id");

        try (EmbeddedKafka second = EmbeddedKafka.builder(dir).dataDirectory(dir).port(port).start()) {
            assertEquals(bootstrap, second.bootstrapServers());
            assertTrue(second.installTopics(topics).created().isEmpty(), "the topics survived the restart");
            produce(second.clientProperties(), topic, "after restart");
            assertEquals(List.of("before restart", "after restart"), values(second.clientProperties(), topic, 2));
        }
    }

    @Test
    void mainRefusesUnknownOptionsAndBadPorts() {
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> EmbeddedKafka.parseMain(new String[] {"--prot", "9092"}));
        assertTrue(unknown.getMessage().contains("unknown option --prot"), unknown.getMessage());
        IllegalArgumentException notNumber = assertThrows(IllegalArgumentException.class,
                () -> EmbeddedKafka.parseMain(new String[] {"--port", "x"}));
        assertEquals("--port must be a number, got x", notNumber.getMessage());
        IllegalArgumentException range = assertThrows(IllegalArgumentException.class,
                () -> EmbeddedKafka.parseMain(new String[] {"--port", "70000"}));
        assertEquals("broker port must be 0..65535, got 70000", range.getMessage());
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static void produce(ClientProperties props, String topic, String value) throws Exception {
        try (KafkaProducer<byte[], byte[]> p = new KafkaProducer<>(props.producer())) {
            p.send(new ProducerRecord<>(topic, "k".getBytes(StandardCharsets.UTF_8),
                    value.getBytes(StandardCharsets.UTF_8))).get();
        }
    }

    private static List<String> values(ClientProperties props, String topic, int want) {
        List<String> got = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(props.consumer(null))) {
            List<TopicPartition> parts = c.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            c.assign(parts);
            c.seekToBeginning(parts);
            long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            while (got.size() < want && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(200))) {
                    got.add(new String(r.value(), StandardCharsets.UTF_8));
                }
            }
        }
        return got;
    }
}
