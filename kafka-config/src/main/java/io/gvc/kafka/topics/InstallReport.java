package io.gvc.kafka.topics;

import java.util.List;

/** The outcome of {@link TopicInstaller#install}: one status per topic, in GvcTopics order. */
public record InstallReport(List<TopicStatus> topics) {

    public InstallReport {
        topics = List.copyOf(topics);
    }

    public List<String> created() {
        return names(TopicStatus.State.CREATED);
    }

    public List<String> existing() {
        return names(TopicStatus.State.EXISTED);
    }

    /** True when some existing topic differs from its spec (see {@link TopicStatus#drift()}). */
    public boolean hasDrift() {
        return topics.stream().anyMatch(t -> !t.drift().isEmpty());
    }

    private List<String> names(TopicStatus.State s) {
        return topics.stream().filter(t -> t.state() == s).map(t -> t.spec().name()).toList();
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder();
        for (TopicStatus t : topics) {
            b.append(t).append('\n');
        }
        return b.toString();
    }
}
