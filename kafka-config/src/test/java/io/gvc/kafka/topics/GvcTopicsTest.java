package io.gvc.kafka.topics;

import io.gvc.kafka.formats.RawGopFormat;
import io.gvc.kafka.formats.RawGop;
import io.gvc.codec.frame.Frame;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GvcTopicsTest {

    @Test
    void defaults() {
        GvcTopics t = GvcTopics.defaults();
        assertEquals(List.of("gvc.raw-gops", "gvc.bitstream", "gvc.decoded", "gvc.dead-letters"),
                t.all().stream().map(TopicSpec::name).toList());
        assertEquals(64 * GvcTopics.MIB + GvcTopics.HEADROOM_BYTES, t.rawGops().maxMessageBytes());
        assertEquals(GvcTopics.MIB + GvcTopics.HEADROOM_BYTES, t.bitstream().maxMessageBytes());
        assertEquals(64 * GvcTopics.MIB + GvcTopics.HEADROOM_BYTES, t.largestMessageBytes());
        assertEquals("600000", t.rawGops().configs().get(TopicConfig.RETENTION_MS_CONFIG));
        assertEquals(Optional.empty(), t.rawGops().replicationFactor());
        assertEquals(4, t.rawGops().partitions());
        assertEquals(1, t.deadLetters().partitions());
    }

    @Test
    void a720pGopOf33FramesFitsTheRawTopic() {
        long payload = RawGopFormat.write(new RawGop("s", 0, 0, 0, 30, 1, 16, 16,
                List.of(Frame.grey(16, 16)))).length - Frame.i420Size(16, 16)
                + 33L * Frame.i420Size(1280, 720);
        assertTrue(payload < GvcTopics.RAW_GOP_PAYLOAD_BYTES, "payload " + payload);
        assertTrue(33L * Frame.i420Size(1920, 1080) > GvcTopics.RAW_GOP_PAYLOAD_BYTES,
                "1080p GOPs of 33 need a larger limit: see README");
    }

    @Test
    void prefixAndOverrides() {
        Properties p = new Properties();
        p.setProperty("gvc.topics.prefix", "test42.");
        p.setProperty("gvc.topic.bitstream.name", "packets");
        p.setProperty("gvc.topic.raw-gops.partitions", "12");
        p.setProperty("gvc.topic.decoded.replication-factor", "3");
        p.setProperty("gvc.topic.raw-gops.config.retention.ms", "300000");
        GvcTopics t = GvcTopics.fromProperties(p);
        assertEquals("test42.raw-gops", t.rawGops().name());
        assertEquals("packets", t.bitstream().name());
        assertEquals("test42.dead-letters", t.deadLetters().name());
        assertEquals(12, t.rawGops().partitions());
        assertEquals(Optional.of((short) 3), t.decoded().replicationFactor());
        assertEquals("300000", t.rawGops().configs().get("retention.ms"));
        assertEquals("gvc.raw-gops", GvcTopics.defaults().rawGops().name(), "defaults unchanged");
        assertEquals("x.decoded", GvcTopics.defaults().withPrefix("x.").decoded().name());
    }

    @Test
    void badOverridesAreRefused() {
        for (String key : List.of("gvc.topic.rawgops.partitions", "gvc.topic.raw-gops.colour", "gvc.topic.x")) {
            Properties p = new Properties();
            p.setProperty(key, "1");
            assertThrows(IllegalArgumentException.class, () -> GvcTopics.fromProperties(p), key);
        }
        Properties p = new Properties();
        p.setProperty("gvc.topic.raw-gops.name", "no spaces allowed");
        assertThrows(IllegalArgumentException.class, () -> GvcTopics.fromProperties(p));
        assertThrows(IllegalArgumentException.class, () -> GvcTopics.defaults().rawGops().withPartitions(0));
    }

    @Test
    void newTopicCarriesTheConfigs() {
        var nt = GvcTopics.defaults().bitstream().toNewTopic();
        assertEquals("gvc.bitstream", nt.name());
        assertEquals(4, nt.numPartitions());
        assertEquals(Integer.toString(GvcTopics.MIB + GvcTopics.HEADROOM_BYTES), nt.configs().get("max.message.bytes"));
    }
}
