package io.gvc.kafka.topics;

import org.apache.kafka.common.config.TopicConfig;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.UnaryOperator;

/**
 * The four GVC topics with their sizes and retention. Immutable; the {@code with...} methods
 * return changed copies. Defaults (see kafka-config/README.md for the reasons):
 *
 * <table>
 * <tr><th>topic</th><th>partitions</th><th>largest record</th><th>retention</th></tr>
 * <tr><td>gvc.raw-gops</td><td>4</td><td>64 MiB</td><td>10 min or 2 GiB per partition</td></tr>
 * <tr><td>gvc.bitstream</td><td>4</td><td>1 MiB</td><td>7 days</td></tr>
 * <tr><td>gvc.decoded</td><td>4</td><td>64 MiB</td><td>10 min or 2 GiB per partition</td></tr>
 * <tr><td>gvc.dead-letters</td><td>1</td><td>64 MiB</td><td>3 days or 4 GiB</td></tr>
 * </table>
 *
 * "Largest record" is the payload; each topic's max.message.bytes adds {@link #HEADROOM_BYTES}
 * for headers, key and batch overhead.
 */
public final class GvcTopics {

    public static final String RAW_GOPS = "raw-gops";
    public static final String BITSTREAM = "bitstream";
    public static final String DECODED = "decoded";
    public static final String DEAD_LETTERS = "dead-letters";

    /** Prefix of the default names: gvc.raw-gops, gvc.bitstream, ... */
    public static final String DEFAULT_PREFIX = "gvc.";

    public static final int MIB = 1 << 20;
    /** Allowance above the largest payload for key, headers and record batch overhead. */
    public static final int HEADROOM_BYTES = 64 * 1024;

    public static final int RAW_GOP_PAYLOAD_BYTES = 64 * MIB;
    public static final int PACKET_PAYLOAD_BYTES = MIB;
    public static final int DECODED_GOP_PAYLOAD_BYTES = 64 * MIB;
    public static final int DEAD_LETTER_PAYLOAD_BYTES = 64 * MIB;

    private static final long MINUTE_MS = 60_000L;
    private static final long DAY_MS = 24 * 60 * MINUTE_MS;
    private static final long GIB = 1L << 30;

    /** Keys in a properties file that change the topics; see {@link #fromProperties}. */
    public static final String PROP_PREFIX = "gvc.topics.prefix";
    public static final String PROP_TOPIC = "gvc.topic.";

    private final Map<String, TopicSpec> specs;

    private GvcTopics(Map<String, TopicSpec> specs) {
        this.specs = specs;
    }

    /** The defaults with the {@code gvc.} prefix. */
    public static GvcTopics defaults() {
        return withPrefixOf(DEFAULT_PREFIX);
    }

    private static GvcTopics withPrefixOf(String prefix) {
        Map<String, TopicSpec> m = new LinkedHashMap<>();
        m.put(RAW_GOPS, bulky(prefix, RAW_GOPS, 4, RAW_GOP_PAYLOAD_BYTES, 10 * MINUTE_MS, 2 * GIB));
        m.put(BITSTREAM, new TopicSpec(BITSTREAM, prefix + BITSTREAM, 4, java.util.Optional.empty(), Map.of(
                TopicConfig.MAX_MESSAGE_BYTES_CONFIG, Integer.toString(PACKET_PAYLOAD_BYTES + HEADROOM_BYTES),
                TopicConfig.RETENTION_MS_CONFIG, Long.toString(7 * DAY_MS),
                TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE)));
        m.put(DECODED, bulky(prefix, DECODED, 4, DECODED_GOP_PAYLOAD_BYTES, 10 * MINUTE_MS, 2 * GIB));
        m.put(DEAD_LETTERS, bulky(prefix, DEAD_LETTERS, 1, DEAD_LETTER_PAYLOAD_BYTES, 3 * DAY_MS, 4 * GIB)
                .withConfig(TopicConfig.SEGMENT_MS_CONFIG, Long.toString(DAY_MS)));
        return new GvcTopics(m);
    }

    /** Big-record topic: short retention, bounded bytes, segments that roll often enough to expire. */
    private static TopicSpec bulky(String prefix, String logical, int partitions, int payload, long retentionMs,
                                   long retentionBytes) {
        return new TopicSpec(logical, prefix + logical, partitions, java.util.Optional.empty(), Map.of(
                TopicConfig.MAX_MESSAGE_BYTES_CONFIG, Integer.toString(payload + HEADROOM_BYTES),
                TopicConfig.RETENTION_MS_CONFIG, Long.toString(retentionMs),
                TopicConfig.RETENTION_BYTES_CONFIG, Long.toString(retentionBytes),
                TopicConfig.SEGMENT_BYTES_CONFIG, Integer.toString(256 * MIB),
                TopicConfig.SEGMENT_MS_CONFIG, Long.toString(Math.max(MINUTE_MS, retentionMs / 5)),
                TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE));
    }

    /**
     * Defaults changed by {@code gvc.*} keys of a user properties file (the same file
     * ClientProperties.fromFile reads; it drops these keys before handing the rest to Kafka):
     * <ul>
     * <li>{@code gvc.topics.prefix=prod.gvc.} replaces the {@code gvc.} prefix of every name</li>
     * <li>{@code gvc.topic.<role>.name=...} names one topic outright (role: raw-gops, bitstream,
     *     decoded, dead-letters)</li>
     * <li>{@code gvc.topic.<role>.partitions=12}, {@code gvc.topic.<role>.replication-factor=3}</li>
     * <li>{@code gvc.topic.<role>.config.<topic config>=value}, e.g.
     *     {@code gvc.topic.raw-gops.config.retention.ms=300000}</li>
     * </ul>
     */
    public static GvcTopics fromProperties(Properties p) {
        GvcTopics t = withPrefixOf(p.getProperty(PROP_PREFIX, DEFAULT_PREFIX));
        for (String key : p.stringPropertyNames()) {
            if (!key.startsWith(PROP_TOPIC)) {
                continue;
            }
            String rest = key.substring(PROP_TOPIC.length());
            int dot = rest.indexOf('.');
            if (dot < 0) {
                throw new IllegalArgumentException("unknown topic setting " + key);
            }
            String role = rest.substring(0, dot);
            String what = rest.substring(dot + 1);
            String value = p.getProperty(key).trim();
            if (!t.specs.containsKey(role)) {
                throw new IllegalArgumentException("unknown topic role '" + role + "' in " + key
                        + " (known: " + t.specs.keySet() + ")");
            }
            UnaryOperator<TopicSpec> change;
            if (what.equals("name")) {
                change = s -> s.withName(value);
            } else if (what.equals("partitions")) {
                change = s -> s.withPartitions(Integer.parseInt(value));
            } else if (what.equals("replication-factor")) {
                change = s -> s.withReplicationFactor(Short.parseShort(value));
            } else if (what.startsWith("config.") && what.length() > "config.".length()) {
                String cfg = what.substring("config.".length());
                change = s -> s.withConfig(cfg, value);
            } else {
                throw new IllegalArgumentException("unknown topic setting " + key);
            }
            t = t.with(role, change);
        }
        return t;
    }

    /** Every name gets {@code prefix} in place of the default {@code gvc.}, other settings kept. */
    public GvcTopics withPrefix(String prefix) {
        Map<String, TopicSpec> m = new LinkedHashMap<>();
        specs.forEach((k, s) -> m.put(k, s.withName(prefix + k)));
        return new GvcTopics(m);
    }

    /** Changes one topic, by role. */
    public GvcTopics with(String role, UnaryOperator<TopicSpec> change) {
        if (!specs.containsKey(role)) {
            throw new IllegalArgumentException("unknown topic role '" + role + "'");
        }
        Map<String, TopicSpec> m = new LinkedHashMap<>(specs);
        TopicSpec changed = change.apply(specs.get(role));
        if (!changed.logicalName().equals(role)) {
            throw new IllegalArgumentException("a change must keep the role " + role);
        }
        m.put(role, changed);
        return new GvcTopics(m);
    }

    /** Every topic with this replication factor (e.g. 3 on a production cluster). */
    public GvcTopics withReplicationFactor(short rf) {
        Map<String, TopicSpec> m = new LinkedHashMap<>();
        specs.forEach((k, s) -> m.put(k, s.withReplicationFactor(rf)));
        return new GvcTopics(m);
    }

    public TopicSpec rawGops() {
        return specs.get(RAW_GOPS);
    }

    public TopicSpec bitstream() {
        return specs.get(BITSTREAM);
    }

    public TopicSpec decoded() {
        return specs.get(DECODED);
    }

    public TopicSpec deadLetters() {
        return specs.get(DEAD_LETTERS);
    }

    public TopicSpec byRole(String role) {
        TopicSpec s = specs.get(role);
        if (s == null) {
            throw new IllegalArgumentException("unknown topic role '" + role + "'");
        }
        return s;
    }

    public List<TopicSpec> all() {
        return new ArrayList<>(specs.values());
    }

    /** The largest max.message.bytes of all topics: what clients and broker must at least allow. */
    public int largestMessageBytes() {
        return specs.values().stream().mapToInt(TopicSpec::maxMessageBytes).max().orElseThrow();
    }

    @Override
    public String toString() {
        return "GvcTopics" + all();
    }
}
