package io.gvc.codec.bitstream;

/**
 * A byte string that is not a valid GVC stream. The message names the field at fault, so that a
 * broadcast engineer reading a dead-letter header or a CLI error knows where to look.
 */
public class BitstreamException extends Exception {

    private final String field;

    public BitstreamException(String field, String problem) {
        super(field + ": " + problem);
        this.field = field;
    }

    public BitstreamException(String field, String problem, Throwable cause) {
        super(field + ": " + problem, cause);
        this.field = field;
    }

    /** The name of the field (as in docs/bitstream.md) that failed. */
    public String field() {
        return field;
    }
}
