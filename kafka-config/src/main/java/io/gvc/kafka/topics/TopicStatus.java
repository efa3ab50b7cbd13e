package io.gvc.kafka.topics;

import java.util.Map;

/**
 * What the installer found or did for one topic.
 *
 * @param spec       the topic as wanted
 * @param state      CREATED now, or EXISTED before
 * @param partitions partitions the topic has (for a created one: as asked)
 * @param drift      for an existing topic, each wanted setting it does not have, as
 *                   {@code key -> "want X, have Y"}; "partitions" and "replication.factor" included.
 *                   The installer never alters an existing topic: change it yourself if the drift matters.
 */
public record TopicStatus(TopicSpec spec, State state, int partitions, Map<String, String> drift) {

    public enum State { CREATED, EXISTED }

    public TopicStatus {
        drift = Map.copyOf(drift);
    }

    @Override
    public String toString() {
        return spec.name() + " " + state.name().toLowerCase() + ", " + partitions + " partitions"
                + (drift.isEmpty() ? "" : ", differs: " + drift);
    }
}
