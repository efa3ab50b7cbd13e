package io.gvc.cli;

import io.gvc.kafka.props.ClientProperties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.common.KafkaFuture;

/** Admin calls the CLI makes before real work, bounded in time so a wrong address fails in seconds. */
final class KafkaCalls {

    /** How long the CLI waits for the cluster to answer an admin call. */
    static final int TIMEOUT_MS = 15_000;

    private KafkaCalls() {
    }

    static Admin admin(ClientProperties props) {
        java.util.Properties p = props.admin();
        p.putIfAbsent(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, Integer.toString(TIMEOUT_MS));
        p.putIfAbsent(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, Integer.toString(TIMEOUT_MS));
        return Admin.create(p);
    }

    /** Names of the non-internal topics; a one-line BadInputException when the cluster does not answer. */
    static Set<String> topicNames(Admin admin, String where) throws BadInputException, InterruptedException {
        return get(admin.listTopics(new ListTopicsOptions().listInternal(false).timeoutMs(TIMEOUT_MS)).names(), where);
    }

    static <T> T get(KafkaFuture<T> f, String where) throws BadInputException, InterruptedException {
        try {
            return f.get(TIMEOUT_MS + 1000L, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            Throwable c = e.getCause() != null ? e.getCause() : e;
            if (c instanceof org.apache.kafka.common.errors.TimeoutException) {
                throw new BadInputException("Kafka at " + where + " did not answer within " + TIMEOUT_MS / 1000
                        + " s (" + c.getMessage() + ")", c);
            }
            throw new BadInputException("Kafka at " + where + ": " + c.getMessage(), c);
        } catch (TimeoutException e) {
            throw new BadInputException("Kafka at " + where + " did not answer within " + TIMEOUT_MS / 1000 + " s", e);
        }
    }
}
