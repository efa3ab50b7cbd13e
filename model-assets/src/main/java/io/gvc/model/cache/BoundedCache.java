package io.gvc.model.cache;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Values made on first use and kept, at most {@code capacity} of them: the least recently used one is
 * dropped and handed to {@code onEvict} (which closes what it holds) when a new one would exceed the
 * bound. So a stream of ever-changing keys (picture sizes, tensor shapes, models) cannot grow memory
 * without limit. Thread-safe: every method holds the cache's lock, making a value included.
 */
public final class BoundedCache<K, V> implements AutoCloseable {

    /** Makes the value of a key that is not in the cache. */
    @FunctionalInterface
    public interface Maker<K, V, E extends Exception> {
        V make(K key) throws E;
    }

    /** Works on a cached value under the cache's lock. */
    @FunctionalInterface
    public interface Use<V, R> {
        R apply(V value);
    }

    private final int capacity;
    private final Consumer<V> onEvict;
    private final LinkedHashMap<K, V> values = new LinkedHashMap<>(16, 0.75f, true);

    /**
     * @param capacity how many values are kept, at least 1
     * @param onEvict  called with each value dropped (and with every value on {@link #close})
     */
    public BoundedCache(int capacity, Consumer<V> onEvict) {
        if (capacity < 1) {
            throw new IllegalArgumentException("a cache keeps at least 1 value, got capacity " + capacity);
        }
        this.capacity = capacity;
        this.onEvict = onEvict;
    }

    /** The value of {@code key}: the cached one, else a new one from {@code make} (then the eldest may go). */
    public synchronized <E extends Exception> V get(K key, Maker<K, V, E> make) throws E {
        V v = values.get(key);
        if (v == null) {
            v = make.make(key);
            values.put(key, v);
            trim();
        }
        return v;
    }

    /** {@link #get} then {@code use} on the value, both under the lock (for values that are not thread-safe). */
    public synchronized <E extends Exception, R> R with(K key, Maker<K, V, E> make, Use<V, R> use) throws E {
        return use.apply(get(key, make));
    }

    public int capacity() {
        return capacity;
    }

    public synchronized int size() {
        return values.size();
    }

    /** The cached keys, least recently used first. */
    public synchronized List<K> keys() {
        return new ArrayList<>(values.keySet());
    }

    private void trim() {
        Iterator<Map.Entry<K, V>> it = values.entrySet().iterator();
        while (values.size() > capacity && it.hasNext()) {
            V eldest = it.next().getValue();
            it.remove();
            onEvict.accept(eldest);
        }
    }

    /** Drops every value through {@code onEvict}. */
    @Override
    public synchronized void close() {
        List<V> all = new ArrayList<>(values.values());
        values.clear();
        all.forEach(onEvict);
    }
}
