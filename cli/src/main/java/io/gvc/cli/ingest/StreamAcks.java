package io.gvc.cli.ingest;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Acknowledgements of one stream's GOPs, handed from the producer's I/O thread (which must never run
 * user code or block) to the publishing thread, which reports them to the listener. A failed record
 * ends the stream with an {@link IngestException}.
 */
final class StreamAcks {

    /** Longest wait for an acknowledgement after flush(); delivery.timeout.ms (2 min) fails a record before. */
    static final long ACK_WAIT_SECONDS = 300;

    private record Ack(PublishedGop gop, Exception error) {
    }

    private final String streamId;
    private final String topic;
    private final long gopCount;
    private final GopPublisher.Listener listener;
    private final BlockingQueue<Ack> queue = new LinkedBlockingQueue<>();
    private final List<PublishedGop> acknowledged = new ArrayList<>();

    StreamAcks(String streamId, String topic, long gopCount, GopPublisher.Listener listener) {
        this.streamId = streamId;
        this.topic = topic;
        this.gopCount = gopCount;
        this.listener = listener;
    }

    /** Producer callback: I/O thread, only queues. */
    void add(PublishedGop gop, Exception error) {
        queue.add(new Ack(gop, error));
    }

    /** Reports the acknowledgements that are already in. */
    void drain() {
        Ack a;
        while ((a = queue.poll()) != null) {
            handle(a);
        }
    }

    /** Waits until {@code offsetMicros} after the clock's start, reporting acknowledgements meanwhile. */
    void awaitWhileDraining(LiveClock clock, long offsetMicros, long gop) {
        try {
            long wait;
            while ((wait = clock.nanosUntil(offsetMicros)) > 0) {
                Ack a = queue.poll(wait, TimeUnit.NANOSECONDS);
                if (a != null) {
                    handle(a);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IngestException(streamId, gop, topic, "interrupted while pacing", e);
        }
        drain();
    }

    /** After flush(): every acknowledgement, in GOP order. */
    List<PublishedGop> awaitAll() {
        try {
            while (acknowledged.size() < gopCount) {
                Ack a = queue.poll(ACK_WAIT_SECONDS, TimeUnit.SECONDS);
                if (a == null) {
                    throw new IngestException(streamId, acknowledged.size(), topic,
                            "no acknowledgement within " + ACK_WAIT_SECONDS + " s", null);
                }
                handle(a);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IngestException(streamId, acknowledged.size(), topic, "interrupted waiting for acknowledgements", e);
        }
        acknowledged.sort(Comparator.comparingLong(PublishedGop::gopSeq));
        return List.copyOf(acknowledged);
    }

    private void handle(Ack a) {
        if (a.error != null) {
            throw new IngestException(streamId, a.gop.gopSeq(), topic, "record not written", a.error);
        }
        acknowledged.add(a.gop);
        listener.acknowledged(a.gop, gopCount);
    }
}
