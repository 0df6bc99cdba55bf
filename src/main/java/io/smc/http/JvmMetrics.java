package io.smc.http;

import io.smc.metrics.Counter;
import io.smc.metrics.Gauge;
import io.smc.metrics.MetricsRegistry;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.List;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;

/**
 * The JVM's own figures, read before each scrape: memory used by area ({@code heap}, {@code nonheap}), live threads,
 * and time spent in each garbage collector.
 */
public final class JvmMetrics {
    private JvmMetrics() {
    }

    /** Registers the JVM metrics and their refresh. Once per registry: a second one would count GC time again. */
    public static void register(MetricsRegistry registry) {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        register(registry, () -> memory.getHeapMemoryUsage().getUsed(),
                () -> memory.getNonHeapMemoryUsage().getUsed(), ManagementFactory.getThreadMXBean()::getThreadCount,
                ManagementFactory.getGarbageCollectorMXBeans());
    }

    static void register(MetricsRegistry registry, LongSupplier heapUsed, LongSupplier nonHeapUsed,
            IntSupplier threads, List<GarbageCollectorMXBean> collectors) {
        Gauge memory = registry.gauge("jvm_memory_used_bytes", "Memory in use by the JVM, in bytes, by area.", "area");
        Gauge.Child heap = memory.labels("heap");
        Gauge.Child nonHeap = memory.labels("nonheap");
        Gauge threadCount = registry.gauge("jvm_threads_current", "Live threads of the JVM, daemons included.");
        Runnable readMemory = () -> {
            heap.set(heapUsed.getAsLong());
            nonHeap.set(nonHeapUsed.getAsLong());
            threadCount.set(threads.getAsInt());
        };
        readMemory.run();
        registry.onScrape(readMemory);

        Counter gcTime = registry.counter("jvm_gc_collection_seconds_total",
                "Time spent in garbage collection, in seconds, by collector.", "gc");
        for (GarbageCollectorMXBean collector : collectors) {
            RunningTotal total = new RunningTotal(gcTime.labels(collector.getName()));
            Runnable readGc = () -> {
                long millis = collector.getCollectionTime();
                // -1: this collector does not keep the figure.
                if (millis >= 0) {
                    total.advanceTo(millis / 1000.0);
                }
            };
            readGc.run();
            registry.onScrape(readGc);
        }
    }
}
