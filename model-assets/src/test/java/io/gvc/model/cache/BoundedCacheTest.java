package io.gvc.model.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BoundedCacheTest {

    @Test
    void keepsAtMostItsCapacityAndDropsTheLeastRecentlyUsed() {
        List<String> evicted = new ArrayList<>();
        List<Integer> made = new ArrayList<>();
        BoundedCache<Integer, String> c = new BoundedCache<>(3, evicted::add);
        for (int k = 0; k < 3; k++) {
            c.get(k, key -> {
                made.add(key);
                return "v" + key;
            });
        }
        assertEquals("v0", c.get(0, key -> "again")); // 0 is now the most recently used
        c.get(3, key -> "v" + key);
        assertEquals(List.of("v1"), evicted, "1 was the least recently used");
        assertEquals(List.of(2, 0, 3), c.keys());
        for (int k = 4; k < 1000; k++) { // ever-changing keys: the cache stays bounded
            c.get(k, key -> "v" + key);
            assertEquals(Math.min(3, k), c.size());
        }
        assertEquals(997, evicted.size());
        assertEquals(List.of(0, 1, 2), made, "a cached value is never made again");
        c.close();
        assertEquals(1000, evicted.size(), "close drops the rest");
        assertEquals(0, c.size());
    }

    @Test
    void aFailedMakeCachesNothing() {
        BoundedCache<String, String> c = new BoundedCache<>(2, v -> { });
        assertThrows(java.io.IOException.class, () -> c.get("a", k -> {
            throw new java.io.IOException("no");
        }));
        assertEquals(0, c.size());
        assertThrows(IllegalArgumentException.class, () -> new BoundedCache<String, String>(0, v -> { }));
    }
}
