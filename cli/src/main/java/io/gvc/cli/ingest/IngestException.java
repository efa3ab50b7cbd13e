package io.gvc.cli.ingest;

/**
 * Publishing a stream failed: Kafka refused or lost a record, the producer timed out, or the
 * publishing thread was interrupted. The message names the stream, the GOP and the topic.
 */
public class IngestException extends RuntimeException {

    private final String streamId;
    private final long gopSeq;
    private final String topic;

    public IngestException(String streamId, long gopSeq, String topic, String what, Throwable cause) {
        super("stream " + streamId + ", GOP " + gopSeq + ", topic " + topic + ": " + what
                + (cause == null || cause.getMessage() == null ? "" : ": " + cause.getMessage()), cause);
        this.streamId = streamId;
        this.gopSeq = gopSeq;
        this.topic = topic;
    }

    public String streamId() {
        return streamId;
    }

    public long gopSeq() {
        return gopSeq;
    }

    public String topic() {
        return topic;
    }
}
