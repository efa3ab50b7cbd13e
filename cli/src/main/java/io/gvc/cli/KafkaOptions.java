package io.gvc.cli;

import io.gvc.kafka.props.ClientProperties;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Properties;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** Where the Kafka cluster is and how to talk to it: shared by ingest and topics. */
final class KafkaOptions {

    @Option(names = "--bootstrap", paramLabel = "HOST:PORT",
            description = "Kafka bootstrap servers (comma-separated); overrides bootstrap.servers of --kafka-config.")
    String bootstrap;

    @Option(names = "--kafka-config", paramLabel = "FILE",
            description = "Kafka client properties file for a secured cluster: bootstrap.servers, security.protocol, "
                    + "ssl.*, sasl.* are passed to every client as written; gvc.topics.prefix and gvc.topic.<role>.* "
                    + "rename or resize the topics (see kafka-config/README.md).")
    Path kafkaConfig;

    /** The client settings; a usage error when neither option is given. */
    ClientProperties clientProperties(CommandLine commandLine) throws BadInputException {
        if (bootstrap == null && kafkaConfig == null) {
            throw new CommandLine.ParameterException(commandLine,
                    "where is Kafka? Give --bootstrap HOST:PORT or --kafka-config FILE");
        }
        Properties p = new Properties();
        if (kafkaConfig != null) {
            try {
                p = ClientProperties.load(kafkaConfig);
            } catch (NoSuchFileException e) {
                throw new BadInputException(kafkaConfig + ": file not found");
            } catch (IOException | IllegalArgumentException e) {
                throw new BadInputException(kafkaConfig + ": " + e.getMessage(), e);
            }
        }
        if (bootstrap != null) {
            p.setProperty("bootstrap.servers", bootstrap);
        }
        try {
            return ClientProperties.of(p);
        } catch (IllegalArgumentException e) {
            throw new BadInputException((kafkaConfig != null ? kafkaConfig + ": " : "") + e.getMessage(), e);
        }
    }

}
