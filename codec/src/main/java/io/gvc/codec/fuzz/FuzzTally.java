package io.gvc.codec.fuzz;

import io.gvc.codec.bitstream.BitstreamException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the mutations of one prior and kind came to: how many decoded, how many were refused with a
 * {@link BitstreamException} (counted by the field it names), anything else (an untyped exception or
 * an error, grouped by type and place with the first example of each), and the decodes slower than
 * the run's bound. Not thread-safe: one tally per run.
 */
public final class FuzzTally {

    private final String prior;
    private final MutationKind kind;
    private int mutations;
    private int decoded;
    private final Map<String, Integer> refusedByField = new TreeMap<>();
    private final Map<String, Integer> otherCount = new LinkedHashMap<>();
    private final Map<String, String> otherExample = new LinkedHashMap<>();
    private int slow;
    private String slowExample = "";
    private long slowestNanos = -1;
    private String slowestExample = "";

    public FuzzTally(String prior, MutationKind kind) {
        this.prior = prior;
        this.kind = kind;
    }

    void decoded(long nanos, String example) {
        mutations++;
        decoded++;
        timed(nanos, example);
    }

    void refused(BitstreamException e, long nanos, String example) {
        mutations++;
        refusedByField.merge(e.field(), 1, Integer::sum);
        timed(nanos, example);
    }

    void other(Throwable t, long nanos, String example) {
        mutations++;
        String key = t.getClass().getName() + " at " + where(t);
        otherCount.merge(key, 1, Integer::sum);
        otherExample.putIfAbsent(key, example + " -> " + t);
        timed(nanos, example);
    }

    /** A decode that finished, but slower than the bound: reported as something else, not as a pass. */
    void slow(long nanos, String example) {
        if (slow++ == 0) {
            slowExample = example + " -> " + nanos / 1_000_000 + " ms";
        }
    }

    private void timed(long nanos, String example) {
        if (nanos > slowestNanos) {
            slowestNanos = nanos;
            slowestExample = example;
        }
    }

    /** The first engine frame of {@code t}: where it came from, for grouping. */
    private static String where(Throwable t) {
        for (StackTraceElement e : t.getStackTrace()) {
            if (e.getClassName().startsWith("io.gvc.") && !e.getClassName().startsWith("io.gvc.codec.fuzz.")) {
                return e.getClassName() + "." + e.getMethodName() + ":" + e.getLineNumber();
            }
        }
        return "?";
    }

    public String prior() {
        return prior;
    }

    public MutationKind kind() {
        return kind;
    }

    public int mutations() {
        return mutations;
    }

    public int decoded() {
        return decoded;
    }

    public int refused() {
        return refusedByField.values().stream().mapToInt(Integer::intValue).sum();
    }

    /** Refusals by the field the BitstreamException names, sorted by field. */
    public Map<String, Integer> refusedByField() {
        return Collections.unmodifiableMap(refusedByField);
    }

    /** Everything that was neither decoded nor refused with a BitstreamException, by type and place. */
    public Map<String, Integer> otherCount() {
        return Collections.unmodifiableMap(otherCount);
    }

    /** The first example of each entry of {@link #otherCount}: seed, iteration, mutation and outcome. */
    public Map<String, String> otherExample() {
        return Collections.unmodifiableMap(otherExample);
    }

    public int others() {
        return otherCount.values().stream().mapToInt(Integer::intValue).sum();
    }

    /** Decodes (or refusals) slower than the run's bound; also counted in decoded, refused or others. */
    public int slow() {
        return slow;
    }

    /** The first decode slower than the bound, with its time; empty when none. */
    public String slowExample() {
        return slowExample;
    }

    /** Whether everything was decoded or refused with a BitstreamException within the bound. */
    public boolean clean() {
        return otherCount.isEmpty() && slow == 0;
    }

    public long slowestMillis() {
        return Math.max(0, slowestNanos) / 1_000_000;
    }

    /** Which mutation took longest (seed, iteration, mutation). */
    public String slowestExample() {
        return slowestExample;
    }
}
