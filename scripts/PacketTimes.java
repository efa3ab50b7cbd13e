import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * When each packet of a topic becomes visible to a read_committed reader, for the one-camera
 * scaling measurement (scripts/one-camera-scaling.sh): waits for COUNT records of gvc.bitstream,
 * prints one line per packet (arrival, GOP number, latency from the GOP's capture time in the
 * gvc.capture-ts header) and a summary: GOPs/s between the first and the last arrival, latency
 * median and maximum. Run with the CLI jar on the class path:
 * <pre>
 * java -cp cli/target/gvc-cli.jar scripts/PacketTimes.java BOOTSTRAP TOPIC COUNT [TIMEOUT_S]
 * </pre>
 */
public final class PacketTimes {

    public static void main(String[] args) throws Exception {
        if (args.length < 3) {
            System.err.println("usage: PacketTimes BOOTSTRAP TOPIC COUNT [TIMEOUT_S]");
            System.exit(2);
        }
        int count = Integer.parseInt(args[2]);
        long deadline = System.currentTimeMillis() + 1000L * (args.length > 3 ? Long.parseLong(args[3]) : 1800);
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, args[0]);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "packet-times-" + System.nanoTime());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        List<long[]> seen = new ArrayList<>(); // arrival ms, gop, latency ms
        try (var c = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            c.subscribe(List.of(args[1]));
            while (seen.size() < count) {
                if (System.currentTimeMillis() > deadline) {
                    System.err.println("timed out after " + seen.size() + " of " + count + " packets");
                    System.exit(1);
                }
                for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(100))) {
                    long now = System.currentTimeMillis();
                    long gop = Long.parseLong(header(r, "gvc.gop-seq"));
                    long captureMs = Long.parseLong(header(r, "gvc.capture-ts")) / 1000;
                    seen.add(new long[] {now, gop, now - captureMs});
                    System.out.printf("packet gop=%d arrival_ms=%d latency_ms=%d%n", gop, now, now - captureMs);
                }
            }
        }
        long first = seen.get(0)[0], last = seen.get(seen.size() - 1)[0];
        List<Long> latencies = new ArrayList<>();
        seen.forEach(s -> latencies.add(s[2]));
        Collections.sort(latencies);
        System.out.printf("packets=%d span_s=%.1f gops_per_s=%.3f latency_median_s=%.1f latency_max_s=%.1f%n",
                seen.size(), (last - first) / 1000.0, (seen.size() - 1) * 1000.0 / (last - first),
                latencies.get(latencies.size() / 2) / 1000.0, latencies.get(latencies.size() - 1) / 1000.0);
    }

    private static String header(ConsumerRecord<byte[], byte[]> r, String key) {
        Header h = r.headers().lastHeader(key);
        if (h == null) {
            throw new IllegalStateException("record at offset " + r.offset() + " has no " + key + " header");
        }
        return new String(h.value(), StandardCharsets.UTF_8);
    }
}
