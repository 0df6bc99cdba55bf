package io.smc.plan;

import io.smc.provider.StoreException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs one store-bound step per item on a few threads: a remote store answers each call after a network round trip,
 * so thousands of secrets planned one after the other would take minutes. Results keep the items' order.
 */
final class Parallel {
    /** One step, which may call the store. */
    @FunctionalInterface
    interface Step<T, R> {
        R apply(T item) throws StoreException;
    }

    private Parallel() {
    }

    /** Applies {@code step} to every item; the first failure, in item order, is thrown once all have ended. */
    static <T, R> List<R> map(List<T> items, int parallelism, Step<T, R> step) throws StoreException {
        if (parallelism <= 1 || items.size() <= 1) {
            List<R> results = new ArrayList<>(items.size());
            for (T item : items) {
                results.add(step.apply(item));
            }
            return results;
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(parallelism, items.size()), runnable -> {
            Thread thread = new Thread(runnable, "smc-store-call");
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<R>> futures = new ArrayList<>(items.size());
            for (T item : items) {
                futures.add(pool.submit(() -> step.apply(item)));
            }
            List<R> results = new ArrayList<>(items.size());
            StoreException first = null;
            for (Future<R> future : futures) {
                try {
                    results.add(future.get());
                } catch (ExecutionException e) {
                    if (first == null) {
                        first = unwrap(e.getCause());
                    }
                    results.add(null);
                }
            }
            if (first != null) {
                throw first;
            }
            return results;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw StoreException.transientFailure("interrupted while calling the store", e);
        } finally {
            pool.shutdownNow();
        }
    }

    private static StoreException unwrap(Throwable cause) {
        if (cause instanceof StoreException store) {
            return store;
        }
        if (cause instanceof RuntimeException runtime) {
            throw runtime;
        }
        if (cause instanceof Error error) {
            throw error;
        }
        return StoreException.transientFailure("a store call failed: " + cause, cause);
    }
}
