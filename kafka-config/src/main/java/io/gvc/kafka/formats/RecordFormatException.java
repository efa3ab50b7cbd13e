package io.gvc.kafka.formats;

/**
 * A record value that is not a valid GVC record of the expected format. The message starts with the
 * name of the field at fault (as in kafka-config/README.md), so a dead-letter {@code gvc.error}
 * header tells an operator where to look.
 *
 * <p>Checked on purpose: code that reads records from Kafka must decide what happens to a bad one
 * (normally: send it to {@code gvc.dead-letters} and go on), not let it kill the job.
 */
public class RecordFormatException extends Exception {

    private static final long serialVersionUID = 1L;

    private final String field;

    public RecordFormatException(String field, String problem) {
        super(field + ": " + problem);
        this.field = field;
    }

    public RecordFormatException(String field, String problem, Throwable cause) {
        super(field + ": " + problem, cause);
        this.field = field;
    }

    /** The field (as named in kafka-config/README.md) that failed. */
    public String field() {
        return field;
    }
}
