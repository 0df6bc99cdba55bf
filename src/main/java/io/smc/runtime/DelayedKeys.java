package io.smc.runtime;

import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * Keys waiting for their due time, each once: offering a key again keeps the earlier of the two times, as client-go's
 * delaying queue does. Times are {@link io.smc.time.Ticker} nanos, compared by difference so that a ticker near the
 * end of the long range still orders correctly. Not thread-safe: {@link WorkQueue} calls it under its lock.
 */
final class DelayedKeys {
    private record Entry(String key, long due, long sequence) {
    }

    // Equal due times come out in the order they were offered.
    private static final Comparator<Entry> BY_DUE = (a, b) -> {
        long difference = a.due - b.due;
        return difference != 0 ? Long.signum(difference) : Long.compare(a.sequence, b.sequence);
    };

    private final Map<String, Entry> byKey = new HashMap<>();
    private final PriorityQueue<Entry> byDue = new PriorityQueue<>(BY_DUE);
    private long sequence;

    /** @return whether the key's due time changed: it was not waiting, or it now waits less */
    boolean offer(String key, long due) {
        Entry current = byKey.get(key);
        if (current != null) {
            if (current.due - due <= 0) {
                return false;
            }
            byDue.remove(current);
        }
        Entry entry = new Entry(key, due, sequence++);
        byKey.put(key, entry);
        byDue.add(entry);
        return true;
    }

    /** The key that is due first, removed, if it is due at {@code now}; otherwise null. */
    String pollDue(long now) {
        Entry first = byDue.peek();
        if (first == null || first.due - now > 0) {
            return null;
        }
        byDue.poll();
        byKey.remove(first.key);
        return first.key;
    }

    /** Nanos from {@code now} until the first key is due, at least 1; {@link Long#MAX_VALUE} when none waits. */
    long nanosUntilNext(long now) {
        Entry first = byDue.peek();
        return first == null ? Long.MAX_VALUE : Math.max(1, first.due - now);
    }

    /** When the key is due, or null when it is not waiting. */
    Long dueOf(String key) {
        Entry entry = byKey.get(key);
        return entry == null ? null : entry.due;
    }

    void clear() {
        byKey.clear();
        byDue.clear();
    }
}
