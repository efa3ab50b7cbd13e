package io.gvc.codec.bitstream;

/**
 * A byte string that is not a valid GVC stream. The message names the field at fault, so that a
 * broadcast engineer reading a dead-letter header or a CLI error knows where to look.
 */
public class BitstreamException extends Exception {

    private final String field;
    private final String problem;

    public BitstreamException(String field, String problem) {
        super(field + ": " + problem);
        this.field = field;
        this.problem = problem;
    }

    public BitstreamException(String field, String problem, Throwable cause) {
        super(field + ": " + problem, cause);
        this.field = field;
        this.problem = problem;
    }

    /** What is wrong with the field, without its name. */
    public String problem() {
        return problem;
    }

    /** The same problem, seen from an enclosing structure: the field name gets {@code prefix.} in front. */
    public BitstreamException within(String prefix) {
        return new BitstreamException(prefix + "." + field, problem, this);
    }

    /** The name of the field (as in docs/bitstream.md) that failed. */
    public String field() {
        return field;
    }
}
