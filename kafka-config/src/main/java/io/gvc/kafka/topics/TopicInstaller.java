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
        Map<String, ExistingTopic> found = existing.isEmpty() ? Map.of() : retrying(() -> describe(existing));

        List<TopicStatus> out = new ArrayList<>();
        for (TopicSpec s : topics.all()) {
            if (states.get(s.name()) == TopicStatus.State.CREATED) {
                out.add(new TopicStatus(s, TopicStatus.State.CREATED, s.partitions(), Map.of()));
            } else {
                ExistingTopic e = found.get(s.name());
                out.add(new TopicStatus(s, TopicStatus.State.EXISTED, e == null ? -1 : e.partitions(),
                        e == null ? Map.of() : e.drift(s)));
            }
        }
        return new InstallReport(out);
    }

    /**
     * The topics of {@code specs} as the cluster has them, by name, in one describe of topics and one
     * of configs. Every topic must exist; a missing one fails the call (UnknownTopicOrPartitionException).
     */
    public Map<String, ExistingTopic> describe(List<TopicSpec> specs) throws InterruptedException {
        List<ConfigResource> res = specs.stream()
                .map(s -> new ConfigResource(ConfigResource.Type.TOPIC, s.name())).toList();
        Map<ConfigResource, Config> configs = get(admin.describeConfigs(res).all());
        Map<String, TopicDescription> desc = get(admin.describeTopics(specs.stream().map(TopicSpec::name).toList())
                .allTopicNames());
        Map<String, ExistingTopic> out = new LinkedHashMap<>();
        for (TopicSpec s : specs) {
            TopicDescription td = desc.get(s.name());
            int partitions = td == null ? 0 : td.partitions().size();
            int rf = td == null || td.partitions().isEmpty() ? 0 : td.partitions().get(0).replicas().size();
            Config c = configs.get(new ConfigResource(ConfigResource.Type.TOPIC, s.name()));
            Map<String, String> values = new LinkedHashMap<>();
            for (String key : s.configs().keySet()) {   // the settings GVC sets, as the cluster has them
                ConfigEntry have = c == null ? null : c.get(key);
                values.put(key, have == null ? null : have.value());
            }
            out.put(s.name(), new ExistingTopic(s.name(), partitions, rf, values));
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
