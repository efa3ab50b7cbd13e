package io.gvc.kafka.topics;

import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;

import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One topic as GVC wants it.
 *
 * @param logicalName       the role, independent of prefixes: raw-gops, bitstream, decoded, dead-letters
 * @param name              the actual topic name
 * @param partitions        partition count
 * @param replicationFactor replication factor, empty for the broker's default.replication.factor
 * @param configs           topic-level configs (retention.ms, max.message.bytes, ...)
 */
public record TopicSpec(String logicalName, String name, int partitions, Optional<Short> replicationFactor,
                        Map<String, String> configs) {

    public TopicSpec {
        if (name == null || name.isBlank() || name.length() > 249 || !name.matches("[a-zA-Z0-9._-]+")) {
            throw new IllegalArgumentException("illegal topic name '" + name + "'");
        }
        if (partitions < 1) {
            throw new IllegalArgumentException("topic " + name + ": partitions must be >= 1");
        }
        if (replicationFactor.isPresent() && replicationFactor.get() < 1) {
            throw new IllegalArgumentException("topic " + name + ": replication factor must be >= 1");
        }
        configs = Collections.unmodifiableMap(new TreeMap<>(configs));
    }

    /** Largest record value plus headers this topic accepts (its max.message.bytes). */
    public int maxMessageBytes() {
        return Integer.parseInt(configs.getOrDefault(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, "1048588"));
    }

    public TopicSpec withName(String newName) {
        return new TopicSpec(logicalName, newName, partitions, replicationFactor, configs);
    }

    public TopicSpec withPartitions(int n) {
        return new TopicSpec(logicalName, name, n, replicationFactor, configs);
    }

    public TopicSpec withReplicationFactor(short rf) {
        return new TopicSpec(logicalName, name, partitions, Optional.of(rf), configs);
    }

    public TopicSpec withConfig(String key, String value) {
        Map<String, String> c = new TreeMap<>(configs);
        c.put(key, value);
        return new TopicSpec(logicalName, name, partitions, replicationFactor, c);
    }

    public NewTopic toNewTopic() {
        return new NewTopic(name, Optional.of(partitions), replicationFactor).configs(configs);
    }
}
