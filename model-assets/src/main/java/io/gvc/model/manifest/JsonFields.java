package io.gvc.model.manifest;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Set;
import java.util.TreeSet;

/**
 * Strict reading of JSON fields for {@link ManifestCodec}: each helper refuses a missing field, a
 * field of the wrong type or an unknown key, naming the JSON path ({@code prefix + key}).
 */
final class JsonFields {

    private JsonFields() {
    }

    static <E extends Enum<E>> E enumOf(Class<E> type, String s, String at, String what) {
        try {
            return ModelManifest.parseEnum(type, s, what);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(at + ": " + e.getMessage());
        }
    }

    static void obj(JsonNode n, String at, Set<String> allowed) {
        if (n == null || !n.isObject()) {
            throw new IllegalArgumentException(at + ": must be a JSON object");
        }
        for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!allowed.contains(k)) {
                throw new IllegalArgumentException((at.equals("(root)") ? "" : at + ".") + k + ": unknown field (known: "
                        + String.join(", ", new TreeSet<>(allowed)) + ")");
            }
        }
    }

    static JsonNode req(JsonNode n, String key, String prefix) {
        JsonNode v = n.get(key);
        if (v == null || v.isNull()) {
            throw new IllegalArgumentException(prefix + key + ": missing");
        }
        return v;
    }

    static String str(JsonNode n, String key, String prefix) {
        JsonNode v = req(n, key, prefix);
        if (!v.isTextual() || v.asText().isEmpty()) {
            throw new IllegalArgumentException(prefix + key + ": expected a non-empty string, got " + v);
        }
        return v.asText();
    }

    static int positive(JsonNode n, String key, String prefix) {
        int v = nonNegative(n, key, prefix);
        if (v < 1) {
            throw new IllegalArgumentException(prefix + key + ": must be >= 1, got " + v);
        }
        return v;
    }

    static int nonNegative(JsonNode n, String key, String prefix) {
        JsonNode v = req(n, key, prefix);
        if (!v.isIntegralNumber() || !v.canConvertToInt() || v.asInt() < 0) {
            throw new IllegalArgumentException(prefix + key + ": expected an integer >= 0, got " + v);
        }
        return v.asInt();
    }

    static double number(JsonNode n, String key, String prefix) {
        JsonNode v = req(n, key, prefix);
        if (!v.isNumber() || !Double.isFinite(v.asDouble())) {
            throw new IllegalArgumentException(prefix + key + ": expected a number, got " + v);
        }
        return v.asDouble();
    }

    static boolean bool(JsonNode n, String key, String prefix) {
        JsonNode v = req(n, key, prefix);
        if (!v.isBoolean()) {
            throw new IllegalArgumentException(prefix + key + ": expected true or false, got " + v);
        }
        return v.asBoolean();
    }
}
