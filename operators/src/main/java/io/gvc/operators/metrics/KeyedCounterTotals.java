package io.gvc.operators.metrics;

import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;

/**
 * Counter totals in keyed state (one map per stream, the operator's key), so that a stream's
 * counters go on from their checkpointed totals after a failover instead of from zero. Only for
 * operators keyed by stream, and only called while processing that stream's record.
 */
public final class KeyedCounterTotals implements StreamMetrics.CounterTotals {

    private final MapState<String, Long> totals;

    private KeyedCounterTotals(MapState<String, Long> totals) {
        this.totals = totals;
    }

    /** The totals of a keyed operator; call from open(). */
    public static KeyedCounterTotals of(RuntimeContext context) {
        return new KeyedCounterTotals(context.getMapState(
                new MapStateDescriptor<>("stream-counters", Types.STRING, Types.LONG)));
    }

    @Override
    public long add(String counter, long n) {
        try {
            Long before = totals.get(counter);
            long total = (before == null ? 0 : before) + n;
            totals.put(counter, total);
            return total;
        } catch (Exception e) {
            // the state backend failed: not the record's fault, so the task fails and is restored
            throw new IllegalStateException("keyed counter state: " + e.getMessage(), e);
        }
    }
}
