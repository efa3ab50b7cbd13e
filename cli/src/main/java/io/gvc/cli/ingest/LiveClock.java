package io.gvc.cli.ingest;

import java.math.BigInteger;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The time line of a publishing run: one wall-clock reading at the start, then the monotonic
 * System.nanoTime() from there. Every time stamped on a GOP comes from here, so the stamps are
 * never out of order (an NTP step of the wall clock mid-run cannot reorder them), and the streams
 * of one {@link GopPublisher#publishAll} run share one start, like cameras on a common clock.
 */
final class LiveClock {

    private final long startEpochMicros;
    private final long startNanos;

    LiveClock(long startEpochMicros, long startNanos) {
        this.startEpochMicros = startEpochMicros;
        this.startNanos = startNanos;
    }

    static LiveClock start() {
        Instant now = Instant.now();
        return new LiveClock(ChronoUnit.MICROS.between(Instant.EPOCH, now), System.nanoTime());
    }


    /** Now, in microseconds since the epoch, on this run's time line. */
    long nowMicros() {
        return startEpochMicros + (System.nanoTime() - startNanos) / 1000;
    }

    /** The epoch time {@code offsetMicros} after the start. */
    long atMicros(long offsetMicros) {
        return startEpochMicros + offsetMicros;
    }

    /** Nanoseconds from now until {@code offsetMicros} after the start (negative when past). */
    long nanosUntil(long offsetMicros) {
        return startNanos + offsetMicros * 1000 - System.nanoTime();
    }

    /**
     * Microseconds from the start of a stream to the capture of frame {@code frame} at fpsNum/fpsDen
     * frames per second: floor(frame * 10^6 * fpsDen / fpsNum), exact for any frame and rate.
     */
    static long frameOffsetMicros(long frame, int fpsNum, int fpsDen) {
        return BigInteger.valueOf(frame).multiply(BigInteger.valueOf(1_000_000L * fpsDen))
                .divide(BigInteger.valueOf(fpsNum)).longValueExact();
    }
}
