package io.gvc.model.onnx;

/**
 * One dimension of a declared tensor shape: a fixed size ({@code dim_value}) or a symbolic name
 * ({@code dim_param}, e.g. "L" or "batch").
 */
public record Dim(long value, String param) {

    public Dim {
        if (param == null && value < 0) {
            throw new IllegalArgumentException("fixed dimension must be >= 0, got " + value);
        }
    }

    public static Dim of(long value) {
        return new Dim(value, null);
    }

    public static Dim of(String param) {
        if (param == null || param.isEmpty()) {
            throw new IllegalArgumentException("symbolic dimension needs a name");
        }
        return new Dim(-1, param);
    }

    /** Integer types give a fixed dimension, strings a symbolic one. */
    public static Dim from(Object o) {
        if (o instanceof Dim d) {
            return d;
        }
        if (o instanceof Number n) {
            return of(n.longValue());
        }
        if (o instanceof String s) {
            return of(s);
        }
        throw new IllegalArgumentException("dimension must be a number or a name, got " + o);
    }

    public static Dim[] all(Object... dims) {
        Dim[] out = new Dim[dims.length];
        for (int i = 0; i < dims.length; i++) {
            out[i] = from(dims[i]);
        }
        return out;
    }

    public boolean symbolic() {
        return param != null;
    }

    @Override
    public String toString() {
        return symbolic() ? param : Long.toString(value);
    }
}
