package io.gvc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.InputStream;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.Filter;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.ConfigurationSource;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.config.properties.PropertiesConfigurationFactory;
import org.apache.logging.log4j.core.impl.Log4jLogEvent;
import org.apache.logging.log4j.message.SimpleMessage;
import org.junit.jupiter.api.Test;

/**
 * The CLI's log configuration drops Flink 2.2.1's pendingCommittables name-collision warning
 * (FLINK-35321, logged by every sink committer at every checkpoint) and nothing else of the
 * metric group's warnings.
 */
class LogConfigTest {

    static final String METRIC_GROUP = "org.apache.flink.metrics.MetricGroup";

    @Test
    void onlyThePendingCommittablesCollisionIsDropped() throws Exception {
        LoggerConfig metricGroup;
        try (InputStream in = GvcCli.class.getClassLoader().getResourceAsStream("gvc-log4j2.properties")) {
            Configuration c = new PropertiesConfigurationFactory().getConfiguration(new LoggerContext("log-config-test"),
                    new ConfigurationSource(in));
            c.initialize();
            metricGroup = c.getLoggerConfig(METRIC_GROUP);
        }
        assertEquals(METRIC_GROUP, metricGroup.getName());
        assertEquals(Level.WARN, metricGroup.getLevel());
        // the message as Flink's AbstractMetricGroup.addMetric writes it, scope components appended
        assertEquals(Filter.Result.DENY, decide(metricGroup, "Name collision: Group already contains a Metric with the name "
                + "'pendingCommittables'. Metric will not be reported.[localhost, taskmanager, tm-1, gvc-decode, "
                + "decoded: gvc.decoded: Committer, 0]"));
        assertEquals(Filter.Result.NEUTRAL, decide(metricGroup, "Name collision: Group already contains a Metric with "
                + "the name 'gopsReleased'. Metric will not be reported.[localhost, taskmanager, tm-1, gvc-decode]"));
    }

    private static Filter.Result decide(LoggerConfig config, String message) {
        return config.getFilter().filter(Log4jLogEvent.newBuilder().setLoggerName(METRIC_GROUP).setLevel(Level.WARN)
                .setMessage(new SimpleMessage(message)).build());
    }
}
