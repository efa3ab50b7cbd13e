package io.gvc.cli;

import io.gvc.kafka.props.ClientProperties;
import io.gvc.kafka.topics.ExistingTopic;
import io.gvc.kafka.topics.GvcTopics;
import io.gvc.kafka.topics.InstallReport;
import io.gvc.kafka.topics.TopicInstaller;
import io.gvc.kafka.topics.TopicSpec;
import io.gvc.kafka.topics.TopicStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.KafkaException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "topics", mixinStandardHelpOptions = true,
        description = {"Create or inspect the GVC Kafka topics: gvc.raw-gops (camera GOPs), gvc.bitstream (coded "
            + "packets), gvc.decoded (decoded GOPs for players), gvc.dead-letters (refused records). "
            + "Sizes and retention are in kafka-config/README.md; --kafka-config can rename and resize them."},
        subcommands = {TopicsCommand.Create.class, TopicsCommand.Describe.class})
final class TopicsCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "say which: topics create or topics describe");
    }

    /** What both subcommands start from: the Kafka options, read into client properties and GVC's topics. */
    abstract static class Subcommand implements Callable<Integer> {

        @CommandLine.Mixin
        KafkaOptions kafka;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public final Integer call() throws Exception {
            ClientProperties props = kafka.clientProperties(spec.commandLine());
            return call(props, props.topics());
        }

        abstract Integer call(ClientProperties props, GvcTopics topics) throws Exception;
    }

    @Command(name = "create", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Create the GVC topics that are missing; existing ones are left as they are and reported, "
                + "with any setting that differs from GVC's. Safe to run again."})
    static final class Create extends Subcommand {

        @Option(names = "--replication-factor", paramLabel = "N",
                description = "Replication factor of every topic (default: the broker's default.replication.factor).")
        Short replicationFactor;

        @Option(names = "--partitions", paramLabel = "N",
                description = "Partitions of the stream topics raw-gops, bitstream and decoded (default: 4; "
                        + "dead-letters keeps 1).")
        Integer partitions;

        @Override
        Integer call(ClientProperties props, GvcTopics topics) throws Exception {
            if (replicationFactor != null) {
                if (replicationFactor < 1) {
                    throw new CommandLine.ParameterException(spec.commandLine(), "--replication-factor must be >= 1");
                }
                topics = topics.withReplicationFactor(replicationFactor);
            }
            if (partitions != null) {
                if (partitions < 1) {
                    throw new CommandLine.ParameterException(spec.commandLine(), "--partitions must be >= 1");
                }
                for (String role : List.of(GvcTopics.RAW_GOPS, GvcTopics.BITSTREAM, GvcTopics.DECODED)) {
                    topics = topics.with(role, s -> s.withPartitions(partitions));
                }
            }
            String where = props.bootstrapServers();
            try (Admin admin = KafkaCalls.admin(props)) {
                KafkaCalls.topicNames(admin, where);   // fail in seconds when nobody answers
                InstallReport report;
                try {
                    report = new TopicInstaller(admin).install(topics);
                } catch (KafkaException e) {
                    throw new BadInputException("Kafka at " + where + ": creating topics failed: " + e.getMessage(), e);
                }
                Map<String, Actual> actual = describe(admin, topics, where);
                // a topic just created may not be listed yet (the broker's metadata lags the controller's):
                // ask again, bounded, so the report shows what the broker has rather than GVC's spec
                long until = System.currentTimeMillis() + KafkaCalls.TIMEOUT_MS;
                while (actual.size() < report.topics().size() && System.currentTimeMillis() < until) {
                    Thread.sleep(100);
                    actual = describe(admin, topics, where);
                }
                for (TopicStatus s : report.topics()) {
                    String name = s.spec().name();
                    System.out.println((s.state() == TopicStatus.State.CREATED ? "created " : "existed ") + name + ": "
                            + actual.getOrDefault(name, Actual.wanted(s.spec())));
                    s.drift().forEach((k, v) -> System.out.println("    differs from GVC's spec: " + k + " " + v));
                }
                System.out.printf("topics: %d created, %d existed at %s%n", report.created().size(),
                        report.existing().size(), where);
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "describe", aliases = "list", mixinStandardHelpOptions = true,
            description = "Show each GVC topic: missing, or its partitions, replication factor and settings.")
    static final class Describe extends Subcommand {

        @Override
        Integer call(ClientProperties props, GvcTopics topics) throws Exception {
            try (Admin admin = KafkaCalls.admin(props)) {
                Map<String, Actual> actual = describe(admin, topics, props.bootstrapServers());
                for (TopicSpec s : topics.all()) {
                    Actual a = actual.get(s.name());
                    System.out.println(s.name() + ": " + (a == null ? "missing" : a));
                }
            }
            return ExitCodes.OK;
        }
    }

    /** A topic as the cluster has it: partitions, replication factor, and the settings GVC cares about. */
    record Actual(int partitions, String replicationFactor, Map<String, String> configs) {

        static Actual wanted(TopicSpec s) {
            return new Actual(s.partitions(), s.replicationFactor().map(String::valueOf).orElse("broker default"),
                    s.configs());
        }

        @Override
        public String toString() {
            StringBuilder b = new StringBuilder().append(partitions).append(" partitions, replication factor ")
                    .append(replicationFactor);
            configs.forEach((k, v) -> b.append(", ").append(k).append('=').append(v));
            return b.toString();
        }
    }

    /** The existing ones of {@code topics}, by name; missing topics are absent from the map. */
    static Map<String, Actual> describe(Admin admin, GvcTopics topics, String where) throws Exception {
        Set<String> present = KafkaCalls.topicNames(admin, where);
        List<TopicSpec> existing = new ArrayList<>();
        for (TopicSpec s : topics.all()) {
            if (present.contains(s.name())) {
                existing.add(s);
            }
        }
        Map<String, Actual> out = new LinkedHashMap<>();
        if (existing.isEmpty()) {
            return out;
        }
        Map<String, ExistingTopic> found;
        try {
            found = new TopicInstaller(admin, Duration.ofMillis(KafkaCalls.TIMEOUT_MS + 1000L)).describe(existing);
        } catch (KafkaException e) {
            throw new BadInputException("Kafka at " + where + ": " + e.getMessage(), e);
        }
        for (ExistingTopic e : found.values()) {
            Map<String, String> values = new TreeMap<>();
            e.configs().forEach((k, v) -> values.put(k, v == null ? "?" : v));
            out.put(e.name(), new Actual(e.partitions(), Integer.toString(e.replicationFactor()), values));
        }
        return out;
    }
}
