package io.gvc.operators.order;

import io.gvc.operators.metrics.KeyedCounterTotals;
import io.gvc.operators.metrics.StreamMetrics;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Puts one stream's results of a parallel stage back in order: decoded GOPs (after the GOP
 * decoders) and encoded packets (after the atom search). The parallel subtasks finish in any order;
 * each result names the GOP the sequential stage before them (boundary resolver, keyframe chain)
 * handed on before it, and a result is released once that GOP has been released, so the output
 * follows the sequential stage's order exactly and a GOP skipped or refused upstream never blocks
 * the stream.
 *
 * <p>Bounded: at most {@code maxWaiting} results wait per stream. Past that, the earliest waiting
 * result is released and the missing links before it are given up ({@code gopsSkipped}); with
 * exactly-once delivery this only happens if a result was lost, which the job's
 * checkpointing rules out, so it is a safety net against unbounded state, not a normal path. A result
 * that turns up after its link was given up is dropped: the stream has moved past it.
 * Failed results advance the chain but produce no output.
 */
public final class Reorderer<T extends ChainedResult> extends KeyedProcessFunction<String, T, T> {

    private static final long serialVersionUID = 1L;

    private final int maxWaiting;
    private final TypeInformation<T> type;
    private final String releasedCounter;
    private transient ValueState<Long> lastReleased;
    private transient ValueState<Long> newestSeen;
    private transient MapState<Long, T> waitingByPrevious;
    private transient StreamMetrics metrics;

    /**
     * @param type            the results' type (its serializer keeps the waiting ones in state)
     * @param releasedCounter the per-stream counter of released results ({@code gopsReleased},
     *                        {@code gopsEncoded})
     */
    public Reorderer(int maxWaiting, TypeInformation<T> type, String releasedCounter) {
        if (maxWaiting < 1) {
            throw new IllegalArgumentException("maxWaiting must be >= 1");
        }
        this.maxWaiting = maxWaiting;
        this.type = type;
        this.releasedCounter = releasedCounter;
    }

    @Override
    public void open(OpenContext context) {
        lastReleased = getRuntimeContext().getState(new ValueStateDescriptor<>("last-released", Types.LONG));
        newestSeen = getRuntimeContext().getState(new ValueStateDescriptor<>("newest-seen", Types.LONG));
        waitingByPrevious = getRuntimeContext().getMapState(
                new MapStateDescriptor<>("waiting-by-previous", Types.LONG, type));
        metrics = new StreamMetrics(getRuntimeContext().getMetricGroup(), KeyedCounterTotals.of(getRuntimeContext()));
    }

    @Override
    public void processElement(T d, Context ctx, Collector<T> out) throws Exception {
        String stream = d.streamId();
        Long newest = newestSeen.value();
        if (newest == null || d.gopSeq() > newest) {
            newestSeen.update(d.gopSeq());
        }
        Long released = lastReleased.value();
        if (released != null && d.gopSeq() <= released) {
            // its link was given up (gopsSkipped) when the bound released later GOPs: releasing it now would
            // put it out of order, and keeping it would let the bound release it later, behind newer GOPs
            metrics.inc(d.streamId(), "gopsDropped");
            return;
        }
        waitingByPrevious.put(d.previousSeq(), d);
        long last = releaseChain(released == null ? -1 : released, out);
        int waiting = waiting();
        if (waiting > maxWaiting) {
            T earliest = null;
            for (Map.Entry<Long, T> e : waitingByPrevious.entries()) {
                if (earliest == null || e.getKey() < earliest.previousSeq()) {
                    earliest = e.getValue();
                }
            }
            metrics.inc(stream, "gopsSkipped");
            // release the earliest and everything chained behind it
            last = releaseChain(earliest.previousSeq(), out);
            waiting = waiting();
        }
        lastReleased.update(last);
        metrics.set(stream, "gopsWaiting", waiting);
        metrics.set(stream, "gopsInFlight", Math.max(0, newestSeen.value() - last));
    }

    /** Results waiting for this stream (at most maxWaiting + 1, so counting them is cheap). */
    private int waiting() throws Exception {
        int n = 0;
        for (Long ignored : waitingByPrevious.keys()) {
            n++;
        }
        return n;
    }

    /**
     * Releases the waiting result that follows {@code from}, the one that follows it, and so on;
     * returns the GOP number of the last one released ({@code from} when none was).
     */
    private long releaseChain(long from, Collector<T> out) throws Exception {
        long last = from;
        T next;
        while ((next = waitingByPrevious.get(last)) != null) {
            waitingByPrevious.remove(last);
            release(next, out);
            last = next.gopSeq();
        }
        return last;
    }

    private void release(T d, Collector<T> out) {
        if (d.failed()) {
            metrics.inc(d.streamId(), "gopsFailed");
            return;
        }
        long latencyMs = (System.currentTimeMillis() * 1000 - d.captureTimeMicros()) / 1000;
        metrics.inc(d.streamId(), releasedCounter);
        metrics.record(d.streamId(), "latencyMs", Math.max(0, latencyMs));
        out.collect(d);
    }

    /** This subtask's metrics (tests read the counters through it). */
    StreamMetrics metrics() {
        return metrics;
    }
}
