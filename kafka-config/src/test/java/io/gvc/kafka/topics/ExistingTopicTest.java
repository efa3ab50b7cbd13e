package io.gvc.kafka.topics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExistingTopicTest {

    private final TopicSpec spec = GvcTopics.defaults().rawGops().withReplicationFactor((short) 3);

    private ExistingTopic asSpecified() {
        return new ExistingTopic(spec.name(), spec.partitions(), 3, spec.configs());
    }

    @Test
    void aTopicAsSpecifiedHasNoDrift() {
        assertTrue(asSpecified().drift(spec).isEmpty());
    }

    @Test
    void driftNamesEachDifferenceWithWhatIsWantedAndWhatIsThere() {
        Map<String, String> configs = new HashMap<>(spec.configs());
        String key = configs.keySet().iterator().next();
        configs.put(key, "other");
        ExistingTopic t = new ExistingTopic(spec.name(), spec.partitions() + 1, 1, configs);
        Map<String, String> d = t.drift(spec);
        assertEquals(3, d.size(), d.toString());
        assertEquals("want " + spec.partitions() + ", have " + (spec.partitions() + 1), d.get("partitions"));
        assertEquals("want 3, have 1", d.get("replication.factor"));
        assertEquals("want " + spec.configs().get(key) + ", have other", d.get(key));
    }

    @Test
    void aSettingTheClusterDoesNotReportIsDriftToo() {
        Map<String, String> configs = new LinkedHashMap<>(spec.configs());
        String key = configs.keySet().iterator().next();
        configs.put(key, null);
        Map<String, String> d = new ExistingTopic(spec.name(), spec.partitions(), 3, configs).drift(spec);
        assertEquals(Map.of(key, "want " + spec.configs().get(key) + ", have null"), d);
    }

    @Test
    void theBrokersDefaultReplicationIsNotDrift() {
        TopicSpec brokerDefault = GvcTopics.defaults().rawGops();
        assertTrue(brokerDefault.replicationFactor().isEmpty());
        assertTrue(new ExistingTopic(spec.name(), spec.partitions(), 5, spec.configs()).drift(brokerDefault).isEmpty());
    }
}
