package io.smc.kube.http;

import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Notices watches that went silent. The JDK client bounds only the wait for response headers, so a connection that
 * dies without a reset (a NAT entry dropped, a node gone) would block a watch's reader forever; the server ends a
 * healthy watch after its {@code timeoutSeconds}, so silence well past that means the connection is dead. One timer
 * thread serves every watch of a client: the reader threads stay plain blocking reads.
 *
 * <p>It measures real elapsed time, not the client's injectable ticker: it guards real sockets.
 */
final class IdleWatchdog implements AutoCloseable {
    private final ScheduledThreadPoolExecutor timer;

    IdleWatchdog() {
        timer = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "kube-watch-idle-watchdog");
            thread.setDaemon(true);
            return thread;
        });
        timer.setRemoveOnCancelPolicy(true);
    }

    /** Starts guarding: {@code onIdle} runs once if {@link Guard#touch()} is not called for {@code limit}. */
    Guard guard(Duration limit, Runnable onIdle) {
        Guard guard = new Guard(timer, limit.toNanos(), onIdle);
        guard.schedule(limit.toNanos());
        return guard;
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }

    /** One watch's guard. */
    static final class Guard {
        private final ScheduledExecutorService timer;
        private final long limitNanos;
        private final Runnable onIdle;
        private volatile long lastActivity = System.nanoTime();
        private ScheduledFuture<?> pending;
        private boolean cancelled;

        private Guard(ScheduledExecutorService timer, long limitNanos, Runnable onIdle) {
            this.timer = timer;
            this.limitNanos = limitNanos;
            this.onIdle = onIdle;
        }

        /** Data arrived: the connection is alive. Cheap, as it runs for every line. */
        void touch() {
            lastActivity = System.nanoTime();
        }

        synchronized void cancel() {
            cancelled = true;
            if (pending != null) {
                pending.cancel(false);
            }
        }

        private synchronized void schedule(long delayNanos) {
            if (!cancelled) {
                try {
                    pending = timer.schedule(this::check, delayNanos, TimeUnit.NANOSECONDS);
                } catch (RejectedExecutionException e) {
                    // The client is closed; its watches go with it.
                }
            }
        }

        // Rescheduling only when the timer fires keeps a busy watch from creating a task per line.
        private void check() {
            long idle = System.nanoTime() - lastActivity;
            if (idle < limitNanos) {
                schedule(limitNanos - idle);
                return;
            }
            synchronized (this) {
                if (cancelled) {
                    return;
                }
                cancelled = true;
            }
            onIdle.run();
        }
    }
}
