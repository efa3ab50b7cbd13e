package io.gvc.cli.demo;

import io.gvc.kafka.formats.DecodedGop;
import io.gvc.kafka.formats.DecodedGopFormat;
import io.gvc.kafka.formats.GvcHeaders;
import io.gvc.kafka.formats.RecordFormatException;
import io.gvc.kafka.props.ClientProperties;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/**
 * What a player and an archiver would see: reads gvc.decoded and gvc.bitstream with
 * read_committed (only what the exactly-once sinks have committed) on a background thread, and
 * notes when each decoded GOP became readable, for the latency figures. It also reads
 * gvc.dead-letters, so that a GOP the pipeline refused is accounted for (with its reason) instead
 * of waited for.
 */
final class OutputCollector implements AutoCloseable {

    /** A decoded GOP and the wall-clock time (epoch µs) it became readable here. */
    record Received(DecodedGop gop, long receivedMicros) {
    }

    private final ClientProperties props;
    private final String decodedTopic;
    private final String bitstreamTopic;
    private final String deadLetterTopic;
    private final Map<String, List<Received>> decoded = new TreeMap<>();
    /** "stream/gop" of every GOP that came out decoded or was refused. */
    private final java.util.Set<String> accounted = new java.util.HashSet<>();
    private final List<String> deadLetters = new ArrayList<>();
    private final Map<String, List<byte[]>> packets = new TreeMap<>();
    private final List<String> problems = new ArrayList<>();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final Thread thread;
    private volatile boolean running = true;

    OutputCollector(ClientProperties props, String decodedTopic, String bitstreamTopic, String deadLetterTopic) {
        this.props = props;
        this.decodedTopic = decodedTopic;
        this.bitstreamTopic = bitstreamTopic;
        this.deadLetterTopic = deadLetterTopic;
        this.thread = new Thread(this::run, "gvc-demo-output-reader");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    private void run() {
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(props.consumer(null))) {
            List<TopicPartition> parts = new ArrayList<>();
            for (String t : List.of(decodedTopic, bitstreamTopic, deadLetterTopic)) {
                c.partitionsFor(t).forEach(p -> parts.add(new TopicPartition(t, p.partition())));
            }
            c.assign(parts);
            c.seekToBeginning(parts);
            while (running) {
                for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(100))) {
                    accept(r, System.currentTimeMillis() * 1000);
                }
            }
        } catch (Throwable t) {
            failure.set(t);
        }
    }

    private synchronized void accept(ConsumerRecord<byte[], byte[]> r, long now) {
        String stream = r.key() == null ? "" : new String(r.key(), StandardCharsets.UTF_8);
        if (r.topic().equals(bitstreamTopic)) {
            packets.computeIfAbsent(stream, s -> new ArrayList<>()).add(r.value());
            return;
        }
        if (r.topic().equals(deadLetterTopic)) {
            // the refused record keeps its own headers: a raw GOP's or packet's stream and GOP number
            String reason = GvcHeaders.get(r.headers(), GvcHeaders.ERROR).orElse("(no reason given)");
            String from = GvcHeaders.get(r.headers(), GvcHeaders.SOURCE_TOPIC).orElse("?");
            java.util.OptionalLong seq = GvcHeaders.getLong(r.headers(), GvcHeaders.GOP_SEQ);
            String gopStream = GvcHeaders.get(r.headers(), GvcHeaders.STREAM).orElse(stream);
            deadLetters.add(from + " " + gopStream + (seq.isPresent() ? " GOP " + seq.getAsLong() : "") + ": " + reason);
            if (seq.isPresent()) {
                accounted.add(gopStream + "/" + seq.getAsLong());
            }
            return;
        }
        try {
            DecodedGop g = DecodedGopFormat.read(r.value());
            decoded.computeIfAbsent(g.streamId(), s -> new ArrayList<>()).add(new Received(g, now));
            accounted.add(g.streamId() + "/" + g.gopSeq());
        } catch (RecordFormatException e) {
            problems.add(r.topic() + "@" + r.offset() + ": " + e.getMessage());
        }
    }

    synchronized int decodedCount() {
        return decoded.values().stream().mapToInt(List::size).sum();
    }

    /** GOPs that came out decoded or were refused (each GOP once, however often it was refused). */
    synchronized int accountedCount() {
        return accounted.size();
    }

    /** Every dead letter read: where it came from, its stream and GOP, and the reason. */
    synchronized List<String> deadLetters() {
        return List.copyOf(deadLetters);
    }

    synchronized int packetCount() {
        return packets.values().stream().mapToInt(List::size).sum();
    }

    synchronized Map<String, List<Received>> decoded() {
        Map<String, List<Received>> copy = new TreeMap<>();
        decoded.forEach((k, v) -> copy.put(k, List.copyOf(v)));
        return copy;
    }

    synchronized Map<String, List<byte[]>> packets() {
        Map<String, List<byte[]>> copy = new TreeMap<>();
        packets.forEach((k, v) -> copy.put(k, List.copyOf(v)));
        return copy;
    }

    synchronized List<String> problems() {
        return List.copyOf(problems);
    }

    /** Rethrows a failure of the reader thread. */
    void check() {
        Throwable t = failure.get();
        if (t != null) {
            throw new IllegalStateException("reading the output topics failed: " + t, t);
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join(10_000);
    }
}
