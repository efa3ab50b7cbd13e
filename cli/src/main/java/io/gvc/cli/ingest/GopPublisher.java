package io.gvc.cli.ingest;

import io.gvc.codec.GopPartition;
import io.gvc.codec.frame.Frame;
import io.gvc.codec.frame.VideoFormat;
import io.gvc.codec.variant.Variant;
import io.gvc.kafka.formats.GvcHeaders;
import io.gvc.kafka.formats.RawGop;
import io.gvc.kafka.formats.RawGopFormat;
import io.gvc.kafka.props.ClientProperties;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * The ingest producer: cuts a stream into GOPs as {@link GopPartition} says, and publishes each as
 * one {@link RawGop} record on the raw-GOPs topic, keyed by the stream id (UTF-8), so all GOPs of a
 * stream land on one partition in order. Headers come from {@link GvcHeaders#forRawGop}, the value
 * is {@link RawGopFormat} v1.
 *
 * <p>With FLF2V and I2V, GOP k is frames [k(F-1), k(F-1)+F-1]: its last frame is also GOP k+1's
 * first (the shared boundary), so that frame travels twice, once in each record. That keeps every
 * record self-contained: the encoder needs nothing from the previous record to code a GOP.
 * T2V GOPs tile the stream without overlap. The last GOP is shorter when the stream ends mid-GOP.
 *
 * <p>The producer is idempotent (acks=all, from {@link ClientProperties#producer()}), so a retried
 * send cannot duplicate or reorder a stream's GOPs. One publisher may serve several streams from
 * several threads at once ({@link #publishAll}); its producer is thread-safe.
 */
public final class GopPublisher implements AutoCloseable {

    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

    /** Called after each GOP is acknowledged, on the thread publishing that stream. */
    @FunctionalInterface
    public interface Listener {

        /** No progress reporting. */
        Listener NONE = (gop, gopCount) -> {
        };

        /**
         * {@code gop} was acknowledged by the broker; its stream has {@code gopCount} GOPs in all.
         * In {@link #publishAll} this is called from several threads: be thread-safe.
         */
        void acknowledged(PublishedGop gop, long gopCount);
    }

    private final Producer<byte[], byte[]> producer;
    private final String topic;
    private final int maxRecordBytes;

    /**
     * An idempotent producer from {@code props.producer()} (one request in flight: see there for
     * KAFKA-15591), publishing to {@code rawGopsTopic}.
     */
    public GopPublisher(ClientProperties props, String rawGopsTopic) {
        this(new KafkaProducer<>(props.producer()), rawGopsTopic, props.maxRecordBytes());
    }


    GopPublisher(Producer<byte[], byte[]> producer, String rawGopsTopic, int maxRecordBytes) {
        if (rawGopsTopic == null || rawGopsTopic.isBlank()) {
            throw new IllegalArgumentException("the raw GOPs topic name is empty");
        }
        this.producer = producer;
        this.topic = rawGopsTopic;
        this.maxRecordBytes = maxRecordBytes;
    }

    public String topic() {
        return topic;
    }

    /**
     * Publishes every GOP of {@code source} as {@code partition} cuts it, paced as {@code pacing}
     * says, and returns once the broker has acknowledged all of them, in GOP order.
     *
     * @throws IllegalArgumentException when the stream id, the partition or a GOP's size is unusable
     *                                  (checked before anything is sent)
     * @throws IngestException          when Kafka fails a record, or the thread is interrupted
     */
    public List<PublishedGop> publish(String streamId, FrameSource source, GopPartition partition, Pacing pacing,
                                      Listener listener) {
        return publish(streamId, source, partition, pacing, listener, LiveClock.start());
    }

    List<PublishedGop> publish(String streamId, FrameSource source, GopPartition partition, Pacing pacing,
                               Listener listener, LiveClock clock) {
        byte[] key = PublishChecks.streamId(streamId);
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(partition, "partition");
        Objects.requireNonNull(pacing, "pacing");
        PublishChecks.partition(streamId, source, partition);
        VideoFormat format = source.format();
        PublishChecks.recordSize(streamId, format, partition, key.length, maxRecordBytes);
        Listener progress = listener == null ? Listener.NONE : listener;

        long gops = partition.gopCount();
        StreamAcks acks = new StreamAcks(streamId, topic, gops, progress);
        Frame boundary = null;       // the previous GOP's last frame: asked for once, sent twice
        long boundaryIndex = -1;
        for (long k = 0; k < gops; k++) {
            long first = partition.firstFrame(k);
            int count = partition.frames(k);
            List<Frame> frames = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                long index = first + i;
                frames.add(index == boundaryIndex ? boundary : source.frame(index));
            }
            boundary = frames.get(count - 1);
            boundaryIndex = first + count - 1;

            long capture;
            if (pacing == Pacing.REALTIME) {
                // a live camera has the GOP only once its last frame is captured
                acks.awaitWhileDraining(clock, offset(first + count, format), k);
                capture = clock.atMicros(offset(first, format));
            } else {
                capture = clock.nowMicros();
            }
            long sent = clock.nowMicros();
            RawGop gop = new RawGop(streamId, k, first, capture, format.fpsNum(), format.fpsDen(), format.width(),
                    format.height(), frames);
            byte[] value = RawGopFormat.write(gop);
            Headers headers = GvcHeaders.forRawGop(new RecordHeaders(), gop);
            PublishedGop published = new PublishedGop(streamId, k, first, count, capture, sent, value.length);
            try {
                producer.send(new ProducerRecord<>(topic, null, key, value, headers),
                        (metadata, error) -> acks.add(published, error));
            } catch (RuntimeException e) {
                throw new IngestException(streamId, k, topic, "send failed", e);
            }
            acks.drain();
        }
        try {
            producer.flush();
        } catch (RuntimeException e) {
            throw new IngestException(streamId, gops - 1, topic, "flush failed", e);
        }
        return acks.awaitAll();
    }

    /**
     * Publishes several streams at once, one thread each, on one shared producer; GOPs cut as
     * {@code variant} with {@code gopFrames} frames per GOP. If any stream fails, the others are
     * stopped (interrupted) and the first failure is thrown.
     *
     * @return each stream's acknowledged GOPs, in the order of {@code streams}
     */
    public static Map<String, List<PublishedGop>> publishAll(ClientProperties props, String topic,
                                                             Map<String, FrameSource> streams, Variant variant,
                                                             int gopFrames, Pacing pacing, Listener listener) {
        Map<String, GopPartition> partitions = new LinkedHashMap<>();
        streams.forEach((id, src) -> partitions.put(id, new GopPartition(variant, gopFrames, src.frameCount())));
        return publishAll(props, topic, streams, partitions, pacing, listener);
    }

    /** As {@link #publishAll(ClientProperties, String, Map, Variant, int, Pacing, Listener)}, one partition per stream. */
    public static Map<String, List<PublishedGop>> publishAll(ClientProperties props, String topic,
                                                             Map<String, FrameSource> streams,
                                                             Map<String, GopPartition> partitions, Pacing pacing,
                                                             Listener listener) {
        if (streams.isEmpty()) {
            throw new IllegalArgumentException("no streams to publish");
        }
        for (Map.Entry<String, FrameSource> e : streams.entrySet()) {
            GopPartition p = partitions.get(e.getKey());
            if (p == null) {
                throw new IllegalArgumentException("stream " + e.getKey() + " has no GOP partition");
            }
            PublishChecks.streamId(e.getKey());
            PublishChecks.partition(e.getKey(), e.getValue(), p);
        }
        try (GopPublisher publisher = new GopPublisher(props, topic)) {
            return publisher.publishConcurrently(streams, partitions, pacing, listener);
        }
    }

    private Map<String, List<PublishedGop>> publishConcurrently(Map<String, FrameSource> streams,
                                                                Map<String, GopPartition> partitions, Pacing pacing,
                                                                Listener listener) {
        LiveClock clock = LiveClock.start();   // one time line: the cameras start together
        AtomicInteger threadNo = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(streams.size(), r -> {
            Thread t = new Thread(r, "gvc-ingest-" + threadNo.getAndIncrement());
            t.setDaemon(true);
            return t;
        });
        ExecutorCompletionService<String> done = new ExecutorCompletionService<>(pool);
        Map<String, List<PublishedGop>> results = new ConcurrentHashMap<>();
        try {
            for (Map.Entry<String, FrameSource> e : streams.entrySet()) {
                String id = e.getKey();
                done.submit(() -> {
                    Thread.currentThread().setName("gvc-ingest-" + id);
                    results.put(id, publish(id, e.getValue(), partitions.get(id), pacing, listener, clock));
                    return id;
                });
            }
            for (int i = 0; i < streams.size(); i++) {
                Future<String> f = done.take();
                try {
                    f.get();
                } catch (ExecutionException e) {
                    pool.shutdownNow();   // fail fast: stop the other streams
                    Throwable cause = e.getCause();
                    if (cause instanceof RuntimeException r) {
                        throw r;
                    }
                    if (cause instanceof Error err) {
                        throw err;
                    }
                    throw new IllegalStateException("publishing failed", cause);
                }
            }
        } catch (InterruptedException e) {
            pool.shutdownNow();
            Thread.currentThread().interrupt();
            throw new IngestException(String.join(",", streams.keySet()), 0, topic, "interrupted", e);
        } finally {
            pool.shutdownNow();
            awaitQuietly(pool);   // let stopped streams leave before the shared producer closes
        }
        Map<String, List<PublishedGop>> ordered = new LinkedHashMap<>();
        streams.keySet().forEach(id -> ordered.put(id, results.get(id)));
        return ordered;
    }

    private static void awaitQuietly(ExecutorService pool) {
        try {
            pool.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        producer.close(CLOSE_TIMEOUT);
    }

    private static long offset(long frame, VideoFormat f) {
        return LiveClock.frameOffsetMicros(frame, f.fpsNum(), f.fpsDen());
    }
}
