package io.gvc.kafka.props;

import io.gvc.kafka.topics.GvcTopics;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.security.auth.SecurityProtocol;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * Connection settings for one Kafka cluster (bootstrap servers and security), from which the
 * producer, consumer and admin property sets of GVC are derived.
 *
 * <p>Security is never configured here: {@link #fromFile(Path)} passes the user's
 * {@code security.protocol}, {@code ssl.*}, {@code sasl.*} settings through untouched (secrets
 * stay in the user's file or in the JAAS / key store files it names). Keys starting with
 * {@code gvc.} are GVC's own (topic overrides, see {@link GvcTopics#fromProperties}) and are
 * kept apart, not handed to Kafka.
 *
 * <p>Every derived set raises all size limits together (STACK.md trap 7) to {@link #maxRecordBytes()},
 * which defaults to the largest max.message.bytes of the GVC topics (64 MiB + headroom).
 */
public final class ClientProperties {

    /** transaction.timeout.ms for GVC's transactional producers (STACK.md trap 8): well under the broker's 15 min cap. */
    public static final Duration TRANSACTION_TIMEOUT = Duration.ofSeconds(60);

    private static final String GVC_PREFIX = "gvc.";

    private final Map<String, String> connection;
    private final Properties gvcSettings;
    private final int maxRecordBytes;
    private final GvcTopics topics;

    private ClientProperties(Map<String, String> connection, Properties gvcSettings, int maxRecordBytes) {
        if (connection.get(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG) == null
                || connection.get(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG).isBlank()) {
            throw new IllegalArgumentException(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG + " is required");
        }
        if (maxRecordBytes < 1) {
            throw new IllegalArgumentException("maxRecordBytes must be positive");
        }
        this.connection = Map.copyOf(connection);
        this.gvcSettings = gvcSettings;
        this.maxRecordBytes = maxRecordBytes;
        this.topics = GvcTopics.fromProperties(gvcSettings);
    }

    /** A plaintext connection to {@code bootstrap}, e.g. the embedded broker. */
    public static ClientProperties local(String bootstrap) {
        Map<String, String> c = new TreeMap<>();
        c.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        c.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, SecurityProtocol.PLAINTEXT.name);
        return new ClientProperties(c, new Properties(), GvcTopics.defaults().largestMessageBytes());
    }

    /**
     * Settings from a Java properties file (UTF-8). It must hold {@code bootstrap.servers}; every
     * other non-{@code gvc.} key (security.protocol, ssl.keystore.location, sasl.jaas.config, ...)
     * is passed to all clients as written. See kafka-config/README.md for SASL_SSL and mTLS examples.
     */
    public static ClientProperties fromFile(Path file) throws IOException {
        return of(load(file));
    }

    /** A client properties file as written (UTF-8), before GVC reads it; callers may add keys, then {@link #of}. */
    public static Properties load(Path file) throws IOException {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        }
        return p;
    }

    /** As {@link #fromFile} from properties already loaded. */
    public static ClientProperties of(Properties p) {
        Map<String, String> c = new TreeMap<>();
        Properties gvc = new Properties();
        for (String k : p.stringPropertyNames()) {
            String v = p.getProperty(k).trim();
            if (k.startsWith(GVC_PREFIX)) {
                gvc.setProperty(k, v);
            } else {
                c.put(k, v);
            }
        }
        String proto = c.get(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG);
        if (proto != null) {
            try {
                SecurityProtocol.forName(proto.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("unknown security.protocol '" + proto + "'", e);
            }
        }
        return new ClientProperties(c, gvc, Integer.MAX_VALUE).sizedForTopics();
    }

    /** The same connection, its size limits set for the largest record its topics allow. */
    private ClientProperties sizedForTopics() {
        return withMaxRecordBytes(topics.largestMessageBytes());
    }

    /** The same connection, with every size limit set for records up to {@code bytes} (value + headers + overhead). */
    public ClientProperties withMaxRecordBytes(int bytes) {
        return new ClientProperties(connection, gvcSettings, bytes);
    }

    public String bootstrapServers() {
        return connection.get(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG);
    }

    public int maxRecordBytes() {
        return maxRecordBytes;
    }

    /** The {@code gvc.*} keys of the source file (topic overrides), not given to Kafka. */
    public Properties gvcSettings() {
        Properties copy = new Properties();
        copy.putAll(gvcSettings);
        return copy;
    }

    /** Topics as the file's {@code gvc.topic*} keys say (the defaults when it has none). */
    public GvcTopics topics() {
        return topics;
    }

    /** Connection and security only: for Admin, or as the base of a Flink source/sink. */
    public Properties common() {
        Properties p = new Properties();
        p.putAll(connection);
        return p;
    }

    public Properties admin() {
        return common();
    }

    /**
     * Idempotent producer of byte[] keys and values (acks=all), limits raised for large records.
     * User settings from the file win over these defaults.
     */
    public Properties producer() {
        Properties p = new Properties();
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "none"); // pictures and packets do not compress
        // Kafka 4.2 can lose a record sent to a partition that is still being created (KAFKA-15591):
        // a retried first batch is overtaken by the next and then refused as out of order until it
        // expires. One request in flight rules that out; GVC records are large, so little is lost.
        p.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "1");
        raiseProducerLimits(p, maxRecordBytes);
        p.putAll(connection);
        return p;
    }

    /**
     * Producer settings for an exactly-once sink that sets its own transactional ids (Flink's
     * KafkaSink with a transactional id prefix): {@link #producer()} plus transaction.timeout.ms.
     */
    public Properties exactlyOnceProducer() {
        return transactionalProducer(null);
    }

    /** A transactional producer with {@code transactionalId} (plain clients; call initTransactions()). */
    public Properties transactionalProducer(String transactionalId) {
        Properties p = producer();
        setTransactional(p, transactionalId, TRANSACTION_TIMEOUT);
        return p;
    }

    /**
     * Consumer of byte[] keys and values that sees committed transactions only (read_committed),
     * starts from the earliest offset when the group has none, and commits offsets itself
     * (auto commit off). {@code groupId} may be null for assign()-only consumers.
     */
    public Properties consumer(String groupId) {
        Properties p = new Properties();
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        setReadCommitted(p);
        if (groupId != null) {
            p.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        }
        raiseConsumerLimits(p, maxRecordBytes);
        p.putAll(connection);
        return p;
    }

    // ---- helpers usable on any Properties (e.g. a Flink KafkaSource/KafkaSink builder's) ----

    /**
     * Producer side of STACK.md trap 7: max.request.size, and buffer.memory (a record larger than
     * buffer.memory, 32 MiB by default, is refused by the producer just like one above
     * max.request.size). The topic's max.message.bytes and the broker's message.max.bytes /
     * replica.fetch.max.bytes must allow as much (GvcTopics and EmbeddedKafka do).
     */
    public static Properties raiseProducerLimits(Properties p, int maxRecordBytes) {
        p.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, Integer.toString(maxRecordBytes));
        long buffer = Math.max(32L << 20, 2L * maxRecordBytes);
        p.put(ProducerConfig.BUFFER_MEMORY_CONFIG, Long.toString(buffer));
        return p;
    }

    /** Consumer side of STACK.md trap 7: max.partition.fetch.bytes and fetch.max.bytes. */
    public static Properties raiseConsumerLimits(Properties p, int maxRecordBytes) {
        p.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, Integer.toString(maxRecordBytes));
        int fetch = (int) Math.min(Integer.MAX_VALUE, Math.max(52428800L, (long) maxRecordBytes));
        p.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, Integer.toString(fetch));
        return p;
    }

    /**
     * Transactions (STACK.md trap 8): idempotence, acks=all, transaction.timeout.ms, and the
     * transactional.id when one is given (Flink's KafkaSink sets its own from a prefix).
     */
    public static Properties setTransactional(Properties p, String transactionalId, Duration timeout) {
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, Long.toString(timeout.toMillis()));
        if (transactionalId != null) {
            p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
        }
        return p;
    }

    /** isolation.level=read_committed: consumers of exactly-once output see committed records only. */
    public static Properties setReadCommitted(Properties p) {
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        return p;
    }

    @Override
    public String toString() {
        // never print secrets: only keys for security settings
        return "ClientProperties{bootstrap=" + bootstrapServers() + ", security.protocol="
                + connection.getOrDefault(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "PLAINTEXT")
                + ", keys=" + connection.keySet() + ", maxRecordBytes=" + maxRecordBytes + "}";
    }
}
