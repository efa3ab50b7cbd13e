package io.gvc.eval;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * The measured value of each {@link Metric} for one point. A metric that was not measured (LPIPS
 * without the weights) has no value. The results store it as one field per metric, in Metric order
 * ({@link PointResultJson}), so it needs no field of its own when a metric is added.
 *
 * @param values by metric; null values are dropped, so "not measured" has one form
 */
public record Qualities(Map<Metric, Double> values) {

    public Qualities {
        EnumMap<Metric, Double> measured = new EnumMap<>(Metric.class);
        values.forEach((metric, value) -> {
            if (value != null) {
                measured.put(metric, value);
            }
        });
        values = Collections.unmodifiableMap(measured);
    }

    /** The value of {@code metric}, null where it was not measured. */
    public Double get(Metric metric) {
        return values.get(metric);
    }
}
