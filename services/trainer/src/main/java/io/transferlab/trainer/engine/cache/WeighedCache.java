package io.transferlab.trainer.engine.cache;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToLongFunction;

/**
 * A least-recently-used cache bounded by the summed weight (bytes) of its values: values beyond {@code maxWeight}
 * are dropped oldest first, and a value heavier than {@code maxWeight} is never kept. Thread-safe.
 */
public final class WeighedCache<K, V> {
    private final long maxWeight;
    private final ToLongFunction<V> weigher;
    private final Map<K, V> entries = new LinkedHashMap<>(4, 0.75f, true);
    private long weight;

    public WeighedCache(long maxWeight, ToLongFunction<V> weigher) {
        this.maxWeight = maxWeight;
        this.weigher = weigher;
    }

    public synchronized Optional<V> get(K key) {
        return Optional.ofNullable(entries.get(key));
    }

    /** Keeps {@code value} under {@code key} (unless one is kept already, or it alone is too heavy). */
    public synchronized void put(K key, V value) {
        long w = weigher.applyAsLong(value);
        if (w > maxWeight || entries.containsKey(key)) {
            return;
        }
        entries.put(key, value);
        weight += w;
        Iterator<V> oldest = entries.values().iterator();
        while (weight > maxWeight) {
            weight -= weigher.applyAsLong(oldest.next());
            oldest.remove();
        }
    }

    public synchronized int size() {
        return entries.size();
    }
}
