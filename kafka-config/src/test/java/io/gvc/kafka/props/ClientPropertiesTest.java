package io.gvc.kafka.props;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ClientPropertiesTest {

    @TempDir
    Path dir;

    @Test
    void localRaisesEveryLimitTogether() {
        ClientProperties c = ClientProperties.local("localhost:9092");
        int max = c.maxRecordBytes();
        assertEquals(64 * 1024 * 1024 + 64 * 1024, max);
        Properties p = c.producer();
        assertEquals("localhost:9092", p.get("bootstrap.servers"));
        assertEquals("PLAINTEXT", p.get("security.protocol"));
        assertEquals(Integer.toString(max), p.get("max.request.size"));
        assertTrue(Long.parseLong((String) p.get("buffer.memory")) >= 2L * max);
        assertEquals("all", p.get("acks"));
        Properties q = c.consumer("g");
        assertEquals(Integer.toString(max), q.get("max.partition.fetch.bytes"));
        assertTrue(Integer.parseInt((String) q.get("fetch.max.bytes")) >= max);
        assertEquals("read_committed", q.get("isolation.level"));
        assertEquals("g", q.get("group.id"));
        assertEquals("false", q.get("enable.auto.commit"));
        assertNull(c.consumer(null).get("group.id"));
        assertEquals("3000000", c.withMaxRecordBytes(3_000_000).producer().get("max.request.size"));
    }

    @Test
    void transactionalSettings() {
        ClientProperties c = ClientProperties.local("h:1");
        Properties t = c.transactionalProducer("gvc-encode-0");
        assertEquals("gvc-encode-0", t.get("transactional.id"));
        assertEquals("60000", t.get("transaction.timeout.ms"));
        assertEquals("true", t.get("enable.idempotence"));
        Properties e = c.exactlyOnceProducer();
        assertEquals("60000", e.get("transaction.timeout.ms"));
        assertFalse(e.containsKey("transactional.id"), "Flink's KafkaSink sets its own ids");
    }

    @Test
    void securedClusterSettingsPassThroughFromTheFile() throws Exception {
        Path f = dir.resolve("prod.properties");
        Files.writeString(f, String.join("\n",
                "bootstrap.servers=b1.example:9093,b2.example:9093",
                "security.protocol=SASL_SSL",
                "sasl.mechanism=SCRAM-SHA-512",
                "sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required \\",
                "    username=\"gvc\" password=\"${file:/etc/gvc/secret.properties:password}\";",
                "ssl.truststore.location=/etc/gvc/truststore.p12",
                "ssl.truststore.type=PKCS12",
                "gvc.topics.prefix=prod.",
                "gvc.topic.raw-gops.partitions=24",
                ""));
        ClientProperties c = ClientProperties.fromFile(f);
        Properties p = c.producer();
        assertEquals("SASL_SSL", p.get("security.protocol"));
        assertEquals("SCRAM-SHA-512", p.get("sasl.mechanism"));
        assertTrue(((String) p.get("sasl.jaas.config")).contains("${file:/etc/gvc/secret.properties:password}"));
        assertEquals("/etc/gvc/truststore.p12", c.consumer("g").get("ssl.truststore.location"));
        assertFalse(p.containsKey("gvc.topics.prefix"), "gvc.* keys are not Kafka's");
        assertEquals("prod.raw-gops", c.topics().rawGops().name());
        assertEquals(24, c.topics().rawGops().partitions());
        assertFalse(c.toString().contains("secret"), "toString shows no values of security settings");
    }

    @Test
    void mutualTlsAndUserLimitsWin() throws Exception {
        Path f = dir.resolve("mtls.properties");
        Files.writeString(f, "bootstrap.servers=k:9094\nsecurity.protocol=SSL\n"
                + "ssl.keystore.location=/k.p12\nssl.keystore.password=pw\nmax.request.size=5000\n");
        Properties p = ClientProperties.fromFile(f).producer();
        assertEquals("SSL", p.get("security.protocol"));
        assertEquals("/k.p12", p.get("ssl.keystore.location"));
        assertEquals("5000", p.get("max.request.size"), "an explicit user setting wins");
    }

    @Test
    void badFilesAreRefused() throws Exception {
        Path f = dir.resolve("bad.properties");
        Files.writeString(f, "security.protocol=SSL\n");
        assertThrows(IllegalArgumentException.class, () -> ClientProperties.fromFile(f));
        Files.writeString(f, "bootstrap.servers=x:1\nsecurity.protocol=TLS\n");
        assertThrows(IllegalArgumentException.class, () -> ClientProperties.fromFile(f));
    }

    @Test
    void oneRequestInFlightUnlessTheUserSaysOtherwise() {
        // the guard against KAFKA-15591 (records lost when producing to a partition still being created)
        ClientProperties props = ClientProperties.local("localhost:1");
        assertEquals("1", props.producer().get("max.in.flight.requests.per.connection"));
        assertEquals("1", props.exactlyOnceProducer().get("max.in.flight.requests.per.connection"));
        assertEquals("true", props.producer().get("enable.idempotence"));
        java.util.Properties own = new java.util.Properties();
        own.setProperty("bootstrap.servers", "localhost:1");
        own.setProperty("max.in.flight.requests.per.connection", "5");
        assertEquals("5", ClientProperties.of(own).producer().get("max.in.flight.requests.per.connection"));
    }
}
