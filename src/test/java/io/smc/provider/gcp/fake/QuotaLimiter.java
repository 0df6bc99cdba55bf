package io.smc.provider.gcp.fake;

import java.util.EnumMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * The per-minute quotas a test switched on, one {@link TokenBucket} per {@link CallClass}. The real service counts
 * per consumer project; the fake counts per class across all projects, which is the same for a test with one.
 */
final class QuotaLimiter {
    private final LongSupplier nanoTime;
    private final Map<CallClass, TokenBucket> buckets = new EnumMap<>(CallClass.class);

    QuotaLimiter(LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
    }

    /** Starts enforcing {@code perMinute} for the class, with a full bucket. */
    synchronized void limit(CallClass callClass, int perMinute) {
        buckets.put(callClass, new TokenBucket(perMinute, nanoTime));
    }

    synchronized void unlimit(CallClass callClass) {
        buckets.remove(callClass);
    }

    synchronized void unlimitAll() {
        buckets.clear();
    }

    /** The limit that refused the call, or null when the call may go ahead. */
    Integer refusingLimit(CallClass callClass) {
        TokenBucket bucket;
        synchronized (this) {
            bucket = buckets.get(callClass);
        }
        return bucket == null || bucket.tryAcquire() ? null : bucket.perMinute();
    }
}
