package io.smc.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.smc.metrics.MetricsRegistry;
import java.lang.management.GarbageCollectorMXBean;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;

class JvmMetricsTest {
    private final MetricsRegistry registry = new MetricsRegistry();
    private final AtomicLong heap = new AtomicLong(1000);
    private final AtomicLong nonHeap = new AtomicLong(200);
    private final AtomicInteger threads = new AtomicInteger(7);
    private final FakeCollector young = new FakeCollector("G1 Young Generation", 0);
    private final FakeCollector old = new FakeCollector("G1 Old Generation", 0);
    private final FakeCollector silent = new FakeCollector("Epsilon", -1);

    private void register() {
        JvmMetrics.register(registry, heap::get, nonHeap::get, threads::get, List.of(young, old, silent));
    }

    @Test
    void everyCollectorHasASeriesFromTheStartEvenBeforeItsFirstCollection() throws Exception {
        register();

        assertEquals("""
                # HELP jvm_gc_collection_seconds_total Time spent in garbage collection, in seconds, by collector.
                # TYPE jvm_gc_collection_seconds_total counter
                jvm_gc_collection_seconds_total{gc="Epsilon"} 0
                jvm_gc_collection_seconds_total{gc="G1 Old Generation"} 0
                jvm_gc_collection_seconds_total{gc="G1 Young Generation"} 0
                # HELP jvm_memory_used_bytes Memory in use by the JVM, in bytes, by area.
                # TYPE jvm_memory_used_bytes gauge
                jvm_memory_used_bytes{area="heap"} 1000
                jvm_memory_used_bytes{area="nonheap"} 200
                # HELP jvm_threads_current Live threads of the JVM, daemons included.
                # TYPE jvm_threads_current gauge
                jvm_threads_current 7
                """, Scrapes.text(registry));
    }

    @Test
    void memoryAndThreadsAreReadAtEachScrape() throws Exception {
        register();
        heap.set(5000);
        nonHeap.set(300);
        threads.set(9);

        String text = Scrapes.text(registry);

        assertEquals(5000, Scrapes.value(text, "jvm_memory_used_bytes{area=\"heap\"}"));
        assertEquals(300, Scrapes.value(text, "jvm_memory_used_bytes{area=\"nonheap\"}"));
        assertEquals(9, Scrapes.value(text, "jvm_threads_current"));
    }

    @Test
    void collectionTimeIsCountedInSecondsAndNeverGoesDown() throws Exception {
        register();
        young.millis = 1500;
        double raised = Scrapes.value(Scrapes.text(registry),
                "jvm_gc_collection_seconds_total{gc=\"G1 Young Generation\"}");
        young.millis = 1200;
        double afterADrop = Scrapes.value(Scrapes.text(registry),
                "jvm_gc_collection_seconds_total{gc=\"G1 Young Generation\"}");
        young.millis = 2750;
        String text = Scrapes.text(registry);

        assertEquals(1.5, raised);
        assertEquals(1.5, afterADrop);
        assertEquals(2.75, Scrapes.value(text, "jvm_gc_collection_seconds_total{gc=\"G1 Young Generation\"}"));
        assertEquals(0, Scrapes.value(text, "jvm_gc_collection_seconds_total{gc=\"G1 Old Generation\"}"));
    }

    private static final class FakeCollector implements GarbageCollectorMXBean {
        private final String name;
        volatile long millis;

        FakeCollector(String name, long millis) {
            this.name = name;
            this.millis = millis;
        }

        @Override
        public long getCollectionCount() {
            return 0;
        }

        @Override
        public long getCollectionTime() {
            return millis;
        }

        @Override
        public String getName() {
            return name;
        }

        @Override
        public boolean isValid() {
            return true;
        }

        @Override
        public String[] getMemoryPoolNames() {
            return new String[0];
        }

        @Override
        public ObjectName getObjectName() {
            return null;
        }
    }
}
