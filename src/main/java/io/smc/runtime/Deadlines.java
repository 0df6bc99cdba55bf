package io.smc.runtime;

import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Interrupts the thread of a reconcile that runs past its deadline. One timer thread serves every worker; it is a
 * daemon and starts with the first watch. Deadlines are real elapsed time, not the injected ticker's: they guard
 * real threads blocked on real I/O. A reconcile that ignores the interrupt cannot be stopped from outside; it shows
 * in {@code workqueue_longest_running_processor_seconds}.
 */
final class Deadlines implements AutoCloseable {
    private final long limitNanos;
    private final ScheduledThreadPoolExecutor timer;

    Deadlines(Duration limit, String threadName) {
        this.limitNanos = limit.toNanos();
        this.timer = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, threadName);
            thread.setDaemon(true);
            return thread;
        });
        timer.setRemoveOnCancelPolicy(true);
    }

    /**
     * Starts the deadline of the calling thread's reconcile; {@code onOverrun} runs on the timer thread just before
     * the interrupt. After {@link #close()} nothing is watched any more.
     */
    Watch watch(Runnable onOverrun) {
        Watch watch = new Watch(Thread.currentThread(), onOverrun);
        synchronized (watch) {
            try {
                watch.timeout = timer.schedule(watch::expire, limitNanos, TimeUnit.NANOSECONDS);
            } catch (RejectedExecutionException e) {
                // Stopping: the reconciles still running were or will be interrupted by the stop itself.
            }
        }
        return watch;
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }

    /** One reconcile's deadline. */
    static final class Watch {
        private final Thread thread;
        private final Runnable onOverrun;
        // Guarded by this: the interrupt and the end of the reconcile exclude each other, so an interrupt meant for
        // this reconcile can never land in the next one.
        private ScheduledFuture<?> timeout;
        private boolean finished;
        private boolean overran;

        private Watch(Thread thread, Runnable onOverrun) {
            this.thread = thread;
            this.onOverrun = onOverrun;
        }

        private synchronized void expire() {
            if (!finished) {
                overran = true;
                onOverrun.run();
                thread.interrupt();
            }
        }

        /**
         * Ends the watch, on the watched thread, and clears the interrupt the deadline delivered, if it did.
         *
         * @return whether the deadline passed
         */
        boolean finish() {
            boolean interrupted;
            synchronized (this) {
                finished = true;
                if (timeout != null) {
                    timeout.cancel(false);
                }
                interrupted = overran;
            }
            if (interrupted) {
                Thread.interrupted();
            }
            return interrupted;
        }
    }
}
