package io.gvc.operators.types;

/**
 * A record GVC refused, with the reason; written to the dead-letter topic with the original key,
 * value and headers plus {@code gvc.error} and the source coordinates.
 *
 * @param stream the stream it belongs to when known (for per-stream counts), else empty
 */
public record DeadLetter(SourceRecord record, String reason, String stream) {

    public DeadLetter {
        reason = reason == null || reason.isBlank() ? "unknown" : reason;
        stream = stream == null ? "" : stream;
    }
}
