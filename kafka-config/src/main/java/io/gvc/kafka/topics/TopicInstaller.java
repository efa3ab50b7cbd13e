package io.gvc.kafka.topics;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.CreateTopicsResult;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Creates the GVC topics that are missing and reports on those that exist. Idempotent: running it
 * again creates nothing and reports every topic as EXISTED. It never deletes or alters a topic;
 * differences between an existing topic and its spec are reported as drift.
 */
public final class TopicInstaller {

    private final Admin admin;
    private final Duration timeout;

    public TopicInstaller(Admin admin) {
        this(admin, Duration.ofSeconds(30));
    }

    public TopicInstaller(Admin admin, Duration timeout) {
        this.admin = admin;
        this.timeout = timeout;
    }

    /** Opens an Admin client from {@code adminProperties}, installs, closes it. */
    public static InstallReport install(Properties adminProperties, GvcTopics topics) throws InterruptedException {
        try (Admin admin = Admin.create(adminProperties)) {
            return new TopicInstaller(admin).install(topics);
        }
    }

    public InstallReport install(GvcTopics topics) throws InterruptedException {
        Set<String> present = get(admin.listTopics(new ListTopicsOptions().listInternal(false)).names());
        List<TopicSpec> missing = topics.all().stream().filter(s -> !present.contains(s.name())).toList();

        Map<String, TopicStatus.State> states = new HashMap<>();
        if (!missing.isEmpty()) {
            CreateTopicsResult created = admin.createTopics(missing.stream().map(TopicSpec::toNewTopic).toList());
            for (TopicSpec s : missing) {
                try {
                    get(created.values().get(s.name()));
                    states.put(s.name(), TopicStatus.State.CREATED);
                } catch (KafkaException e) {
                    if (e.getCause() instanceof TopicExistsException || e instanceof TopicExistsException) {
                        states.put(s.name(), TopicStatus.State.EXISTED); // created by someone else meanwhile
                    } else {
                        throw e;
                    }
                }
            }
        }
        List<TopicSpec> existing = topics.all().stream()
                .filter(s -> states.get(s.name()) != TopicStatus.State.CREATED).toList();
        Map<String, Map<String, String>> drift = existing.isEmpty() ? Map.of() : retrying(() -> drift(existing));
        Map<String, Integer> partitions = existing.isEmpty() ? Map.of() : retrying(() -> partitions(existing));

        List<TopicStatus> out = new ArrayList<>();
        for (TopicSpec s : topics.all()) {
            if (states.get(s.name()) == TopicStatus.State.CREATED) {
                out.add(new TopicStatus(s, TopicStatus.State.CREATED, s.partitions(), Map.of()));
            } else {
                out.add(new TopicStatus(s, TopicStatus.State.EXISTED, partitions.getOrDefault(s.name(), -1),
                        drift.getOrDefault(s.name(), Map.of())));
            }
        }
        return new InstallReport(out);
    }

    private Map<String, Integer> partitions(List<TopicSpec> specs) throws InterruptedException {
        Map<String, TopicDescription> d = get(admin.describeTopics(specs.stream().map(TopicSpec::name).toList())
                .allTopicNames());
        Map<String, Integer> out = new HashMap<>();
        d.forEach((name, desc) -> out.put(name, desc.partitions().size()));
        return out;
    }

    private Map<String, Map<String, String>> drift(List<TopicSpec> specs) throws InterruptedException {
        List<ConfigResource> res = specs.stream()
                .map(s -> new ConfigResource(ConfigResource.Type.TOPIC, s.name())).toList();
        Map<ConfigResource, Config> configs = get(admin.describeConfigs(res).all());
        Map<String, TopicDescription> desc = get(admin.describeTopics(specs.stream().map(TopicSpec::name).toList())
                .allTopicNames());
        Map<String, Map<String, String>> out = new HashMap<>();
        for (TopicSpec s : specs) {
            Map<String, String> d = new LinkedHashMap<>();
            TopicDescription td = desc.get(s.name());
            if (td != null) {
                if (td.partitions().size() != s.partitions()) {
                    d.put("partitions", "want " + s.partitions() + ", have " + td.partitions().size());
                }
                int rf = td.partitions().isEmpty() ? 0 : td.partitions().get(0).replicas().size();
                if (s.replicationFactor().isPresent() && s.replicationFactor().get() != rf) {
                    d.put("replication.factor", "want " + s.replicationFactor().get() + ", have " + rf);
                }
            }
            Config c = configs.get(new ConfigResource(ConfigResource.Type.TOPIC, s.name()));
            for (Map.Entry<String, String> want : s.configs().entrySet()) {
                ConfigEntry have = c == null ? null : c.get(want.getKey());
                String haveValue = have == null ? null : have.value();
                if (!want.getValue().equals(haveValue)) {
                    d.put(want.getKey(), "want " + want.getValue() + ", have " + haveValue);
                }
            }
            if (!d.isEmpty()) {
                out.put(s.name(), d);
            }
        }
        return out;
    }

    private interface AdminCall<T> {
        T call() throws InterruptedException;
    }

    /**
     * A topic that was just created (by us or by someone else) may be listed before every broker
     * can describe it; retry such calls for a while.
     */
    private <T> T retrying(AdminCall<T> call) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        long backoff = 50;
        while (true) {
            try {
                return call.call();
            } catch (KafkaException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException) || System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(backoff);
                backoff = Math.min(1000, backoff * 2);
            }
        }
    }

    private <T> T get(KafkaFuture<T> f) throws InterruptedException {
        try {
            return f.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof KafkaException k) {
                throw new KafkaException(k.getMessage(), k);
            }
            throw new KafkaException(c);
        } catch (TimeoutException e) {
            throw new KafkaException("Kafka admin call timed out after " + timeout, e);
        }
    }
}
