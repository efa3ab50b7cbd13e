package io.gvc.eval;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;
import java.lang.reflect.Array;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.EnumMap;
import java.util.Map;

/**
 * {@link PointResult} as a JSON object (points.jsonl, results.json, and through them results.csv): its
 * components in declaration order under their {@code @JsonProperty} names, with the {@link Qualities}
 * component spread in its place into one field per {@link Metric}, in Metric order, null where not
 * measured. That is the layout PointResult had when each metric was a component of its own (up to
 * 7f0119b), so files written then and now read alike and a new metric needs no new component.
 *
 * <p>Jackson could write this layout from annotations ({@code @JsonUnwrapped}), but it cannot read an
 * unwrapped record component back (Jackson 2.18), hence a writer and a reader of our own. Both walk
 * the record's components, so a component added to PointResult is stored without touching them.
 * Reading keeps the rules Jackson's record reading had: keys it does not know are ignored (older and
 * newer files load), a missing or null key is null, 0 for a primitive; a metric missing from a file
 * is "not measured", and {@link ResultStore#reusable} computes such a point again for a run that
 * measures it.
 */
final class PointResultJson {

    private static final RecordComponent[] COMPONENTS = PointResult.class.getRecordComponents();

    private PointResultJson() {
    }

    /** Writes a point field by field; Jackson's own serializers write each value, so numbers print as before. */
    static final class Writer extends StdSerializer<PointResult> {

        Writer() {
            super(PointResult.class);
        }

        @Override
        public void serialize(PointResult point, JsonGenerator gen, SerializerProvider provider) throws IOException {
            gen.writeStartObject(point);
            for (RecordComponent c : COMPONENTS) {
                Object value = get(c, point);
                if (value instanceof Qualities q) {
                    for (Metric m : Metric.values()) {
                        provider.defaultSerializeField(m.key, q.get(m), gen);
                    }
                } else {
                    provider.defaultSerializeField(name(c), value, gen);
                }
            }
            gen.writeEndObject();
        }
    }

    /** Reads a point written by {@link Writer}, or by the PointResult of any earlier layout. */
    static final class Reader extends StdDeserializer<PointResult> {

        Reader() {
            super(PointResult.class);
        }

        @Override
        public PointResult deserialize(JsonParser parser, DeserializationContext ctxt) throws IOException {
            JsonNode node = ctxt.readTree(parser);
            Object[] args = new Object[COMPONENTS.length];
            for (int i = 0; i < COMPONENTS.length; i++) {
                RecordComponent c = COMPONENTS[i];
                args[i] = c.getType() == Qualities.class ? qualities(node, ctxt) : value(node.get(name(c)), c, ctxt);
            }
            return construct(args);
        }

        private static Qualities qualities(JsonNode node, DeserializationContext ctxt) throws IOException {
            Map<Metric, Double> values = new EnumMap<>(Metric.class);
            for (Metric m : Metric.values()) {
                JsonNode v = node.get(m.key);
                if (v != null && !v.isNull()) {
                    values.put(m, ctxt.readTreeAsValue(v, Double.class));
                }
            }
            return new Qualities(values);
        }

        private static Object value(JsonNode v, RecordComponent c, DeserializationContext ctxt) throws IOException {
            Class<?> type = c.getType();
            if (v == null || v.isNull()) {
                return type.isPrimitive() ? Array.get(Array.newInstance(type, 1), 0) : null;
            }
            return ctxt.readTreeAsValue(v, ctxt.constructType(c.getGenericType()));
        }
    }

    /** The component's field name; Java hands its {@code @JsonProperty} on to the accessor, not to the component. */
    private static String name(RecordComponent c) {
        JsonProperty property = c.getAccessor().getAnnotation(JsonProperty.class);
        if (property == null) {
            throw new IllegalStateException("PointResult." + c.getName() + " has no @JsonProperty name");
        }
        return property.value();
    }

    private static Object get(RecordComponent c, PointResult point) {
        try {
            return c.getAccessor().invoke(point);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("reading PointResult." + c.getName(), e);
        }
    }

    private static PointResult construct(Object[] args) {
        Class<?>[] types = new Class<?>[COMPONENTS.length];
        for (int i = 0; i < types.length; i++) {
            types[i] = COMPONENTS[i].getType();
        }
        try {
            Constructor<PointResult> canonical = PointResult.class.getDeclaredConstructor(types);
            return canonical.newInstance(args);
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("PointResult's canonical constructor", e);
        }
    }
}
