package io.smc.provider.gcp;

import io.smc.time.Ticker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * Clients shared by key and closed when unused. A Google Cloud client holds a gRPC channel (threads, connections, a
 * token cache), so configs that agree on project, endpoint, transport and identity use one, and one that nobody has
 * leased for longer than the idle time is closed by {@link #closeIdle()}, which the owner calls now and then.
 *
 * <p>Thread-safe. Each key's client is made once, by the first caller, outside the lock so that a slow factory holds up
 * only callers of the same key; they wait for it and share its result. A factory that fails caches nothing: the failure
 * goes to the callers that waited for that attempt, and the next call tries again. Closing is done outside the lock
 * too, and a client that fails to close is reported and forgotten.
 *
 * @param <K> what tells clients apart; its {@code toString} appears in reports, so it must not show secrets
 * @param <C> the client
 */
public final class SharedClients<K, C extends AutoCloseable> implements AutoCloseable {
    private static final System.Logger LOGGER = System.getLogger(SharedClients.class.getName());

    private final long idleNanos;
    private final Ticker nanoTime;
    private final BiConsumer<? super K, ? super Exception> closeFailures;
    private final Object lock = new Object();
    private final Map<K, Entry<C>> entries = new HashMap<>();
    private boolean closed;

    /** Idle time measured by {@link System#nanoTime()}; close failures logged as warnings. */
    public SharedClients(Duration idleTime) {
        this(idleTime, Ticker.SYSTEM, SharedClients::logCloseFailure);
    }

    /**
     * @param idleTime      how long a client may go unleased before {@link #closeIdle()} closes it
     * @param nanoTime      a monotonic clock in nanoseconds, so that wall-clock adjustments do not close clients
     * @param closeFailures told of each client that failed to close, with its key
     */
    public SharedClients(Duration idleTime, Ticker nanoTime, BiConsumer<? super K, ? super Exception> closeFailures) {
        if (idleTime.isNegative()) {
            throw new IllegalArgumentException("idle time must not be negative: " + idleTime);
        }
        this.idleNanos = idleTime.toNanos();
        this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
        this.closeFailures = Objects.requireNonNull(closeFailures, "closeFailures");
    }

    /**
     * The client for {@code key}, made by {@code factory} if there is none. Close the lease when done with it; the
     * client stays open at least as long as some lease on it is open (or until {@link #close()}).
     *
     * @throws IllegalStateException when these clients are closed, or the factory returned null
     * @throws RuntimeException      what the factory threw, for this caller and those who waited for the same attempt
     */
    public Lease<C> acquire(K key, Function<? super K, ? extends C> factory) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(factory, "factory");
        Entry<C> entry;
        boolean mine = false;
        synchronized (lock) {
            requireOpen();
            entry = entries.get(key);
            if (entry == null) {
                entry = new Entry<>();
                entries.put(key, entry);
                mine = true;
            }
            entry.leases++;
        }
        if (mine) {
            make(key, entry, factory);
        }
        C client = awaitClient(key, entry);
        return new Lease<>(client, this, entry);
    }

    /**
     * Closes each client that no lease has held for the idle time.
     *
     * @return how many were closed
     */
    public int closeIdle() {
        List<Map.Entry<K, Entry<C>>> idle = new ArrayList<>();
        synchronized (lock) {
            long now = nanoTime.nanos();
            for (var it = entries.entrySet().iterator(); it.hasNext(); ) {
                var candidate = it.next();
                Entry<C> entry = candidate.getValue();
                if (entry.leases == 0 && entry.made.isDone() && now - entry.idleSince >= idleNanos) {
                    it.remove();
                    idle.add(candidate);
                }
            }
        }
        idle.forEach(e -> closeQuietly(e.getKey(), e.getValue().made.join()));
        return idle.size();
    }

    /** Closes every client, leased or not; later {@link #acquire} calls fail. Safe to call more than once. */
    @Override
    public void close() {
        Map<K, Entry<C>> all;
        synchronized (lock) {
            closed = true;
            all = new HashMap<>(entries);
            entries.clear();
        }
        // A client still being made is closed by its maker, which sees the flag once the factory returns.
        all.forEach((key, entry) -> {
            if (entry.made.isDone() && !entry.made.isCompletedExceptionally()) {
                closeQuietly(key, entry.made.join());
            }
        });
    }

    /** How many clients are open or being made. */
    public int size() {
        synchronized (lock) {
            return entries.size();
        }
    }

    private void make(K key, Entry<C> entry, Function<? super K, ? extends C> factory) {
        C client;
        try {
            client = factory.apply(key);
            if (client == null) {
                throw new IllegalStateException("the client factory returned no client for " + key);
            }
        } catch (RuntimeException | Error e) {
            synchronized (lock) {
                entries.remove(key, entry);
            }
            entry.made.completeExceptionally(e);
            throw e;
        }
        // Completed under the lock, so that close() either sees the client or leaves it to this maker to close.
        synchronized (lock) {
            if (!closed) {
                entry.made.complete(client);
                return;
            }
        }
        closeQuietly(key, client);
        entry.made.completeExceptionally(closedError());
        throw closedError();
    }

    private C awaitClient(K key, Entry<C> entry) {
        try {
            return entry.made.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }

    private void release(Entry<C> entry) {
        synchronized (lock) {
            entry.leases--;
            if (entry.leases == 0) {
                entry.idleSince = nanoTime.nanos();
            }
        }
    }

    private void requireOpen() {
        if (closed) {
            throw closedError();
        }
    }

    private static IllegalStateException closedError() {
        return new IllegalStateException("the shared clients are closed");
    }

    private void closeQuietly(K key, C client) {
        try {
            client.close();
        } catch (Exception e) {
            closeFailures.accept(key, e);
        }
    }

    private static void logCloseFailure(Object key, Exception failure) {
        LOGGER.log(System.Logger.Level.WARNING, "cannot close the client for {0}: {1}", key, failure.toString());
    }

    /** One key's client and how many leases hold it; guarded by the lock except {@code made}. */
    private static final class Entry<C> {
        final CompletableFuture<C> made = new CompletableFuture<>();
        int leases;
        long idleSince;
    }

    /**
     * A hold on a shared client. Closing it (once; again is a no-op) lets the client go idle when no other lease holds
     * it. Not meant to be shared between threads.
     */
    public static final class Lease<C extends AutoCloseable> implements AutoCloseable {
        private final C client;
        private final SharedClients<?, C> owner;
        private final Entry<C> entry;
        private final AtomicBoolean released = new AtomicBoolean();

        private Lease(C client, SharedClients<?, C> owner, Entry<C> entry) {
            this.client = client;
            this.owner = owner;
            this.entry = entry;
        }

        public C client() {
            return client;
        }

        @Override
        public void close() {
            if (released.compareAndSet(false, true)) {
                owner.release(entry);
            }
        }
    }
}
