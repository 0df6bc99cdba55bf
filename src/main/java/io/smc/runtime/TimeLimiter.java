package io.smc.runtime;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Runs calls on one helper thread so that the caller stops waiting at a deadline of its own, whatever timeout the
 * call has. A call that overruns is interrupted (which cancels an HTTP exchange of the kube client) and its result
 * dropped; the next call starts once it has ended, so calls never overlap.
 */
final class TimeLimiter implements AutoCloseable {
    private final ExecutorService executor;

    TimeLimiter(String threadName) {
        executor = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, threadName);
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * The call's result, or empty when it did not end within {@code limit}.
     *
     * @throws InterruptedException the caller was interrupted; the call is interrupted too
     * @throws RuntimeException     what the call threw
     */
    <T> Optional<T> call(Supplier<T> call, Duration limit) throws InterruptedException {
        Future<T> pending = executor.submit(call::get);
        try {
            return Optional.of(pending.get(limit.toNanos(), TimeUnit.NANOSECONDS));
        } catch (TimeoutException e) {
            pending.cancel(true);
            return Optional.empty();
        } catch (InterruptedException e) {
            pending.cancel(true);
            throw e;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    /** Interrupts a call still running and lets the thread end. */
    @Override
    public void close() {
        executor.shutdownNow();
    }
}
