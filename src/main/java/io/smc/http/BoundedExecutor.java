package io.smc.http;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads of one server: a few daemon workers behind a bounded queue. When the queue is full, a request goes to
 * a single shedding thread instead, where the router answers 503 without doing the work; when that thread's own
 * queue is full too, the request is refused and the JDK closes its connection. Nothing waits without bound, and a
 * burst costs a few quick 503s rather than a queue that outlives the clients' timeouts.
 */
final class BoundedExecutor implements Executor {
    private final ThreadLocal<Boolean> shedding = ThreadLocal.withInitial(() -> Boolean.FALSE);
    private final ThreadPoolExecutor workers;
    private final ThreadPoolExecutor shedder;

    BoundedExecutor(String name, int threads, int queue) {
        this.shedder = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(queue),
                daemons(name + "-shed", true), new ThreadPoolExecutor.AbortPolicy());
        this.workers = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(queue),
                daemons(name + "-worker", false), (task, pool) -> shedder.execute(task));
    }

    private ThreadFactory daemons(String prefix, boolean shed) {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Runnable body = shed ? () -> {
                shedding.set(Boolean.TRUE);
                task.run();
            } : task;
            Thread thread = new Thread(body, prefix + "-" + count.incrementAndGet());
            // The server's own dispatcher thread is what keeps the process up while it serves; these never should.
            thread.setDaemon(true);
            return thread;
        };
    }

    /** @throws RejectedExecutionException when the workers and the shedding thread both have full queues */
    @Override
    public void execute(Runnable exchange) {
        workers.execute(exchange);
    }

    /** True on the shedding thread, whose requests are to be turned away. */
    boolean shedding() {
        return shedding.get();
    }

    /** Requests waiting for a worker. */
    int queued() {
        return workers.getQueue().size();
    }

    /** Interrupts whatever is running, which closes the connections it is reading or writing. */
    void shutdown() {
        workers.shutdownNow();
        shedder.shutdownNow();
    }
}
