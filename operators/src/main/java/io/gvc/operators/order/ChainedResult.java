package io.gvc.operators.order;

/**
 * A result of a parallel stage that names the GOP handed on before it for the same stream, so a
 * {@link Reorderer} can put the stream back in order: decoded GOPs, encoded packets.
 */
public interface ChainedResult {

    String streamId();

    long gopSeq();

    /** The GOP handed on before this one for the same stream, or -1 for the stream's first. */
    long previousSeq();

    /** Capture time of the GOP's first frame, epoch microseconds (latency is measured from it). */
    long captureTimeMicros();

    /** Whether the stage failed on this GOP: it advances the chain but is not released. */
    boolean failed();
}
