package io.gvc.kafka.topics;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A topic as the cluster has it: partitions, replication factor (of its first partition), and the
 * value of each setting its {@link TopicSpec} sets (null where the cluster reports none).
 */
public record ExistingTopic(String name, int partitions, int replicationFactor, Map<String, String> configs) {

    public ExistingTopic {
        configs = Collections.unmodifiableMap(new LinkedHashMap<>(configs));
    }

    /** How this topic differs from {@code spec}, setting by setting: "want X, have Y"; empty when it matches. */
    public Map<String, String> drift(TopicSpec spec) {
        Map<String, String> d = new LinkedHashMap<>();
        if (partitions != spec.partitions()) {
            d.put("partitions", "want " + spec.partitions() + ", have " + partitions);
        }
        if (spec.replicationFactor().isPresent() && spec.replicationFactor().get() != replicationFactor) {
            d.put("replication.factor", "want " + spec.replicationFactor().get() + ", have " + replicationFactor);
        }
        for (Map.Entry<String, String> want : spec.configs().entrySet()) {
            String have = configs.get(want.getKey());
            if (!want.getValue().equals(have)) {
                d.put(want.getKey(), "want " + want.getValue() + ", have " + have);
            }
        }
        return d;
    }
}
